// The .vsix holds every file the extension reads at run time: `vsce ls` lists what
// .vscodeignore lets into the package (a file left out works in a clone and fails installed).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';

describe('the packaged extension', () => {
  it('holds the client, the server and CLI loaders and bundles, the catalogues and the rule docs', () => {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = new Set(execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean));
    const needed = [
      'package.json',
      // package.json's main; it starts dist/server.js, which runs dist/server-main.js.
      'dist/client.js',
      'dist/server.js',
      'dist/server-main.js',
      // The CLI is packaged too: its bin runs the bundle beside it.
      'dist/cli.js',
      'dist/cli-main.js',
      // Its threads run this on large inputs where the machine has cores to spare.
      'dist/scan-worker.js',
      // Read beside the server bundle on first use.
      'dist/iam-catalogue.txt',
      'dist/authoring-catalogue.txt',
      ...fs.readdirSync(path.join(ROOT, 'rules'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `rules/${e.name}/README.md`),
    ];
    assert.deepEqual(needed.filter((f) => !listed.has(f)), []);
  });
});
