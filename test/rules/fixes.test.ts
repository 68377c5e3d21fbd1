import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { ALL_RULES } from '../../rules/index';
import { scanSources } from '../../server/src/engine/scan';
import { planFixes } from '../../server/src/fix/run';
import { ROOT } from '../helpers';

/**
 * Before/after fixtures: `rules/<id>/fixes/<case>/before/` is fixed with that rule's
 * fixes until none applies, and must then equal `after/` file for file. The fixed files
 * must parse with HashiCorp's parser, and a second round must change nothing.
 */
const rulesDir = path.join(ROOT, 'rules');

function readDir(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const name of fs.readdirSync(dir).sort()) m.set(name, fs.readFileSync(path.join(dir, name), 'utf8'));
  return m;
}

function fixUntilStable(files: Map<string, string>, ruleId: string, base: string): { files: Map<string, string>; rounds: number } {
  let current = new Map(files);
  for (let round = 0; round < 10; round++) {
    const result = scanSources([...current].map(([name, text]) => ({ path: path.join(base, name), text })), ALL_RULES);
    const plan = planFixes(result.findings.filter((f) => f.ruleId === ruleId), (f) => current.get(path.basename(f)));
    if (plan.files.size === 0) return { files: current, rounds: round };
    const next = new Map(current);
    for (const [file, { after }] of plan.files) next.set(path.basename(file), after);
    current = next;
  }
  throw new Error('fixes did not converge in 10 rounds');
}

describe('rule fixes: before/after fixtures', () => {
  for (const id of fs.readdirSync(rulesDir).filter((d) => fs.existsSync(path.join(rulesDir, d, 'fixes')))) {
    for (const c of fs.readdirSync(path.join(rulesDir, id, 'fixes'))) {
      it(`${id} / ${c}`, async () => {
        const dir = path.join(rulesDir, id, 'fixes', c);
        const before = readDir(path.join(dir, 'before'));
        const expected = readDir(path.join(dir, 'after'));
        const { files, rounds } = fixUntilStable(before, id, path.join(dir, 'before'));
        assert.ok(rounds > 0, 'at least one fix applied');
        assert.deepEqual([...files], [...expected]);
        for (const [name, text] of files) if (name.endsWith('.tf')) await hcl2json(name, text);
        const again = fixUntilStable(files, id, path.join(dir, 'before'));
        assert.equal(again.rounds, 0, 'a second run changes nothing');
      });
    }
  }
});
