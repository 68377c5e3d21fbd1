import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Located, Statement } from '../../server/src/iam';
import { guardCovers, isMfaDenyGuard, patternContains } from '../../server/src/rules-support/mfa-guard';
import { awsPrincipalKind, parseIamArn, principalKind } from '../../server/src/rules-support/principal-kind';
import { condition as cond } from '../helpers';

const origin = { file: 'x.tf', span: { start: 0, end: 0 } };
const known = (value: string): Located => ({ value, origin, known: true });
const partial = (value: string): Located => ({ value, origin, known: false });
const stmt = (s: Partial<Statement>): Statement => ({
  actions: [],
  notActions: [],
  resources: [known('*')],
  notResources: [],
  principals: [],
  notPrincipals: [],
  conditions: [],
  partial: false,
  origin,
  raw: { kind: 'null', origin },
  ...s,
});
const guard = (s: Partial<Statement>) => stmt({ effect: known('Deny'), conditions: [cond('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false')], ...s });

describe('principal kinds from known parts', () => {
  it('classifies literal principals', () => {
    assert.equal(awsPrincipalKind(known('123456789012')), 'account');
    assert.equal(awsPrincipalKind(known('arn:aws:iam::123456789012:root')), 'account');
    assert.equal(awsPrincipalKind(known('arn:aws-cn:iam::123456789012:user/ops/alice')), 'user');
    assert.equal(awsPrincipalKind(known('arn:aws:iam::123456789012:role/admin')), 'role');
    assert.equal(awsPrincipalKind(known('arn:aws:sts::123456789012:assumed-role/admin/s')), 'assumed-role');
    assert.equal(awsPrincipalKind(known('*')), 'public');
    assert.equal(awsPrincipalKind(known('arn:aws:iam::*:root')), 'public');
    assert.equal(awsPrincipalKind(known('arn:aws:s3:::bucket')), 'unknown');
    assert.equal(principalKind({ type: 'Service', id: known('ec2.amazonaws.com') }), 'service');
  });

  it('classifies principals with apply-time parts from the known text', () => {
    assert.equal(awsPrincipalKind(partial('arn:aws:iam::${var.account_id}:root')), 'account');
    assert.equal(awsPrincipalKind(partial('arn:${var.partition}:iam::${local.x}:root')), 'account');
    assert.equal(awsPrincipalKind(partial('arn:aws:iam::${…}:user/${var.name}')), 'user');
    assert.equal(awsPrincipalKind(partial('arn:aws:iam::${var.account_id}:role/ci')), 'role');
    assert.equal(parseIamArn(partial('arn:aws:iam::${var.account_id}:role/people/ops'))?.resourceName, 'people/ops');
  });

  it('leaves unknown what the known text does not decide', () => {
    assert.equal(awsPrincipalKind(partial('${var.account_id}')), 'unknown');
    assert.equal(awsPrincipalKind(partial('${…}')), 'unknown');
    assert.equal(awsPrincipalKind(partial('arn:aws:iam::${var.account_id}:${var.rest}')), 'unknown');
    assert.equal(awsPrincipalKind(partial('arn:${var.rest}:root')), 'unknown');
    assert.equal(awsPrincipalKind(partial('arn:aws:iam::${var.a}x:root')), 'unknown', 'an account field with letters is no account');
    // In a known value `${` is literal text, not an apply-time part.
    assert.equal(awsPrincipalKind(known('arn:aws:iam::${x}:root')), 'unknown');
  });
});

describe('IAM pattern containment', () => {
  it('contains what every instance of the inner pattern matches', () => {
    assert.ok(patternContains('*', 'iam:Put*'));
    assert.ok(patternContains('iam:*', 'IAM:PutUserPolicy'));
    assert.ok(patternContains('iam:*', 'iam:Put*'));
    assert.ok(patternContains('iam:Put*Policy', 'iam:PutUserPolicy'));
    assert.ok(!patternContains('iam:Put*', 'iam:*'));
    assert.ok(!patternContains('iam:?', 'iam:*'), '? is one character, * any run');
    assert.ok(!patternContains('s3:*', 'iam:PutUserPolicy'));
  });
});

describe('MFA Deny guards', () => {
  it('recognises BoolIfExists false and Null true, alone', () => {
    assert.ok(isMfaDenyGuard(guard({ actions: [known('*')] })));
    assert.ok(isMfaDenyGuard(guard({ actions: [known('*')], conditions: [cond('Null', 'aws:MultiFactorAuthPresent', 'true')] })));
    assert.ok(!isMfaDenyGuard(guard({ actions: [known('*')], conditions: [cond('Bool', 'aws:MultiFactorAuthPresent', 'false')] })));
    assert.ok(!isMfaDenyGuard(guard({ actions: [known('*')], effect: known('Allow') })));
    const narrowed = [cond('BoolIfExists', 'aws:MultiFactorAuthPresent', 'false'), cond('StringEquals', 'aws:RequestedRegion', 'eu-west-1')];
    assert.ok(!isMfaDenyGuard(guard({ actions: [known('*')], conditions: narrowed })));
  });

  it('covers an allowed action only when the Deny applies to its sensitive part', () => {
    const standard = guard({ notActions: ['iam:*MFADevice*', 'iam:ChangePassword', 'sts:GetSessionToken'].map(known) });
    assert.ok(guardCovers(standard, known('*'), [known('*')]), 'MFA setup exemptions are no permissions management');
    assert.ok(guardCovers(standard, known('sts:AssumeRole'), [known('*')]));
    assert.ok(!guardCovers(guard({ notActions: [known('sts:Assume*')] }), known('sts:AssumeRole'), [known('*')]));
    assert.ok(!guardCovers(guard({ notActions: [known('iam:*')] }), known('*'), [known('*')]));
    assert.ok(!guardCovers(guard({ notActions: [partial('${var.exempt}')] }), known('iam:PutUserPolicy'), [known('*')]));
    assert.ok(guardCovers(guard({ actions: [known('iam:*')] }), known('iam:Put*'), [known('*')]));
    assert.ok(!guardCovers(guard({ actions: [known('iam:*')] }), known('*'), [known('*')]), 'iam:* leaves s3:PutBucketPolicy');
    assert.ok(guardCovers(guard({ actions: ['iam:*', 'sts:*'].map(known) }), known('sts:*'), [known('*')]));
  });

  it('covers only the resources it denies', () => {
    const roles = guard({ actions: [known('*')], resources: [known('arn:aws:iam::123456789012:role/*')] });
    assert.ok(guardCovers(roles, known('iam:PutRolePolicy'), [known('arn:aws:iam::123456789012:role/app')]));
    assert.ok(!guardCovers(roles, known('iam:PutRolePolicy'), [known('*')]));
    assert.ok(!guardCovers(roles, known('iam:PutRolePolicy'), [partial('${aws_iam_role.app}')]));
    assert.ok(!guardCovers(guard({ actions: [known('*')], resources: [], notResources: [known('arn:aws:s3:::b')] }), known('iam:PutRolePolicy'), [known('*')]));
  });
});
