import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { collectFiles } from '../module/workspace';
import { compareFindings, type ScanResult } from './finding';

/**
 * Scans paths with worker threads, one per core (bounded), each scanning whole module
 * directories, so cross-file analysis stays within one worker. The result equals the
 * single-threaded scan: same findings, same order.
 *
 * `workerScript` is a script that runs `runScanWorker` (the bundle's `scan-worker.js`, or
 * the TypeScript entry under tsx, with `execArgv`).
 */
export async function scanPathsParallel(
  paths: readonly string[],
  workerScript: string,
  options: { threads?: number; execArgv?: string[] } = {},
): Promise<ScanResult> {
  const { files, errors } = collectFiles(paths.map((p) => path.resolve(p)));
  const byDir = new Map<string, string[]>();
  for (const f of files) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  const threads = Math.max(1, Math.min(options.threads ?? os.availableParallelism(), 8, byDir.size));
  // Balance by bytes of work, largest modules first.
  const groups: string[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  for (const [, list] of [...byDir].sort((a, b) => b[1].length - a[1].length)) {
    const i = load.indexOf(Math.min(...load));
    groups[i].push(...list);
    load[i] += list.length;
  }
  const results = await Promise.all(
    groups.map(
      (group) =>
        new Promise<ScanResult>((resolve, reject) => {
          const w = new Worker(workerScript, { workerData: { files: group }, execArgv: options.execArgv ?? [] });
          w.once('message', (r: ScanResult) => resolve(r));
          w.once('error', reject);
          w.once('exit', (code) => code !== 0 && reject(new Error(`scan worker exited with ${code}`)));
        }),
    ),
  );
  const findings = results.flatMap((r) => r.findings).sort(compareFindings);
  return { findings, errors: [...errors, ...results.flatMap((r) => r.errors)] };
}
