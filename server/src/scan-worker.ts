import { parentPort, workerData } from 'node:worker_threads';
import { ALL_RULES } from '../../rules/index';
import type { SourceFile } from './module/workspace';
import type { PerimeterConfig } from './engine/config';
import { scanShare } from './engine/scan';

/** Worker side of scanPathsParallel: scans the share it is given, posts the result. */
async function main(): Promise<void> {
  const { sources, roots, options } = workerData as { sources: SourceFile[]; roots: string[]; options: { config?: PerimeterConfig } };
  // Fixes hold only offsets and text: the result crosses the thread boundary as plain data.
  parentPort!.postMessage(scanShare(sources, ALL_RULES, roots, options));
}

void main();
