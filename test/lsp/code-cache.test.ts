// The server's V8 code cache, with the real dist/server.js over stdio: the first start
// writes it after its first diagnostics, the next start takes it (V8 does not reject it) and
// publishes the same diagnostics, and no state of the cache folder stops a start. Every
// server here gets a temporary home and cache folder: the user's own are never touched.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { tempDir } from '../helpers';
import { LspClient } from './lsp-client';

const POSIX = process.platform !== 'win32';

/** A workspace with one finding. */
const ws = tempDir();
fs.writeFileSync(path.join(ws, 'main.tf'), 'resource "aws_s3_bucket_acl" "b" {\n  bucket = "x"\n  acl    = "public-read"\n}\n');

/** An environment whose cache folder (every platform's) is under `home`, with the loader's debug lines on. */
function envFor(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // Not the switch test/run.mjs may have set.
  const { PERIMETER_CODE_CACHE: _, ...env } = process.env;
  return { ...env, HOME: home, XDG_CACHE_HOME: home, LOCALAPPDATA: home, PERIMETER_CODE_CACHE_DEBUG: '1', ...extra };
}

function cacheDir(home: string): string {
  return process.platform === 'darwin' ? path.join(home, 'Library', 'Caches', 'perimeter', 'code-cache') : path.join(home, 'perimeter', 'code-cache');
}

/**
 * Starts a server, waits for its workspace scan, `lingerMs` more and, when `until` is given,
 * for that stderr line (the cache written after the first diagnostics); returns its
 * diagnostics and stderr.
 */
async function run(env: NodeJS.ProcessEnv, until?: RegExp, lingerMs = 0): Promise<{ diagnostics: string; stderr: string }> {
  const client = new LspClient(env);
  try {
    await client.initialize(URI.file(ws).toString());
    await client.scanned();
    await new Promise((r) => setTimeout(r, lingerMs));
    const deadline = Date.now() + 10_000;
    while (until && !until.test(client.stderr)) {
      if (Date.now() > deadline) throw new Error(`no ${until} on stderr: ${client.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const diagnostics = JSON.stringify([...client.allDiagnostics()].map(([uri, p]) => [uri, p.diagnostics]));
    return { diagnostics, stderr: client.stderr };
  } finally {
    await client.stop();
  }
}

describe('the server\'s code cache', () => {
  it('is written by the first start, used by the next, which publishes the same diagnostics', async () => {
    const home = tempDir();
    const first = await run(envFor(home), /code cache: wrote /);
    assert.match(first.stderr, /code cache: none /);
    assert.match(first.diagnostics, /aws-s3-public-acl/);
    const files = fs.readdirSync(cacheDir(home));
    assert.equal(files.length, 1, files.join(', '));
    assert.match(files[0], /^server-main-[0-9a-f]{24}-[0-9a-f]{8}\.cache$/);
    if (POSIX) assert.equal(fs.statSync(cacheDir(home)).mode & 0o777, 0o700);

    const second = await run(envFor(home));
    assert.match(second.stderr, /code cache: accepted /, 'V8 took the cache (cachedDataRejected false)');
    assert.doesNotMatch(second.stderr, /code cache: wrote /);
    assert.equal(second.diagnostics, first.diagnostics);
    assert.deepEqual(fs.readdirSync(cacheDir(home)), files);
  });

  it('ignores a damaged or truncated cache file, publishes the same diagnostics and replaces the file', async () => {
    const home = tempDir();
    const first = await run(envFor(home), /code cache: wrote /);
    const [name] = fs.readdirSync(cacheDir(home));
    const file = path.join(cacheDir(home), name);
    const good = fs.readFileSync(file);
    const damaged = Buffer.from(good);
    damaged.fill(0xff, damaged.length >> 1, (damaged.length >> 1) + 64);
    for (const bad of [damaged, good.subarray(0, good.length >> 1)]) {
      fs.writeFileSync(file, bad);
      const r = await run(envFor(home), /code cache: wrote /);
      assert.match(r.stderr, /code cache: invalid /);
      assert.equal(r.diagnostics, first.diagnostics);
      assert.notDeepEqual(fs.readFileSync(file), bad, 'replaced');
      assert.deepEqual(fs.readdirSync(cacheDir(home)), [name]);
    }
    assert.match((await run(envFor(home))).stderr, /code cache: accepted /);
  });

  it('starts and publishes where no cache can be written, saying so in one line', async () => {
    const home = tempDir();
    // A file where the cache folder would be made: not even root can make it.
    fs.writeFileSync(path.join(home, 'perimeter'), '');
    fs.mkdirSync(path.join(home, 'Library', 'Caches'), { recursive: true });
    fs.writeFileSync(path.join(home, 'Library', 'Caches', 'perimeter'), '');
    const r = await run(envFor(home, { PERIMETER_CODE_CACHE_DEBUG: '' }), /code cache was not written/);
    assert.match(r.diagnostics, /aws-s3-public-acl/);
    assert.equal(r.stderr.match(/perimeter: the code cache was not written in .+\n/g)?.length, 1, r.stderr);
  });

  it('starts and publishes with a read-only cache folder, saying so in one line', { skip: (!POSIX || process.getuid?.() === 0) && 'needs a user whom modes stop (not root)' }, async () => {
    const home = tempDir();
    fs.mkdirSync(cacheDir(home), { recursive: true, mode: 0o700 });
    fs.chmodSync(cacheDir(home), 0o500);
    const r = await run(envFor(home, { PERIMETER_CODE_CACHE_DEBUG: '' }), /code cache was not written/);
    assert.match(r.diagnostics, /aws-s3-public-acl/);
    assert.equal(r.stderr.match(/perimeter: the code cache was not written in .+\n/g)?.length, 1, r.stderr);
    fs.chmodSync(cacheDir(home), 0o700);
  });

  it('neither reads nor writes with PERIMETER_CODE_CACHE=0', async () => {
    const home = tempDir();
    // The server lives on for the time a write would take.
    const r = await run(envFor(home, { PERIMETER_CODE_CACHE: '0' }), undefined, 500);
    assert.match(r.diagnostics, /aws-s3-public-acl/);
    assert.match(r.stderr, /code cache: disabled/);
    assert.deepEqual(fs.readdirSync(home), []);
  });
});
