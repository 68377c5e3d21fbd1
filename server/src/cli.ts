import { MERGE_SARIF_USAGE, mergeSarifCommand } from './commands/merge-sarif';
import { POLICIES_USAGE, policiesCommand } from './commands/policies';
import { SCAN_USAGE, scanCommand } from './commands/scan';
import { UsageError } from './commands/usage';
import { saveCodeCache } from './save-code-cache';

/**
 * Each subcommand: its usage text, its entry point (returns the exit code) and whether it
 * analyses Terraform: after those, the code cache is saved (see save-code-cache.ts), so that
 * it holds the analysis's functions; one saved after `--help` would hold little of use.
 */
const COMMANDS: Record<string, { usage: string; run: (args: string[]) => Promise<number>; analyses: boolean }> = {
  scan: { usage: SCAN_USAGE, run: scanCommand, analyses: true },
  policies: { usage: POLICIES_USAGE, run: policiesCommand, analyses: true },
  'merge-sarif': { usage: MERGE_SARIF_USAGE, run: mergeSarifCommand, analyses: false },
};

function usage(): string {
  return `Usage:\n${Object.values(COMMANDS)
    .map((c) => `  ${c.usage}`)
    .join('\n\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage());
    return command ? 0 : 2;
  }
  const c = COMMANDS[command];
  if (!c) throw new UsageError(`unknown command "${command}"`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: ${c.usage}\n`);
    return 0;
  }
  const code = await c.run(rest);
  if (c.analyses) saveCodeCache();
  return code;
}

/**
 * A reader that stops early (`perimeter scan | head`) closes the pipe: the rest of the report
 * is not wanted, so the run ends quietly with its own exit code. Any other failure to write
 * the report is an I/O error (exit 2).
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    process.stderr.write(`perimeter: cannot write the report: ${e.message}\n`);
    process.exitCode = 2;
  });
}

// The program (dist/cli-main.js), started by dist/cli.js (server/src/boot/cli.ts), which
// is the main module: nothing imports this file.
quietOnClosedPipe(process.stdout);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`perimeter: ${(e as Error).message}\n\n${usage()}`);
    } else {
      process.stderr.write(`perimeter: ${(e as Error).stack ?? String(e)}\n`);
    }
    process.exitCode = 2;
  },
);
