import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { defineRule } from '../../server/src/engine/rule';
import { runRules } from '../../server/src/engine/run';
import { moduleOf } from '../helpers';

describe('engine: crash containment', () => {
  it('a rule that throws is reported once, and every other rule still reports', async () => {
    const m = await moduleOf({ 'main.tf': 'provider "aws" {\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n' });
    const broken = defineRule({
      id: 'aws-test-broken',
      title: 'broken',
      severity: 'low',
      family: 'meta',
      aliases: [],
      fixable: false,
      check() {
        throw new Error('boom');
      },
    });
    const r = runRules(m, [broken, ...ALL_RULES]);
    assert.deepEqual(r.errors.map((e) => e.message), ['rule aws-test-broken failed: boom']);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['aws-provider-static-credentials']);
  });
});
