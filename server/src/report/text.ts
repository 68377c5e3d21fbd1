import type { ScanResult } from '../engine/finding';
import { relative } from './json';

/** One line per finding, `file:line:col  severity  rule  message`, like compilers print. */
export function toText(result: ScanResult, cwd: string): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    const at = `${relative(f.file, cwd)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(`${at}  ${f.severity}  ${f.ruleId}  ${f.message}`);
  }
  for (const e of result.errors) {
    const at = e.range ? `:${e.range.start.line + 1}:${e.range.start.character + 1}` : '';
    lines.push(`${relative(e.file, cwd)}${at}: error: ${e.message}`);
  }
  for (const n of result.notices ?? []) lines.push(`${relative(n.file, cwd)}: notice: ${n.message}`);
  const counts = countBySeverity(result);
  lines.push(
    result.findings.length === 0
      ? 'No findings.'
      : `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${counts}).`,
  );
  return lines.join('\n') + '\n';
}

function countBySeverity(result: ScanResult): string {
  const m = new Map<string, number>();
  for (const f of result.findings) m.set(f.severity, (m.get(f.severity) ?? 0) + 1);
  return [...m.entries()].map(([s, n]) => `${n} ${s}`).join(', ');
}
