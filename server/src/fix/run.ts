import type { Finding } from '../engine/finding';
import type { FileEdit } from '../engine/rule';
import { applyEdits } from './apply';

interface FixPlan {
  /** New text per file, for files that change. */
  readonly files: Map<string, { before: string; after: string }>;
  /** The findings whose fix is in the plan. */
  readonly applied: Finding[];
  /** Findings with a fix that overlapped an earlier one in this round (retried next round). */
  readonly deferred: Finding[];
}

/**
 * Chooses, per file, a set of non-overlapping fixes and computes the new texts. A fix
 * whose edits span several files is taken whole or not at all. Findings come in report
 * order, so the plan is deterministic.
 */
export function planFixes(findings: readonly Finding[], readText: (file: string) => string | undefined): FixPlan {
  const taken = new Map<string, FileEdit[]>();
  const applied: Finding[] = [];
  const deferred: Finding[] = [];
  const overlaps = (e: FileEdit): boolean =>
    (taken.get(e.file) ?? []).some(
      // Two insertions at one point would interleave unpredictably: treat them as overlapping too.
      (t) => (e.span.start < t.span.end && t.span.start < e.span.end) || e.span.start === t.span.start,
    );
  for (const f of findings) {
    if (!f.fix || f.fix.edits.length === 0) continue;
    if (f.fix.edits.some(overlaps)) {
      deferred.push(f);
      continue;
    }
    for (const e of f.fix.edits) taken.set(e.file, [...(taken.get(e.file) ?? []), e]);
    applied.push(f);
  }
  const files = new Map<string, { before: string; after: string }>();
  for (const [file, edits] of taken) {
    const before = readText(file);
    if (before === undefined) throw new Error(`cannot read ${file} to fix it`);
    files.set(file, { before, after: applyEdits(before, edits) });
  }
  return { files, applied, deferred };
}
