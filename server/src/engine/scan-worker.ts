import { parentPort, workerData } from 'node:worker_threads';
import { ALL_RULES } from '../../../rules/index';
import { initHcl } from '../hcl/parser';
import { readSources } from '../module/workspace';
import { scanSources } from './scan';

/** Worker side of scanPathsParallel: scans the files it is given, posts the result. */
async function main(): Promise<void> {
  await initHcl();
  const { files } = workerData as { files: string[] };
  const read = readSources(files);
  const result = scanSources(read.sources, ALL_RULES);
  // Fixes hold only offsets and text: they cross the thread boundary as plain data.
  parentPort!.postMessage({ findings: result.findings, errors: [...read.errors, ...result.errors] });
}

void main();
