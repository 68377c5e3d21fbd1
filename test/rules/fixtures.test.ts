import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPaths } from '../../server/src/engine/scan';
import { ROOT } from '../helpers';
import { compare, type Expected, inlineAnnotations, type KnownWrong, sidecarAnnotations, withoutKnownWrong } from './annotations';

/**
 * Rule fixtures: every `rules/<id>/test/` tree is scanned with all rules (so rules see
 * each other's resources as in real use), and that rule's findings must be exactly the
 * annotated ones: same start and end (line and column) and same severity, as many as
 * annotated. No other place may get one. Annotations (caret lines under the flagged line,
 * or a `<file>.expect` sidecar) are described in ./annotations.ts.
 */
function expectations(dir: string): Expected[] {
  const out: Expected[] = [];
  const walk = (d: string): void => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.expect')) {
        const target = p.slice(0, -'.expect'.length);
        out.push(...sidecarAnnotations(target, fs.readFileSync(target, 'utf8'), fs.readFileSync(p, 'utf8'), path.relative(ROOT, target)));
      } else out.push(...inlineAnnotations(p, fs.readFileSync(p, 'utf8'), path.relative(ROOT, p)));
    }
  };
  walk(dir);
  return out;
}

/**
 * Ranges the fixtures pin as they should be, which the rules do not give yet: each entry
 * names the annotated (right) range, the range found today, and why today's is wrong. The
 * fixture test accepts exactly that difference and reports it as a todo; once a rule gets
 * it right, the entry must go (the fixture test fails while it stays).
 */
const KNOWN_WRONG: KnownWrong[] = [];

const rulesDir = path.join(ROOT, 'rules');
const ruleIds = fs.readdirSync(rulesDir).filter((d) => fs.existsSync(path.join(rulesDir, d, 'rule.ts')));

describe('rule fixtures', () => {
  it('every rule folder is registered, and every registered rule has a folder', () => {
    assert.deepEqual([...ruleIds].sort(), ALL_RULES.map((r) => r.id).sort());
  });

  for (const id of ruleIds) {
    it(`${id}: flags exactly the annotated ranges, with their severities, and nothing else`, async () => {
      const dir = path.join(rulesDir, id, 'test');
      assert.ok(fs.existsSync(dir), `${id} has no test/ fixtures`);
      const expected = expectations(dir);
      assert.ok(expected.some((e) => e.ruleId === id), `${id} has no fixture annotation that expects it`);
      const result = await scanPaths([dir], ALL_RULES);
      assert.deepEqual(result.errors, []);
      const known = KNOWN_WRONG.filter((k) => k.expected.startsWith(`rules/${id}/`));
      const diff = withoutKnownWrong(compare(id, expected, result.findings, (f) => path.relative(ROOT, f)), known);
      assert.deepEqual(diff, { missing: [], unexpected: [], stale: [] });
    });

    for (const k of KNOWN_WRONG.filter((x) => x.expected.startsWith(`rules/${id}/`)))
      it.todo(`${id}: known wrong range, ${k.why}: want ${k.expected.split(' ')[0]}, get ${k.actual.split(' ')[0]}`);

    it(`${id}: has a README with the sections a reader needs`, () => {
      const readme = fs.readFileSync(path.join(rulesDir, id, 'README.md'), 'utf8');
      for (const heading of ['## Why it matters', '## How to fix', '## Flagged', '## Accepted', '## Peer ids']) {
        assert.ok(readme.includes(heading), `${id}/README.md lacks "${heading}"`);
      }
    });
  }
});
