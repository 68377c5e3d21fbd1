import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SourceFile } from '../module/workspace';
import type { ScanResult } from './finding';
import { moduleGroups } from './groups';
import type { Rule } from './rule';
import { combineShares, readInput, type ScanInput, type ScanOptions, type ScanShare, scanShare } from './scan';

/** Narrows what a scan analyses (`--shard`, `--changed-since`): the module groups to scan, and the input they belong to. */
export type SelectModules = (input: ScanInput, groups: SourceFile[][]) => { input: ScanInput; groups: SourceFile[][] };

/** Below this much text per thread, starting a worker costs more than it saves. */
const MIN_BYTES_PER_THREAD = 512 * 1024;
const MAX_THREADS = 8;

/**
 * Scans paths over worker threads, one per core but one (bounded), this thread taking one share.
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
  const read = readInput(paths, options);
  const { input, groups } = options.select ? options.select(read, moduleGroups(read.sources)) : { input: read, groups: moduleGroups(read.sources) };
  const bytes = groups.reduce((n, g) => g.reduce((m, s) => m + s.text.length, n), 0);
  // One core stays with V8's own helper threads (garbage collection, optimizing compiler): on
  // 2 cores a worker made the field set 18% slower (1.71 s against 1.45 s on one thread).
  const wanted = options.threads ?? Math.min(os.availableParallelism() - 1, Math.floor(bytes / MIN_BYTES_PER_THREAD));
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
