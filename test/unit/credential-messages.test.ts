import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPaths } from '../../server/src/engine/scan';
import { ROOT } from '../helpers';

describe('static-credential messages never show key material', () => {
  it('masks every key id prefix and never repeats the script that wrote keys', async () => {
    const dirs = ['aws-hardcoded-access-key', 'aws-credentials-in-user-data'].map((id) => path.join(ROOT, 'rules', id, 'test'));
    const result = await scanPaths(dirs, ALL_RULES);
    const findings = result.findings.filter((f) => f.ruleId === 'aws-hardcoded-access-key' || f.ruleId === 'aws-credentials-in-user-data');
    assert.ok(findings.length > 20);
    for (const f of findings) {
      assert.doesNotMatch(f.message, /(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{4}/, f.message);
      assert.doesNotMatch(f.message, /EXAMPLE|wJalrXUtnFEMI|AKIA-from-vault|\$\{|\$\(|var\./, f.message);
    }
    const shown = findings.map((f) => f.message);
    for (const prefix of ['AKIA', 'ASIA', 'ABIA', 'ACCA']) {
      assert.ok(shown.some((m) => m.includes(`(${prefix}****************)`)), `no finding shows the masked ${prefix} id`);
    }
  });
});
