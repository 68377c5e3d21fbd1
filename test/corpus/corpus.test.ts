import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { needsShared, ROOT, sharedPath } from '../helpers';
import { readmeTable, sorted } from './readme-table';

/**
 * The corpus column of README "On real code" as a golden file: the findings per rule of
 * `perimeter scan ../shared/corpus` (run from the clone's root, as the README's figures
 * are) must equal test/corpus/corpus.golden.json, and the README table must say the same.
 * A change in the counts is made on purpose: `UPDATE_GOLDEN=1 node test/run.mjs
 * test/corpus/corpus.test.ts` rewrites the golden file (then update the README table and
 * say why in the commit).
 */
const CORPUS = sharedPath('corpus');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const GOLDEN = path.join(__dirname, 'corpus.golden.json');

describe('../shared/corpus findings per rule', needsShared('corpus', 'the golden counts are counted on it'), () => {
  let counts: Record<string, number> | undefined;
  const scan = (): Record<string, number> => {
    if (counts) return counts;
    const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', CORPUS], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string }[]; errors: unknown[] };
    assert.deepEqual(out.errors, []);
    const c: Record<string, number> = {};
    for (const f of out.findings) c[f.ruleId] = (c[f.ruleId] ?? 0) + 1;
    return (counts = sorted(c));
  };

  it('equal test/corpus/corpus.golden.json (UPDATE_GOLDEN=1 rewrites it)', () => {
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, `${JSON.stringify(scan(), null, 2)}\n`);
    assert.deepEqual(scan(), JSON.parse(fs.readFileSync(GOLDEN, 'utf8')));
  });
});

describe('README "On real code", corpus column', () => {
  it('lists the golden corpus counts, total included', () => {
    const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Record<string, number>;
    const { corpus } = readmeTable();
    assert.deepEqual(sorted(corpus.counts), sorted(golden));
    assert.equal(corpus.total, Object.values(golden).reduce((a, b) => a + b, 0));
  });
});
