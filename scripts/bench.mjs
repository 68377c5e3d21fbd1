// `npm run bench`: bundles bench/run.ts as scripts/build.mjs bundles the server (esbuild, no
// names kept), then runs it. The figures are then those of the code users run: run through
// tsx, each function is wrapped to keep its name, and the scan measured a quarter slower.
// Packages stay outside the bundle (tree-sitter and hcl2json load their WASM beside them).
import { build } from 'esbuild';
import { common } from './esbuild-options.mjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

mkdirSync('dist', { recursive: true });
await build({
  ...common,
  entryPoints: ['bench/run.ts'],
  outfile: 'dist/bench.js',
  packages: 'external',
  // Not minified, as the bench has always been measured: names stay readable in a stack trace.
  minify: false,
});
const r = spawnSync(process.execPath, ['dist/bench.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
