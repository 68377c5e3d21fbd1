// The CLI's V8 code cache, with the real dist/cli.js: written after the first command that
// analyses, taken by the next run, which prints the same report; nothing written after
// `--help` (it would hold little of use) or with PERIMETER_CODE_CACHE=0. Every run here gets
// a temporary home and cache folder, never the user's.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, tempDir } from '../helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(args: string[], home: string, extra: NodeJS.ProcessEnv = {}) {
  const { PERIMETER_CODE_CACHE: _, ...env } = process.env;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...env, HOME: home, XDG_CACHE_HOME: home, LOCALAPPDATA: home, PERIMETER_CODE_CACHE_DEBUG: '1', ...extra },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cacheFiles(home: string): string[] {
  const dir = process.platform === 'darwin' ? path.join(home, 'Library', 'Caches', 'perimeter', 'code-cache') : path.join(home, 'perimeter', 'code-cache');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe('the CLI\'s code cache', () => {
  it('is written by the first scan and taken by the next, which prints the same report', () => {
    const home = tempDir();
    const first = run(['scan', 'examples/insecure'], home);
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stderr, /code cache: none .*\n.*code cache: wrote /);
    const files = cacheFiles(home);
    assert.equal(files.length, 1);
    assert.match(files[0], /^cli-main-[0-9a-f]{24}-[0-9a-f]{8}\.cache$/);
    const second = run(['scan', 'examples/insecure'], home);
    assert.match(second.stderr, /code cache: accepted /);
    assert.doesNotMatch(second.stderr, /wrote/);
    assert.equal(second.code, first.code);
    assert.equal(second.stdout, first.stdout);
    assert.deepEqual(cacheFiles(home), files);
  });

  it('is not written after --help, nor with PERIMETER_CODE_CACHE=0', () => {
    const home = tempDir();
    assert.equal(run(['--help'], home).code, 0);
    assert.deepEqual(fs.readdirSync(home), [], 'not even the folder is made');
    const r = run(['scan', 'examples/insecure'], home, { PERIMETER_CODE_CACHE: '0' });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /code cache: disabled/);
    assert.deepEqual(fs.readdirSync(home), []);
  });
});
