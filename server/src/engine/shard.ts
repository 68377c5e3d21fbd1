import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { SourceFile } from '../module/workspace';
import { localCalls } from './groups';
import type { SelectModules } from './parallel';
import type { ScanError } from './finding';
import type { ScanInput } from './scan';

/**
 * Splitting a scan into parts (`--shard i/n`) and narrowing it to what changed
 * (`--changed-since`). Both choose whole module groups or directories before the analysis,
 * so every cross-module step (a caller's arguments reaching a child module) happens inside
 * the part that scans the caller.
 */

interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** `i/n` with 1 ≤ i ≤ n; undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * The shard a key belongs to, by rendezvous (highest random weight) hashing: each shard
 * scores the key, the highest score wins. Adding or removing other keys never moves a key,
 * and changing n moves only about 1/n of them.
 */
export function shardOfKey(key: string, count: number): number {
  let best = 1;
  let bestScore = '';
  for (let j = 1; j <= count; j++) {
    const score = crypto.createHash('sha256').update(`${j}\u0000${key}`).digest('hex');
    if (score > bestScore) {
      bestScore = score;
      best = j;
    }
  }
  return best;
}

/**
 * A group's key: its first directory (in path order) relative to the root. A group holds
 * modules that call each other; its key changes only when a local call joins or splits groups.
 */
export function groupKey(group: readonly SourceFile[], root: string): string {
  const dirs = [...new Set(group.map((s) => posix(path.relative(root, path.dirname(s.path))) || '.'))].sort();
  return dirs[0] ?? '.';
}

/** Keeps the module groups (and the read errors and notices of their directories) of one shard. */
export function selectShard(shard: Shard, root: string): SelectModules {
  return (input, groups) => {
    const kept = groups.filter((g) => shardOfKey(groupKey(g, root), shard.count) === shard.index);
    // A file that could not be read belongs to the shard of its directory's group, else of its directory.
    const keyOfDir = new Map<string, string>();
    for (const g of groups) {
      const key = groupKey(g, root);
      for (const s of g) keyOfDir.set(path.dirname(s.path), key);
    }
    const mine = (e: ScanError) => {
      const dir = path.dirname(e.file);
      return shardOfKey(keyOfDir.get(dir) ?? (posix(path.relative(root, dir)) || '.'), shard.count) === shard.index;
    };
    return { input: narrowInput(input, kept, mine), groups: kept };
  };
}

function narrowInput(input: ScanInput, groups: readonly SourceFile[][], keepError: (e: ScanError) => boolean): ScanInput {
  return {
    ...input,
    sources: groups.flat(),
    errors: input.errors.filter(keepError),
    ...(input.notices ? { notices: input.notices.filter(keepError) } : {}),
  };
}

/**
 * The directories to scan when `changed` files (absolute paths) changed: each changed file's
 * module (its directory, or the nearest enclosing module directory for a file in a folder that
 * is not one, e.g. `policies/x.json` read by file()), then every module that calls one of those,
 * transitively (local `source = "../x"` calls).
 */
export function affectedDirs(sources: readonly SourceFile[], changed: readonly string[]): Set<string> {
  const modules = new Set(sources.map((s) => path.dirname(s.path)));
  const out = new Set<string>();
  for (const file of changed) {
    let dir = path.dirname(file);
    for (;;) {
      if (modules.has(dir)) {
        out.add(dir);
        break;
      }
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  const callers = new Map<string, string[]>();
  for (const [caller, callee] of localCalls(sources)) callers.set(callee, [...(callers.get(callee) ?? []), caller]);
  const todo = [...out];
  while (todo.length) {
    const d = todo.pop()!;
    for (const c of callers.get(d) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        todo.push(c);
      }
    }
  }
  return out;
}

/** Keeps the modules affected by the changed files (see affectedDirs), and the read errors of changed files. */
export function selectChanged(changed: readonly string[]): SelectModules {
  return (input, groups) => {
    const dirs = affectedDirs(input.sources, changed);
    const kept = groups.map((g) => g.filter((s) => dirs.has(path.dirname(s.path)))).filter((g) => g.length);
    const changedSet = new Set(changed);
    return { input: narrowInput(input, kept, (e) => dirs.has(path.dirname(e.file)) || changedSet.has(e.file)), groups: kept };
  };
}
