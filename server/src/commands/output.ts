import * as fs from 'node:fs';

interface Problem {
  readonly file: string;
  readonly message: string;
  readonly at?: string;
}

/**
 * Writes a report to --output or stdout. Errors and notices are part of every report; they
 * are echoed to stderr only when no person reads that report as text on the terminal (JSON,
 * SARIF, or --output), so each is seen once.
 */
export function emitReport(out: string, options: { output?: string; text: boolean; errors: readonly Problem[]; notices: readonly Problem[] }): void {
  if (options.output) fs.writeFileSync(options.output, out);
  else process.stdout.write(out);
  if (options.text && !options.output) return;
  for (const e of options.errors) process.stderr.write(`perimeter: ${e.file}${e.at ?? ''}: ${e.message}\n`);
  for (const n of options.notices) process.stderr.write(`perimeter: ${n.file}: notice: ${n.message}\n`);
}
