import * as assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SERVER_ENVIRONMENT, serverEnvironment } from '../../client/src/server-environment';
import { tempDir } from '../helpers';

describe('the language server\'s environment, as the client starts it', () => {
  it('has no NODE_EXTRA_CA_CERTS and keeps every other variable', () => {
    const env = serverEnvironment({ PATH: '/bin', HOME: '/home/u', NODE_EXTRA_CA_CERTS: '/etc/proxy.pem', NODE_OPTIONS: '--max-old-space-size=4096' });
    assert.equal(env.NODE_EXTRA_CA_CERTS, undefined);
    assert.equal(env.PATH, '/bin');
    assert.equal(env.HOME, '/home/u');
    assert.equal(env.NODE_OPTIONS, '--max-old-space-size=4096', 'the user\'s Node options are theirs');
  });

  it('removes the variable from a process forked as vscode-languageclient forks the server', async () => {
    // vscode-languageclient copies the editor's environment, then sets the server options'
    // `env` over it, key by key; Node leaves undefined values out of the child's environment.
    const editor: Record<string, string | undefined> = { ...process.env, NODE_EXTRA_CA_CERTS: '/etc/proxy.pem', PERIMETER_PROBE: 'kept' };
    const merged: Record<string, string | undefined> = { ...editor, ELECTRON_RUN_AS_NODE: '1' };
    for (const key of Object.keys(SERVER_ENVIRONMENT)) merged[key] = SERVER_ENVIRONMENT[key];
    const dir = tempDir('perimeter-env-');
    const child = path.join(dir, 'child.js');
    fs.writeFileSync(child, 'process.send({ certs: process.env.NODE_EXTRA_CA_CERTS ?? null, probe: process.env.PERIMETER_PROBE ?? null }, () => process.exit(0));\n');
    try {
      const seen = await new Promise<{ certs: string | null; probe: string | null }>((resolve, reject) => {
        const p = fork(child, [], { env: merged, silent: true });
        p.once('message', (m) => resolve(m as { certs: string | null; probe: string | null }));
        p.once('error', reject);
      });
      assert.deepEqual(seen, { certs: null, probe: 'kept' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an empty value, as the README has other editors set it, makes Node load no certificates at start', () => {
    // Node reports a certificate file it could not load on stderr while it starts: it tries
    // a path that names no file, and leaves an empty value alone.
    const missing = path.join(os.tmpdir(), `perimeter-no-such-${process.pid}.pem`);
    const start = (value: string) => spawnSync(process.execPath, ['-e', '0'], { env: { ...process.env, NODE_EXTRA_CA_CERTS: value }, encoding: 'utf8' });
    assert.match(start(missing).stderr, /extra certs/i);
    assert.equal(start('').stderr, '');
  });
});
