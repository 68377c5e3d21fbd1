import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPaths } from '../../server/src/engine/scan';
import { ROOT } from '../helpers';

describe('aws-iam-sensitive-actions-without-mfa: advice fits who holds the policy', () => {
  it('a user with only an access key is told to use a role; a person to require MFA', async () => {
    const r = await scanPaths([path.join(ROOT, 'rules/aws-iam-sensitive-actions-without-mfa/test/machine-user')], ALL_RULES);
    const got = r.findings.filter((f) => f.ruleId === 'aws-iam-sensitive-actions-without-mfa').map((f) => f.message);
    assert.equal(got.length, 2);
    const broker = got.find((m) => m.startsWith('aws_iam_user_policy.broker '));
    const alice = got.find((m) => m.startsWith('aws_iam_user_policy.alice '));
    assert.match(broker ?? '', /signs in only with a long-lived access key \(aws_iam_access_key\.broker\).*Give these permissions to a role/);
    assert.doesNotMatch(broker ?? '', /Add a condition/);
    assert.match(alice ?? '', /Add a condition requiring aws:MultiFactorAuthPresent/);
  });
});
