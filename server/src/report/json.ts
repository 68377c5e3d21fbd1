import * as path from 'node:path';
import { type BaselineEntry, type BaselineState, fingerprintsOf } from '../engine/baseline';
import type { Range, ScanResult } from '../engine/finding';

/** What a report adds to each finding: its fingerprint and, against a baseline, its state. */
export interface ReportExtras {
  /** Per finding (see engine/baseline.ts); computed from the files on disk when absent. */
  readonly fingerprints?: readonly string[];
  /** Per finding, when the scan was compared with a baseline. */
  readonly states?: readonly BaselineState[];
  /** Baseline entries the scan no longer finds. */
  readonly absent?: readonly BaselineEntry[];
}

/** The JSON contract of DESIGN.md: 1-based lines and columns, paths relative to cwd. */
export function toJson(result: ScanResult, cwd: string, extras: ReportExtras = {}): string {
  const fingerprints = extras.fingerprints ?? fingerprintsOf(result.findings, cwd);
  return JSON.stringify(
    {
      version: '1',
      findings: result.findings.map((f, i) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        file: relative(f.file, cwd),
        range: oneBased(f.range),
        aliases: f.aliases,
        fixable: !!f.fix,
        fingerprint: fingerprints[i],
        ...(extras.states ? { baseline: extras.states[i] } : {}),
      })),
      ...(extras.absent ? { absent: extras.absent.map((e) => ({ ...e, baseline: 'absent' })) } : {}),
      errors: result.errors.map((e) => ({ file: relative(e.file, cwd), message: e.message, ...(e.range ? { range: oneBased(e.range) } : {}) })),
      notices: (result.notices ?? []).map((n) => ({ file: relative(n.file, cwd), message: n.message })),
    },
    null,
    2,
  );
}

function oneBased(r: Range): { start: { line: number; column: number }; end: { line: number; column: number } } {
  return { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } };
}

export function relative(file: string, cwd: string): string {
  const r = path.relative(cwd, file);
  return (r === '' ? file : r).split(path.sep).join('/');
}
