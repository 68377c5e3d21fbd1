import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPaths } from '../../server/src/engine/scan';
import type { Finding } from '../../server/src/engine/finding';
import { ROOT, workspace } from '../helpers';
import { accessLevels, isWildcardOnly } from '../../server/src/iam';
import { SENSITIVE_READS } from '../../server/src/rules-support/iam-findings';
import { findingsPerStatement } from './statement-findings';

/** Severity, message and range of the IAM rules' findings: one per statement, graded. */
const IAM_RULES = ['aws-iam-wildcard-action', 'aws-iam-wildcard-resource', 'aws-iam-allow-not-action', 'aws-iam-sensitive-read-any-resource'];

async function findings(rule: string, fixture: string): Promise<Finding[]> {
  const r = await scanPaths([path.join(ROOT, 'rules', rule, 'test', fixture)], ALL_RULES);
  assert.deepEqual(r.errors, []);
  return r.findings.filter((f) => f.ruleId === rule);
}

function textOf(f: Finding): string {
  return fs.readFileSync(f.file, 'utf8').slice(f.span.start, f.span.end);
}

function byOwner(fs_: Finding[], owner: string): Finding[] {
  return fs_.filter((f) => f.message.startsWith(`${owner} `));
}

describe('IAM findings: one per statement, graded by what they reach', () => {
  it('aws-iam-wildcard-action: one finding for a statement of five wildcards, on the first, naming all, at the worst severity', async () => {
    const [f, ...rest] = byOwner(await findings('aws-iam-wildcard-action', 'one-per-statement'), 'aws_iam_user_policy.ci');
    assert.equal(rest.length, 0);
    assert.equal(textOf(f), '"ec2:*"', 'the exact range of the first offending action');
    assert.equal(f.severity, 'critical', '"*" on every resource is the worst');
    assert.match(f.message, /allows "ec2:\*", "iam:\*" and 3 more wildcard actions; the broadest, "\*": every action on every resource: administrator access/);
    assert.deepEqual(
      f.related?.map((r) => r.message.slice(0, r.message.indexOf('": ') + 1)),
      ['"iam:*"', '"lambda:*"', '"sqs:*"', '"*"'],
      'every other offending action is a related location',
    );
  });

  it('aws-iam-wildcard-action: grades "*" and service:* by the resources of the statement', async () => {
    const got = byOwner(await findings('aws-iam-wildcard-action', 'one-per-statement'), 'aws_iam_role_policy.scoped').map((f) => [textOf(f), f.severity, f.message.split(': ')[1]?.split('.')[0]]);
    assert.deepEqual(got, [
      ['"*"', 'high', 'every action of every service on 1 named resource'],
      ['"dynamodb:*"', 'medium', 'every action of dynamodb on 2 named resources'],
    ]);
    // A write pattern confined to named resources ("s3:Put*Tagging" on one bucket) is accepted.
    const reach = byOwner(await findings('aws-iam-wildcard-action', 'one-per-statement'), 'aws_iam_policy.reach').map((f) => [f.severity, f.message.split('"*": ')[1]?.split('. ')[0]]);
    assert.deepEqual(reach, [
      ['critical', 'every action on every resource but those NotResource lists: administrator access'],
      ['high', 'every action of every service on resources known only at apply time'],
    ]);
    const admin = await findings('aws-iam-wildcard-action', 'flagged');
    assert.ok(admin.some((f) => f.severity === 'critical' && /aws_iam_policy\.admin allows "\*": every action on every resource: administrator access/.test(f.message)));
    assert.ok(admin.some((f) => f.severity === 'high' && /aws_kms_key_policy\.odd allows "\*": every action of every service on the resources this policy governs/.test(f.message)), 'a resource policy governs its own resource');
  });

  it('aws-iam-wildcard-action: a dynamic statement block gets one finding naming every iteration', async () => {
    const got = byOwner(await findings('aws-iam-wildcard-action', 'one-per-statement'), 'data.aws_iam_policy_document.per_service');
    assert.equal(got.length, 1);
    assert.match(got[0].message, /allows "ec2:\*" and "lambda:\*"; the broadest, "ec2:\*"/);
  });

  it('a finding in a variable default names the variable and the resource that uses it', async () => {
    const [f] = byOwner(await findings('aws-iam-wildcard-action', 'one-per-statement'), 'aws_iam_policy.deploy');
    assert.equal(textOf(f), '"cloudformation:*"');
    assert.match(f.message, /The policy comes from the default of var\.deploy_policy, which aws_iam_policy\.deploy uses\./);
    const uses = f.related?.find((r) => r.message === 'aws_iam_policy.deploy uses var.deploy_policy here');
    assert.ok(uses, 'a related location on the resource that uses the variable');
    assert.equal(fs.readFileSync(uses.file, 'utf8').split('\n')[uses.range.start.line].trim(), 'policy = jsonencode(var.deploy_policy)');
    const [read] = byOwner(await findings('aws-iam-sensitive-read-any-resource', 'flagged'), 'aws_iam_policy.tables');
    assert.match(read.message, /comes from the default of var\.table_reader_policy, which aws_iam_policy\.tables uses/);
    const inPlace = byOwner(await findings('aws-iam-sensitive-read-any-resource', 'flagged'), 'aws_iam_role_policy.ci');
    assert.doesNotMatch(inPlace[0].message, /comes from/, 'a policy written in the resource says nothing more');
  });

  it('a value set in terraform.tfvars names the variable and the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perimeter-iam-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'variable "actions" {}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n');
    fs.writeFileSync(path.join(dir, 'terraform.tfvars'), 'actions = ["s3:*"]\n');
    const r = await scanPaths([dir], ALL_RULES);
    const [f] = r.findings.filter((x) => x.ruleId === 'aws-iam-wildcard-action');
    assert.equal(path.basename(f.file), 'terraform.tfvars');
    assert.match(f.message, /comes from the value of var\.actions set in terraform\.tfvars, which aws_iam_policy\.p uses/);
  });

  it('a policy passed by a calling module names the variable and the child resource that uses it', async () => {
    const dir = workspace({
      'main.tf': 'module "deployer" {\n  source = "./child"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["ec2:*"], Resource = "*" }] })\n}\n',
      'child/main.tf': 'variable "policy" {\n  type = string\n}\n\nresource "aws_iam_policy" "p" {\n  policy = var.policy\n}\n',
    });
    const r = await scanPaths([dir], ALL_RULES);
    const [f, ...rest] = r.findings.filter((x) => x.ruleId === 'aws-iam-wildcard-action');
    assert.equal(rest.length, 0);
    assert.equal(path.relative(dir, f.file), 'main.tf');
    assert.equal(textOf(f), '"ec2:*"');
    assert.match(f.message, /comes from the value the calling module passes for var\.policy, which aws_iam_policy\.p uses/);
    assert.equal(path.relative(dir, f.related?.[0]?.file ?? ''), path.join('child', 'main.tf'));
  });

  it('aws-iam-wildcard-resource: one finding on the "*", naming the actions briefly; data reads left to the read rule', async () => {
    const got = await findings('aws-iam-wildcard-resource', 'one-per-statement');
    assert.equal(got.length, 1);
    assert.equal(textOf(got[0]), '"*"');
    assert.equal(got[0].severity, 'high');
    assert.match(got[0].message, /allows "s3:PutObject", "s3:DeleteObject", "sqs:SendMessage" and 2 more write actions on every resource/);
    assert.equal(got[0].related?.length, 5);
  });

  it('aws-iam-allow-not-action: NotAction and NotResource in one statement give one finding naming both', async () => {
    const got = await findings('aws-iam-allow-not-action', 'one-per-statement');
    assert.equal(got.length, 1);
    assert.equal(got[0].severity, 'high');
    assert.match(got[0].message, /every action except "iam:\*" and "organizations:\*" on every resource except "arn:aws:s3:::audit\/\*"/);
  });

  it('aws-iam-sensitive-read-any-resource: high for secrets, medium for data, one per statement', async () => {
    const got = (await findings('aws-iam-sensitive-read-any-resource', 'flagged')).map((f) => [f.message.split(' ')[0], textOf(f), f.severity]);
    assert.deepEqual(got, [
      ['aws_iam_role_policy.ci', '"*"', 'high'],
      ['aws_iam_policy.reader', '"*"', 'medium'],
      ['aws_iam_policy.reader', '"*"', 'medium'],
      ['aws_iam_policy.tables', '"*"', 'medium'],
    ]);
  });

  it('every listed sensitive read is a catalogued action that can name resources', () => {
    for (const action of Object.keys(SENSITIVE_READS)) {
      const levels = accessLevels(action);
      assert.ok(levels, `${action} is in the AWS catalogue`);
      assert.ok(levels.includes('Read') || action === 'kms:Decrypt', `${action} is a Read action (kms:Decrypt is catalogued as Write)`);
      assert.equal(isWildcardOnly(action), false, `${action} supports resource-level permissions`);
    }
  });

  it('no statement of the fixtures or examples gets more than one finding per rule', async () => {
    const dirs = [...IAM_RULES.map((r) => path.join(ROOT, 'rules', r, 'test')), path.join(ROOT, 'examples', 'insecure')];
    const counts = await findingsPerStatement(dirs, IAM_RULES);
    assert.ok(counts.size > 10, 'the check saw statements with findings');
    assert.deepEqual([...counts].filter(([, n]) => n > 1), []);
  });

  it('the principal and MFA rules give one finding per statement too, on the first element, the others related', async () => {
    const rules = ['aws-iam-sensitive-actions-without-mfa', 'aws-resource-policy-public-principal', 'aws-s3-public-bucket-policy', 'aws-iam-role-trust-any-principal'];
    const counts = await findingsPerStatement([...rules.map((r) => path.join(ROOT, 'rules', r, 'test')), path.join(ROOT, 'examples', 'insecure')], rules);
    for (const r of rules) assert.ok([...counts.keys()].some((k) => k.startsWith(`${r} `)), `${r} was seen`);
    assert.deepEqual([...counts].filter(([, n]) => n > 1), []);
    const [mfa] = byOwner(await findings('aws-iam-sensitive-actions-without-mfa', 'one-per-statement'), 'aws_iam_user_policy.ops');
    assert.equal(textOf(mfa), '"iam:AttachUserPolicy"');
    assert.match(mfa.message, /lets IAM users use "iam:AttachUserPolicy", "iam:PutUserPolicy" and "sts:AssumeRole" without MFA/);
    assert.deepEqual(mfa.related?.map((r) => r.message), ['"iam:PutUserPolicy": also without MFA', '"sts:AssumeRole": also without MFA']);
    const [trust] = byOwner(await findings('aws-iam-role-trust-any-principal', 'one-per-statement'), 'aws_iam_role.open');
    assert.match(trust.message, /by any AWS account \("\*" and "arn:aws:iam::\*:root"\)/);
    assert.equal(trust.related?.length, 1);
  });
});
