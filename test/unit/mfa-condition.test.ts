import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectPolicies } from '../../server/src/iam';
import { isMfaCondition, mfaAbsenceCondition, mfaMistake, mfaRequirement, requiresMfaStrictly } from '../../server/src/rules-support/mfa-condition';
import { isMfaDenyGuard } from '../../server/src/rules-support/mfa-guard';
import { mfaRequirement as mfaRequirementFromIam } from '../../server/src/rules-support/iam';
import { condition as cond, located as loc, moduleOf } from '../helpers';


describe('MFA conditions: one reading for every MFA rule', () => {
  it('reads key and operator names in any case', () => {
    for (const c of [
      cond('Bool', 'aws:MultiFactorAuthPresent', 'true'),
      cond('bool', 'AWS:MULTIFACTORAUTHPRESENT', 'true'),
      cond('BOOL', 'aws:multifactorauthpresent', 'TRUE'),
      cond('NumericLessThan', 'aws:multiFactorAuthAge', '3600'),
      cond('numericlessthanequals', 'AWS:MultiFactorAuthAge', '3600'),
    ]) {
      assert.equal(mfaRequirement(c), 'strict', `${c.operator.value} ${c.key.value}`);
    }
    // Guards are read the same way: the old guard code and the old requirement code agreed
    // on keys but each kept its own list of operators.
    assert.ok(mfaAbsenceCondition(cond('boolifexists', 'AWS:MultiFactorAuthPresent', 'FALSE')));
    assert.ok(mfaAbsenceCondition(cond('NULL', 'aws:MultiFactorAuthPresent', 'true')));
  });

  it('IfExists lets requests without the key through: a weaker requirement, a real guard', () => {
    assert.equal(mfaRequirement(cond('BoolIfExists', 'aws:MultiFactorAuthPresent', 'true')), 'if-present');
    assert.equal(mfaRequirement(cond('NumericLessThanIfExists', 'aws:MultiFactorAuthAge', '3600')), 'if-present');
    assert.equal(requiresMfaStrictly(cond('BoolIfExists', 'aws:MultiFactorAuthPresent', 'true')), false);
    assert.ok(isMfaCondition(cond('BoolIfExists', 'aws:MultiFactorAuthPresent', 'true')));
    assert.ok(mfaAbsenceCondition(cond('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false')));
    assert.equal(mfaAbsenceCondition(cond('Bool', 'aws:MultiFactorAuthPresent', 'false')), false, 'Bool alone does not match a request without the key');
    assert.equal(mfaAbsenceCondition(cond('NullIfExists', 'aws:MultiFactorAuthPresent', 'true')), false);
  });

  it('reads StringEquals like Bool (exact case), StringEqualsIgnoreCase like Bool', () => {
    assert.equal(mfaRequirement(cond('StringEquals', 'aws:MultiFactorAuthPresent', 'true')), 'strict');
    assert.equal(mfaRequirement(cond('StringEqualsIgnoreCase', 'aws:MultiFactorAuthPresent', 'True')), 'strict');
    assert.equal(mfaRequirement(cond('StringEquals', 'aws:MultiFactorAuthPresent', 'True')), undefined, 'StringEquals "True" never equals the value "true"');
    assert.equal(mfaRequirement(cond('StringEqualsIfExists', 'aws:MultiFactorAuthPresent', 'true')), 'if-present');
    assert.ok(mfaAbsenceCondition(cond('StringEqualsIfExists', 'aws:MultiFactorAuthPresent', 'false')));
    assert.equal(mfaRequirement(cond('StringLike', 'aws:MultiFactorAuthPresent', 'true')), undefined);
    assert.equal(mfaRequirement(cond('ForAnyValue:Bool', 'aws:MultiFactorAuthPresent', 'true')), undefined);
  });

  it('a test that also matches false requires nothing; apply-time values are not held against the author', () => {
    assert.equal(mfaRequirement(cond('Bool', 'aws:MultiFactorAuthPresent', 'true', 'false')), undefined);
    assert.equal(mfaRequirement(cond('Bool', 'aws:MultiFactorAuthPresent', 'false')), undefined);
    assert.equal(mfaRequirement(cond('Bool', 'aws:MultiFactorAuthPresent', 'true', loc('${var.x}', false))), 'strict');
    assert.equal(mfaRequirement(cond('Bool', 'aws:MultiFactorAuthPresent', loc('${var.x}', false))), undefined);
    assert.equal(mfaRequirement(cond('Null', 'aws:MultiFactorAuthPresent', 'false')), undefined);
    assert.equal(mfaRequirement(cond('Bool', 'aws:SecureTransport', 'true')), undefined);
  });

  it('names the mistakes of each effect', () => {
    assert.equal(mfaMistake(cond('BoolIfExists', 'aws:MultiFactorAuthPresent', 'true'), 'Allow'), 'allow-if-exists');
    assert.equal(mfaMistake(cond('NumericLessThanIfExists', 'aws:MultiFactorAuthAge', '3600'), 'Allow'), 'allow-if-exists');
    assert.equal(mfaMistake(cond('Bool', 'aws:MultiFactorAuthPresent', 'true'), 'Allow'), undefined);
    assert.equal(mfaMistake(cond('bool', 'aws:MultiFactorAuthPresent', 'false'), 'Allow'), 'inverted');
    assert.equal(mfaMistake(cond('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false'), 'Allow'), 'inverted');
    assert.equal(mfaMistake(cond('Bool', 'aws:MultiFactorAuthPresent', 'false'), 'Deny'), 'deny-without-if-exists');
    assert.equal(mfaMistake(cond('StringEquals', 'aws:MultiFactorAuthPresent', 'false'), 'Deny'), 'deny-without-if-exists');
    assert.equal(mfaMistake(cond('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false'), 'Deny'), undefined);
    assert.equal(mfaMistake(cond('Null', 'aws:MultiFactorAuthPresent', 'true'), 'Deny'), undefined);
    assert.equal(mfaMistake(cond('Bool', 'aws:MultiFactorAuthPresent', 'false'), undefined), undefined, 'an unknown effect is no mistake');
  });

  it('is what rules-support/iam.ts exports (one implementation)', () => {
    assert.equal(mfaRequirementFromIam, mfaRequirement);
  });

  it('reads true and "true", in HCL and in JSON, as the same value', async () => {
    const m = await moduleOf({
      'main.tf': `
resource "aws_iam_policy" "bare" {
  policy = jsonencode({ Statement = [{ Effect = "Deny", NotAction = "iam:ChangePassword", Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = false } } }] })
}
resource "aws_iam_policy" "quoted" {
  policy = jsonencode({ Statement = [{ Effect = "Deny", NotAction = "iam:ChangePassword", Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } }] })
}
resource "aws_iam_policy" "json" {
  policy = <<EOF
{"Statement": [{"Effect": "Deny", "NotAction": "iam:ChangePassword", "Resource": "*", "Condition": {"boolifexists": {"aws:multifactorauthpresent": false}}}]}
EOF
}
resource "aws_iam_policy" "allow" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = true } } }] })
}
`,
    });
    const byName = new Map(collectPolicies(m).map((p) => [p.owner.address, p]));
    for (const name of ['bare', 'quoted', 'json']) {
      const s = byName.get(`aws_iam_policy.${name}`)!.statements[0];
      assert.ok(isMfaDenyGuard(s), name);
    }
    const allow = byName.get('aws_iam_policy.allow')!.statements[0];
    assert.equal(mfaRequirement(allow.conditions[0]), 'strict');
  });
});
