import type { ScanResult } from '../engine/finding';
import type { Severity } from '../engine/rule';
import { relative } from './json';

/**
 * GitHub Actions workflow commands: one `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
 * line per finding, shown as annotations on the pull request. Severity maps to the command
 * (critical and high: error, medium: warning, low: notice); errors of the scan are errors and
 * notices notices. Positions are 1-based, paths relative to the working directory (the checkout).
 */
const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' };

/** A command's message: `%`, CR and LF escaped (GitHub's escapeData). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: also `:` and `,`, which end a property (GitHub's escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: string, props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

export function toGithub(result: ScanResult, cwd: string): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(
      command(
        COMMAND[f.severity],
        {
          file: relative(f.file, cwd),
          line: f.range.start.line + 1,
          col: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          title: `${f.ruleId} (${f.severity})`,
        },
        f.message,
      ),
    );
  }
  for (const e of result.errors) {
    const at = e.range ? { line: e.range.start.line + 1, col: e.range.start.character + 1 } : {};
    lines.push(command('error', { file: relative(e.file, cwd), ...at, title: 'perimeter: error' }, e.message));
  }
  for (const n of result.notices ?? []) lines.push(command('notice', { file: relative(n.file, cwd), title: 'perimeter: notice' }, n.message));
  return lines.length ? lines.join('\n') + '\n' : '';
}
