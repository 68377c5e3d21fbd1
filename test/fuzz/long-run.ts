// `npm run fuzz`: the property suite with many more cases (PERIMETER_FUZZ_RUNS, default 3000).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const runs = process.env.PERIMETER_FUZZ_RUNS ?? '3000';
const seed = process.env.PERIMETER_FUZZ_SEED ?? String(Date.now() % 2 ** 31);
console.log(`fuzz: ${runs} cases per property, seed ${seed} (set PERIMETER_FUZZ_SEED to replay)`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', path.join(__dirname, 'properties.test.ts')], {
  stdio: 'inherit',
  env: { ...process.env, PERIMETER_FUZZ_RUNS: runs, PERIMETER_FUZZ_SEED: seed },
});
process.exit(r.status ?? 1);
