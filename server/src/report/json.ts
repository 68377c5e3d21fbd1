import * as path from 'node:path';
import type { ScanResult } from '../engine/finding';

/** The JSON contract of DESIGN.md: 1-based lines and columns, paths relative to cwd. */
export function toJson(result: ScanResult, cwd: string): string {
  return JSON.stringify(
    {
      version: '1',
      findings: result.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        file: relative(f.file, cwd),
        range: {
          start: { line: f.range.start.line + 1, column: f.range.start.character + 1 },
          end: { line: f.range.end.line + 1, column: f.range.end.character + 1 },
        },
        aliases: f.aliases,
        fixable: !!f.fix,
      })),
      errors: result.errors.map((e) => ({ file: relative(e.file, cwd), message: e.message })),
    },
    null,
    2,
  );
}

export function relative(file: string, cwd: string): string {
  const r = path.relative(cwd, file);
  return (r === '' ? file : r).split(path.sep).join('/');
}
