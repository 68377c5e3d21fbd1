import * as path from 'node:path';
import { groupBy } from '../group-by';
import type { SourceFile } from '../module/workspace';

/**
 * Modules that call one another locally are analysed together: a caller's arguments reach
 * the called module's resources, so a finding in the called module can come from any of its
 * callers. The CLI splits a scan over threads by these groups; the editor re-analyses the
 * group of the module being edited. Both decide with the functions below, so they agree.
 */

const LOCAL_SOURCE = /\bsource\s*=\s*"(?:\$\{path\.module\}\/([^"]*)|(\.{1,2}(?:\/[^"]*)?))"/g;

/**
 * The directories a module's files call as local modules (`source = "./x"`, `"../x"`,
 * `"${path.module}/x"`). Read from the text, not the AST, so it is cheap enough to redo on
 * every keystroke; a false match only makes a group larger, never a result different.
 */
export function localCallTargets(dir: string, texts: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(LOCAL_SOURCE)) out.add(path.resolve(dir, m[1] ?? m[2]));
  out.delete(dir);
  return [...out];
}

/**
 * Directories joined with every directory they call or are called by (among `dirs`), as
 * groups: each group in `dirs` order, groups in the order of their first directory.
 */
export function callGroups(dirs: readonly string[], targetsOf: (dir: string) => readonly string[]): string[][] {
  const parent = new Map<string, string>(dirs.map((d) => [d, d]));
  const find = (d: string): string => {
    let r = d;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(d, r);
    return r;
  };
  for (const d of dirs) {
    for (const t of targetsOf(d)) {
      if (!parent.has(t)) continue;
      const a = find(t);
      const b = find(d);
      if (a !== b) parent.set(a, b);
    }
  }
  return [...groupBy(dirs, find).values()];
}

/** Sources grouped as their module directories are (callGroups above); each group in file order. */
export function moduleGroups(sources: readonly SourceFile[]): SourceFile[][] {
  const byDir = groupBy(sources, (s) => path.dirname(s.path));
  const dirs = [...byDir.keys()];
  const groups = callGroups(dirs, (d) => localCallTargets(d, byDir.get(d)!.map((s) => s.text)));
  const order = new Map(sources.map((s, i) => [s, i]));
  return groups.map((g) => g.flatMap((d) => byDir.get(d)!).sort((a, b) => order.get(a)! - order.get(b)!));
}

/** [caller directory, called directory] for each local module call between the sources' directories. */
export function localCalls(sources: readonly SourceFile[]): [string, string][] {
  const byDir = groupBy(sources, (s) => path.dirname(s.path));
  const out: [string, string][] = [];
  for (const [dir, files] of byDir) {
    for (const target of localCallTargets(dir, files.map((s) => s.text))) if (byDir.has(target)) out.push([dir, target]);
  }
  return out;
}
