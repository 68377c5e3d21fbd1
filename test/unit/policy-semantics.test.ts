import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPaths } from '../../server/src/engine/scan';
import { collectPolicies } from '../../server/src/iam';
import type { Condition } from '../../server/src/iam/model';
import { conditionNarrowsCaller } from '../../server/src/rules-support/iam';
import { condition as cond, located as loc, moduleOf, ROOT, workspace } from '../helpers';


describe('condition semantics (who a condition lets in, as AWS evaluates it)', () => {
  const narrowing: [string, Condition][] = [
    ['a fixed source account', cond('StringEquals', 'aws:SourceAccount', '123456789012')],
    ['an apply-time value of a narrowing key', cond('StringEquals', 'aws:SourceAccount', loc('${var.account}', false))],
    ['ForAnyValue on org paths', cond('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-a/r-b/ou-c/')],
    ['IfExists on a key every request has', cond('StringEqualsIfExists', 'aws:PrincipalAccount', '123456789012')],
    ['a named CIDR', cond('IpAddress', 'aws:SourceIp', '203.0.113.0/24')],
    ['a fixed endpoint-owner account', cond('StringEquals', 'aws:VpceAccount', '123456789012')],
    ['a fixed VPC ARN', cond('ArnEquals', 'aws:SourceVpcArn', 'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1')],
    ['a unique user id', cond('StringEquals', 'aws:userid', 'AIDAEXAMPLE')],
    ['key names in any case', cond('stringequals', 'AWS:SOURCEVPCE', 'vpce-1')],
  ];
  for (const [what, c] of narrowing) it(`narrows: ${what}`, () => assert.equal(conditionNarrowsCaller(c), true));

  const open: [string, Condition][] = [
    ['aws:username', cond('StringEquals', 'aws:username', 'alice')],
    ['aws:PrincipalType', cond('StringEquals', 'aws:PrincipalType', 'User')],
    ['aws:SecureTransport', cond('Bool', 'aws:SecureTransport', 'true')],
    ['kms:ViaService', cond('StringEquals', 'kms:ViaService', 'ec2.eu-west-1.amazonaws.com')],
    ['a negated operator', cond('StringNotEquals', 'aws:SourceAccount', '123456789012')],
    ['NotIpAddress', cond('NotIpAddress', 'aws:SourceIp', '203.0.113.0/24')],
    ['ForAllValues', cond('ForAllValues:StringEquals', 'aws:SourceVpce', 'vpce-1')],
    ['IfExists on a key a request may lack', cond('StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1')],
    ['a "*" value', cond('StringEquals', 'aws:PrincipalOrgID', '*')],
    ['a Like pattern', cond('StringLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/x')],
    ['a "?" in a Like pattern', cond('StringLike', 'aws:SourceAccount', '12345678901?')],
    ['ArnEquals matches patterns like ArnLike', cond('ArnEquals', 'aws:SourceArn', 'arn:aws:sns:*:*:t')],
    ['one open value among fixed ones', cond('StringLike', 'aws:SourceVpce', 'vpce-1', 'vpce-*')],
    ['a policy variable', cond('StringEquals', 'aws:PrincipalArn', '${aws:PrincipalArn}')],
    ['0.0.0.0/0', cond('IpAddress', 'aws:SourceIp', '0.0.0.0/0')],
    ['::/0', cond('IpAddress', 'aws:SourceIp', '::/0')],
    ['the anonymous user id', cond('StringEquals', 'aws:userid', 'anonymous')],
    ['no values', cond('StringEquals', 'aws:SourceAccount')],
  ];
  for (const [what, c] of open) it(`does not narrow: ${what}`, () => assert.equal(conditionNarrowsCaller(c), false));

  it('a "*" inside a StringEquals value is a literal (narrows); in StringLike it is a pattern (does not)', () => {
    assert.equal(conditionNarrowsCaller(cond('StringEquals', 'aws:SourceArn', 'arn:aws:sns:eu-west-1:123456789012:*')), true);
    assert.equal(conditionNarrowsCaller(cond('StringLike', 'aws:SourceArn', 'arn:aws:sns:eu-west-1:123456789012:*')), false);
  });
});

describe('VPC endpoint policies', () => {
  it('have kind "endpoint" in every written form, including a policy document they use', async () => {
    const m = await moduleOf({
      'main.tf': [
        'data "aws_iam_policy_document" "d" {',
        '  statement {',
        '    actions = ["s3:*"]',
        '    principals {',
        '      type        = "*"',
        '      identifiers = ["*"]',
        '    }',
        '  }',
        '}',
        'resource "aws_vpc_endpoint" "a" {',
        '  policy = data.aws_iam_policy_document.d.json',
        '}',
        'resource "aws_vpc_endpoint_policy" "b" {',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*" }] })',
        '}',
        'resource "aws_sqs_queue_policy" "q" {',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*", Resource = "*" }] })',
        '}',
      ].join('\n'),
    });
    const kinds = Object.fromEntries(collectPolicies(m).map((p) => [p.owner.address, p.kind]));
    assert.deepEqual(kinds, { 'aws_vpc_endpoint.a': 'endpoint', 'aws_vpc_endpoint_policy.b': 'endpoint', 'aws_sqs_queue_policy.q': 'resource' });
  });
});

describe('OpenSearch domains that are not open to the internet', () => {
  it('report "*" one level lower, saying why', async () => {
    const r = await scanPaths([path.join(ROOT, 'rules/aws-resource-policy-public-principal/test/opensearch')], ALL_RULES);
    const got = Object.fromEntries(
      r.findings.filter((f) => f.ruleId === 'aws-resource-policy-public-principal').map((f) => [f.message.split(' ')[0], { severity: f.severity, why: /not open to the internet \(([^)]*)\)/.exec(f.message)?.[1] }]),
    );
    assert.deepEqual(got, {
      'aws_opensearch_domain.open': { severity: 'critical', why: undefined },
      'aws_opensearch_domain.in_vpc': { severity: 'high', why: 'vpc_options: reachable only from inside its VPC' },
      'aws_elasticsearch_domain_policy.fgac': { severity: 'medium', why: 'fine-grained access control authenticates every request' },
      'aws_opensearch_domain_policy.by_name': { severity: 'medium', why: 'vpc_options: reachable only from inside its VPC' },
      'aws_opensearch_domain.fgac_off': { severity: 'high', why: undefined },
      'aws_opensearch_domain.dynamic_vpc': { severity: 'medium', why: 'vpc_options: reachable only from inside its VPC' },
      'aws_opensearch_domain.dynamic_none': { severity: 'high', why: undefined },
    });
  });
});

describe('public access blocks linked by literal name and created by module calls', () => {
  it('lower a public ACL they neutralise, naming the block, and leave others as they are', async () => {
    const r = await scanPaths([path.join(ROOT, 'rules/aws-s3-public-acl/test/covered')], ALL_RULES);
    const got = r.findings.filter((f) => f.ruleId === 'aws-s3-public-acl').map((f) => [f.message.split(' ')[0], f.severity, /but (\S+) blocks/.exec(f.message)?.[1]]);
    assert.deepEqual(got, [
      ['aws_s3_bucket_acl.undeclared', 'low', 'aws_s3_bucket_public_access_block.undeclared'],
      ['aws_s3_bucket_acl.logs', 'low', 'module.logs_pab.aws_s3_bucket_public_access_block.this'],
      ['aws_s3_bucket_acl.open', 'critical', undefined],
    ]);
  });

  it('a module installed by terraform init that creates the block covers the bucket it is given', async () => {
    const pab = 'variable "bucket" {}\nresource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = var.bucket\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n';
    const dir = workspace({
      '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'pab', Source: 'registry.terraform.io/x/pab/aws', Dir: '.terraform/modules/pab' }] }),
      '.terraform/modules/pab/main.tf': pab,
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket" "c" {\n  bucket = "c"\n}\nmodule "pab" {\n  source = "x/pab/aws"\n  bucket = aws_s3_bucket.b.bucket\n}\n',
    });
    const r = await scanPaths([dir], ALL_RULES);
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'aws-s3-public-access-block-missing').map((f) => f.message.split(' ')[0]), ['aws_s3_bucket.c']);
  });
});
