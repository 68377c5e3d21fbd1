import * as fs from 'node:fs';
import type { ScanResult } from '../engine/finding';
import { planFixes } from './run';
import { writeFileSafely } from './write';

interface FixReport {
  /** Fixes applied, by file. */
  readonly changed: Map<string, number>;
  /** The scan after the last round: what remains. */
  readonly remaining: ScanResult;
  readonly errors: { file: string; message: string }[];
}

const MAX_ROUNDS = 10;

/**
 * `--fix`: applies every safe fix in place, round after round (a fix can make another
 * applicable, and overlapping fixes wait for the next round), until nothing changes.
 * Suppressions are never applied automatically. Running it again changes nothing.
 */
export async function fixInPlace(scan: () => Promise<ScanResult>): Promise<FixReport> {
  const changed = new Map<string, number>();
  const errors: { file: string; message: string }[] = [];
  let result = await scan();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const plan = planFixes(result.findings, (f) => {
      try {
        return fs.readFileSync(f, 'utf8');
      } catch {
        return undefined;
      }
    });
    if (plan.files.size === 0) break;
    let wrote = false;
    for (const [file, { before, after }] of plan.files) {
      try {
        writeFileSafely(file, before, after);
        wrote = true;
        const n = plan.applied.filter((f) => f.fix!.edits.some((e) => e.file === file)).length;
        changed.set(file, (changed.get(file) ?? 0) + n);
      } catch (e) {
        errors.push({ file, message: (e as Error).message });
      }
    }
    if (!wrote) break;
    result = await scan();
  }
  return { changed, remaining: result, errors };
}
