import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPaths } from '../../server/src/engine/scan';
import { ROOT } from '../helpers';

describe('example workspaces', () => {
  it('examples/insecure triggers every rule at least once', async () => {
    const r = await scanPaths([path.join(ROOT, 'examples', 'insecure')], ALL_RULES);
    assert.deepEqual(r.errors, []);
    const fired = new Set(r.findings.map((f) => f.ruleId));
    assert.deepEqual(ALL_RULES.map((x) => x.id).filter((id) => !fired.has(id)), []);
  });

  it('examples/secure, the same workspace written safely, triggers none', async () => {
    const r = await scanPaths([path.join(ROOT, 'examples', 'secure')], ALL_RULES);
    assert.deepEqual(r.findings.map((f) => `${path.basename(f.file)}:${f.range.start.line + 1} ${f.ruleId}`), []);
  });
});
