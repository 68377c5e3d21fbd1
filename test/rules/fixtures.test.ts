import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPaths } from '../../server/src/engine/scan';
import { ROOT } from '../helpers';

/**
 * Rule fixtures: every `rules/<id>/test/` tree is scanned with all rules (so rules see
 * each other's resources as in real use), and that rule's findings are compared with the
 * marks: a line ending in `# expect: <rule-id>` (repeat the id for several findings on
 * one line) must get exactly those findings of that rule starting on it, and no other
 * line may get one. `// expect:` works the same way. A JSON file gets its marks from a
 * sidecar `<file>.expect` with lines `LINE: rule-id`.
 */
const EXPECT = /(?:#|\/\/)\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

function expectations(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (d: string): void => {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.expect')) {
        // Sidecar marks for files that cannot hold comments (JSON policies): `LINE: rule-id`.
        const target = p.slice(0, -'.expect'.length);
        for (const line of fs.readFileSync(p, 'utf8').split(/\r?\n/)) {
          const m = /^\s*(\d+)\s*:\s*([a-z0-9-]+)\s*$/.exec(line);
          if (m) push(out, `${target}:${m[1]}`, m[2]);
        }
      } else
        fs.readFileSync(p, 'utf8')
          .split(/\r?\n/)
          .forEach((line, i) => {
            const m = EXPECT.exec(line);
            if (m) for (const id of m[1].split(',')) push(out, `${p}:${i + 1}`, id.trim());
          });
    }
  };
  walk(dir);
  return out;
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  m.set(k, [...(m.get(k) ?? []), v]);
}

const rulesDir = path.join(ROOT, 'rules');
const ruleIds = fs.readdirSync(rulesDir).filter((d) => fs.existsSync(path.join(rulesDir, d, 'rule.ts')));

describe('rule fixtures', () => {
  it('every rule folder is registered, and every registered rule has a folder', () => {
    assert.deepEqual([...ruleIds].sort(), ALL_RULES.map((r) => r.id).sort());
  });

  for (const id of ruleIds) {
    it(`${id}: flags exactly the lines marked "expect", and nothing else`, async () => {
      const dir = path.join(rulesDir, id, 'test');
      assert.ok(fs.existsSync(dir), `${id} has no test/ fixtures`);
      const expected = new Map([...expectations(dir)].map(([k, ids]) => [k, ids.filter((x) => x === id)] as [string, string[]]).filter(([, ids]) => ids.length));
      assert.ok([...expected.values()].some((ids) => ids.includes(id)), `${id} has no fixture line that expects it`);
      const result = await scanPaths([dir], ALL_RULES);
      assert.deepEqual(result.errors, []);
      const actual = new Map<string, string[]>();
      for (const f of result.findings) if (f.ruleId === id) push(actual, `${f.file}:${f.range.start.line + 1}`, f.ruleId);
      const norm = (m: Map<string, string[]>) => [...m.entries()].map(([k, v]) => `${path.relative(ROOT, k)} ${[...v].sort().join(',')}`).sort();
      assert.deepEqual(norm(actual), norm(expected));
    });

    it(`${id}: has a README with the sections a reader needs`, () => {
      const readme = fs.readFileSync(path.join(rulesDir, id, 'README.md'), 'utf8');
      for (const heading of ['## Why it matters', '## How to fix', '## Flagged', '## Accepted', '## Peer ids']) {
        assert.ok(readme.includes(heading), `${id}/README.md lacks "${heading}"`);
      }
    });
  }
});
