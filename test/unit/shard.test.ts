import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { compareFindings, type ScanResult } from '../../server/src/engine/finding';
import { scanPathsParallel } from '../../server/src/engine/parallel';
import { moduleGroups } from '../../server/src/engine/groups';
import { affectedDirs, groupKey, parseShard, selectShard, shardOfKey } from '../../server/src/engine/shard';
import { readInput } from '../../server/src/engine/scan';
import { ROOT } from '../helpers';

const WORKER = path.join(ROOT, 'dist/scan-worker.js');
const strip = (r: ScanResult) => ({
  findings: [...r.findings].sort(compareFindings).map((f) => JSON.stringify(f)),
  errors: r.errors.map((e) => JSON.stringify(e)).sort(),
  notices: (r.notices ?? []).map((e) => JSON.stringify(e)).sort(),
});

describe('--shard i/n', () => {
  for (const dir of ['../shared/corpus', '../shared/field']) {
    it(`the shards of ${dir} for n = 2, 3, 7 add up to the full scan exactly`, async () => {
      const target = path.resolve(ROOT, dir);
      const full = strip(await scanPathsParallel([target], WORKER, ALL_RULES, { threads: 1 }));
      assert.ok(full.findings.length > 20, 'the target has findings to compare');
      for (const n of [2, 3, 7]) {
        const parts: ReturnType<typeof strip>[] = [];
        for (let i = 1; i <= n; i++) parts.push(strip(await scanPathsParallel([target], WORKER, ALL_RULES, { threads: 1, select: selectShard({ index: i, count: n }, target) })));
        const union = { findings: parts.flatMap((p) => p.findings), errors: parts.flatMap((p) => p.errors).sort(), notices: parts.flatMap((p) => p.notices).sort() };
        // Every finding in exactly one shard (no duplicates across shards), none lost.
        assert.deepEqual([...union.findings].sort(), [...full.findings].sort(), `n = ${n}`);
        assert.deepEqual(union.errors, full.errors, `n = ${n}`);
        assert.deepEqual(union.notices, full.notices, `n = ${n}`);
        assert.ok(parts.filter((p) => p.findings.length).length >= Math.min(n, 2), `n = ${n}: findings spread over shards`);
      }
    });
  }

  it('assigns a module group by its key alone: adding modules never moves the others', async () => {
    const target = path.resolve(ROOT, '../shared/corpus');
    const input = readInput([target]);
    const groups = moduleGroups(input.sources);
    const keys = groups.map((g) => groupKey(g, target));
    assert.equal(new Set(keys).size, keys.length, 'one key per group');
    for (const n of [2, 3, 7]) {
      const before = keys.map((k) => shardOfKey(k, n));
      const counts = Array.from({ length: n }, (_, j) => before.filter((s) => s === j + 1).length);
      assert.ok(counts.every((c) => c > 0), `n = ${n}: no empty shard (${counts})`);
      const withNew = [...keys, 'new/module-a', 'new/module-b'].map((k) => shardOfKey(k, n));
      assert.deepEqual(withNew.slice(0, keys.length), before);
    }
    // Going from 3 to 4 shards moves only the keys the new shard wins (about a quarter).
    const moved = keys.filter((k) => shardOfKey(k, 3) !== shardOfKey(k, 4));
    assert.ok(moved.every((k) => shardOfKey(k, 4) === 4));
    assert.ok(moved.length < keys.length / 2);
  });

  it('parses i/n', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3', '-1/2']) assert.equal(parseShard(bad), undefined, bad);
  });

  it('--changed-since: a changed module, its callers transitively, not its callees or others', () => {
    const src = (p: string, text = '') => ({ path: p, text });
    const sources = [
      src('/r/lib/main.tf'),
      src('/r/mid/main.tf', 'module "l" {\n  source = "../lib"\n}\n'),
      src('/r/top/main.tf', 'module "m" {\n  source = "${path.module}/../mid"\n}\n'),
      src('/r/other/main.tf'),
    ];
    assert.deepEqual([...affectedDirs(sources, ['/r/lib/main.tf'])].sort(), ['/r/lib', '/r/mid', '/r/top']);
    assert.deepEqual([...affectedDirs(sources, ['/r/mid/variables.tf'])].sort(), ['/r/mid', '/r/top']);
    assert.deepEqual([...affectedDirs(sources, ['/r/other/policies/x.json'])].sort(), ['/r/other']);
    assert.deepEqual([...affectedDirs(sources, ['/r/README.md', '/elsewhere/a.tf'])], []);
  });
});
