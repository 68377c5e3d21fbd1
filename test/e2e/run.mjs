// `npm run test:e2e`: installs the e2e tools once (setup.mjs), packages the extension,
// then runs the editor scenarios with Node's test runner.
import { execSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
setup();
execSync('npm run build && npm run package', { cwd: root, stdio: 'inherit' });
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', join(root, 'test', 'e2e', 'editor.test.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
