import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { initHcl } from '../hcl/parser';
import type { SourceFile } from '../module/workspace';
import type { ScanResult } from './finding';
import { groupBy } from '../group-by';
import type { Rule } from './rule';
import { combineShares, readInput, type ScanInput, type ScanOptions, type ScanShare, scanShare } from './scan';

/** Narrows what a scan analyses (`--shard`, `--changed-since`): the module groups to scan, and the input they belong to. */
export type SelectModules = (input: ScanInput, groups: SourceFile[][]) => { input: ScanInput; groups: SourceFile[][] };

/** Below this much text per thread, starting a worker costs more than it saves. */
const MIN_BYTES_PER_THREAD = 512 * 1024;
const MAX_THREADS = 8;

/**
 * Scans paths over worker threads, one per core (bounded), this thread taking one share.
 * A share is a set of whole module directories, kept together with the local modules they
 * call, so every cross-module step (a caller's arguments reaching a child module's
 * resources) happens inside one thread and the result equals the single-threaded scan.
 * Small inputs, or a missing worker script, are scanned in this thread alone.
 *
 * `workerScript` runs `scan-worker` (the bundle's `dist/scan-worker.js`), which scans with
 * every rule: `rules` must be ALL_RULES for the result to be the same.
 */
export async function scanPathsParallel(
  paths: readonly string[],
  workerScript: string,
  rules: readonly Rule[],
  options: ScanOptions & { threads?: number; select?: SelectModules } = {},
): Promise<ScanResult> {
  await initHcl();
  const read = readInput(paths, options);
  const { input, groups } = options.select ? options.select(read, moduleGroups(read.sources)) : { input: read, groups: moduleGroups(read.sources) };
  const bytes = groups.reduce((n, g) => g.reduce((m, s) => m + s.text.length, n), 0);
  const wanted = options.threads ?? Math.min(os.availableParallelism(), Math.floor(bytes / MIN_BYTES_PER_THREAD));
  // A custom reader (tests, the editor's open documents) exists only in this thread.
  const threads = fs.existsSync(workerScript) && !options.reader ? Math.max(1, Math.min(wanted, MAX_THREADS, groups.length)) : 1;
  const shares = balance(groups, threads);
  const workers = shares.slice(1).map(
    (sources) =>
      new Promise<ScanShare>((resolve, reject) => {
        const w = new Worker(workerScript, { workerData: { sources, roots: input.roots, options: { config: options.config } } });
        w.once('message', (r: ScanShare) => resolve(r));
        w.once('error', reject);
        w.once('exit', (code) => code !== 0 && reject(new Error(`scan worker exited with ${code}`)));
      }),
  );
  // This thread's share runs while the workers start and scan theirs.
  const own = scanShare(shares[0] ?? [], rules, input.roots, options);
  return combineShares(input, [own, ...(await Promise.all(workers))]);
}

/**
 * Sources grouped by module directory, directories that call one another locally
 * (`source = "./x"`, `"../x"`, `"${path.module}/x"`) in one group; each group in file order.
 */
export function moduleGroups(sources: readonly SourceFile[]): SourceFile[][] {
  const dirs = new Map<string, string>();
  const find = (d: string): string => {
    let r = d;
    while (dirs.get(r) !== r) r = dirs.get(r)!;
    dirs.set(d, r);
    return r;
  };
  for (const s of sources) dirs.set(path.dirname(s.path), path.dirname(s.path));
  for (const [caller, callee] of localCalls(sources)) dirs.set(find(callee), find(caller));
  return [...groupBy(sources, (s) => find(path.dirname(s.path))).values()];
}

/** [caller directory, called directory] for each local module call between the sources' directories. */
export function localCalls(sources: readonly SourceFile[]): [string, string][] {
  const dirs = new Set(sources.map((s) => path.dirname(s.path)));
  const out: [string, string][] = [];
  for (const s of sources) {
    const dir = path.dirname(s.path);
    for (const m of s.text.matchAll(LOCAL_SOURCE)) {
      const target = path.resolve(dir, m[1] ?? m[2]);
      if (dirs.has(target)) out.push([dir, target]);
    }
  }
  return out;
}

const LOCAL_SOURCE = /\bsource\s*=\s*"(?:\$\{path\.module\}\/([^"]*)|(\.{1,2}(?:\/[^"]*)?))"/g;

/** Groups spread over `threads` shares by size, largest first; each share in file order. */
function balance(groups: SourceFile[][], threads: number): SourceFile[][] {
  const order = new Map<SourceFile, number>();
  groups.flat().forEach((s, i) => order.set(s, i));
  const size = (g: SourceFile[]) => g.reduce((n, s) => n + s.text.length, 0);
  const shares: SourceFile[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  for (const g of [...groups].sort((a, b) => size(b) - size(a))) {
    const i = load.indexOf(Math.min(...load));
    shares[i].push(...g);
    load[i] += size(g);
  }
  return shares.map((s) => s.sort((a, b) => order.get(a)! - order.get(b)!));
}
