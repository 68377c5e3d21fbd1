// Runs every *.test.ts under test/ with Node's own test runner (through tsx). Node 20's
// `--test` has no glob support, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length ? only : find('test');
// The language server keeps V8's code cache in the user's cache folder: the servers the
// suites start use a temporary one instead (on macOS, where it is under the home, none).
const cacheHome = mkdtempSync(join(tmpdir(), 'perimeter-test-cache-'));
const env = { ...process.env, XDG_CACHE_HOME: cacheHome, LOCALAPPDATA: cacheHome };
if (process.platform === 'darwin') env.PERIMETER_CODE_CACHE = '0';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
rmSync(cacheHome, { recursive: true, force: true });
process.exit(r.status ?? 1);
