// Bundles the client, the server and the CLI with esbuild and copies the catalogues they
// read at run time beside them.
import { build } from 'esbuild';
import { common } from './esbuild-options.mjs';
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';

// The IAM action table is generated first: the server, the CLI and the tests import it.
await import('./build-iam-catalogue.mjs');
await import('./build-authoring-catalogue.mjs');
const dist = 'dist';
mkdirSync(dist, { recursive: true });

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: `${dist}/client.js`, external: ['vscode'] }),
  // The server bundle, and the small loader that runs it with V8's code cache: the client
  // and language-server.js start dist/server.js.
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: `${dist}/server-main.js` }),
  build({ ...common, entryPoints: ['server/src/boot/server.ts'], outfile: `${dist}/server.js` }),
  // The same for the CLI: dist/cli.js, the bin, runs dist/cli-main.js.
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: `${dist}/cli-main.js` }),
  build({ ...common, entryPoints: ['server/src/boot/cli.ts'], outfile: `${dist}/cli.js` }),
  // The bin for other editors: checks its arguments, then loads server.js beside it.
  build({ ...common, entryPoints: ['server/src/language-server.ts'], outfile: `${dist}/language-server.js` }),
  build({ ...common, entryPoints: ['server/src/scan-worker.ts'], outfile: `${dist}/scan-worker.js` }),
]);
chmodSync(`${dist}/cli.js`, 0o755);
chmodSync(`${dist}/language-server.js`, 0o755);

// The action catalogue is read at run time (on first use) rather than bundled as a literal.
copyFileSync('server/src/iam/catalogue.generated.txt', `${dist}/iam-catalogue.txt`);
copyFileSync('server/src/authoring/catalogue.generated.txt', `${dist}/authoring-catalogue.txt`);
console.log('built dist/client.js, dist/server.js, dist/server-main.js, dist/cli.js, dist/cli-main.js, dist/language-server.js, dist/scan-worker.js');
