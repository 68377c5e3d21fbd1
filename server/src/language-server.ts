#!/usr/bin/env node
// `perimeter-language-server`: the language server for any LSP client (Neovim, Helix, Emacs,
// JetBrains…). It checks the transport argument before starting the server, so a person who
// runs it by hand reads a usage line instead of the LSP library's stack trace.
import * as path from 'node:path';
import { version } from './version';

export const LANGUAGE_SERVER_USAGE = `Usage: perimeter-language-server --stdio
       perimeter-language-server --node-ipc | --socket=PORT | --pipe=NAME

  The Perimeter language server (LSP). Editors start it with a transport; --stdio is the
  one most clients use. Diagnostics are pushed (textDocument/publishDiagnostics).
  --version prints the version.`;

const TRANSPORT = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;

export function transportOf(args: readonly string[]): string | undefined {
  return args.find((a) => TRANSPORT.test(a));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`${version}\n`);
  } else if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${LANGUAGE_SERVER_USAGE}\n`);
  } else if (!transportOf(args)) {
    process.stderr.write(`perimeter-language-server: no transport given\n\n${LANGUAGE_SERVER_USAGE}\n`);
    process.exitCode = 2;
  } else {
    // The server bundle beside this file (not bundled twice): it reads the transport from argv.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file found at run time
    require(path.join(__dirname, 'server.js'));
  }
}
