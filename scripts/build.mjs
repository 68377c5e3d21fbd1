// Bundles the client, the server and the CLI with esbuild and copies the WASM files the
// parser loads at run time beside them.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

// The IAM action table is generated first: the server, the CLI and the tests import it.
await import('./build-iam-catalogue.mjs');
await import('./build-authoring-catalogue.mjs');
const dist = 'dist';
mkdirSync(dist, { recursive: true });

// web-tree-sitter's ESM build reads import.meta.url to find itself; give the CJS bundle one.
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  minify: true,
  define: { 'import.meta.url': '__perimeterModuleUrl' },
  // jsonc-parser's UMD main cannot be bundled (it requires its parts dynamically): prefer ESM.
  mainFields: ['module', 'main'],
  banner: { js: "var __perimeterModuleUrl = require('url').pathToFileURL(__filename).href;" },
};
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: `${dist}/client.js`, external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: `${dist}/server.js` }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: `${dist}/cli.js` }),
  // The bin for other editors: checks its arguments, then loads server.js beside it.
  build({ ...common, entryPoints: ['server/src/language-server.ts'], outfile: `${dist}/language-server.js` }),
  build({ ...common, entryPoints: ['server/src/scan-worker.ts'], outfile: `${dist}/scan-worker.js` }),
]);
chmodSync(`${dist}/cli.js`, 0o755);
chmodSync(`${dist}/language-server.js`, 0o755);

copyFileSync(join(dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'), `${dist}/tree-sitter.wasm`);
copyFileSync(
  join(dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), 'tree-sitter-terraform.wasm'),
  `${dist}/tree-sitter-terraform.wasm`,
);
// The action catalogue is read at run time (on first use) rather than bundled as a literal.
copyFileSync('server/src/iam/catalogue.generated.json', `${dist}/iam-catalogue.json`);
copyFileSync('server/src/authoring/catalogue.generated.json', `${dist}/authoring-catalogue.json`);
console.log('built dist/client.js, dist/server.js, dist/cli.js, dist/language-server.js, dist/scan-worker.js');
