import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../server/src/eval/evaluate';
import { toPlain, unknown } from '../../server/src/eval/value';
import { collectPolicies } from '../../server/src/iam';
import { moduleStatements as registryModuleStatements } from '../../server/src/registry/statements';
import { moduleOf, parse } from '../helpers';

async function moduleStatements(expr: string): Promise<unknown> {
  const f = await parse(`v = ${expr}\n`);
  const v = evaluate(f.body.attributes[0].expr, { file: f.path, resolve: (_r, _s, o) => unknown('test', o) });
  return toPlain(registryModuleStatements([v], v.origin));
}

describe('IAM statements built from Terraform statement fields (one builder)', () => {
  it('a policy document block and a registry module statement give the same JSON statement', async () => {
    const fromModule = await moduleStatements(`[{
      sid = "S", actions = ["s3:GetObject"], resources = ["*"],
      principals = [{ type = "AWS", identifiers = ["a"] }, { type = "AWS", identifiers = ["b"] }, { type = "Service", identifiers = ["s3.amazonaws.com"] }],
      condition = [{ test = "StringEquals", variable = "aws:SourceAccount", values = ["1"] }, { test = "StringEquals", variable = "aws:SourceArn", values = ["x"] }]
    }]`);
    const m = await moduleOf({
      'main.tf': `
data "aws_iam_policy_document" "d" {
  statement {
    sid       = "S"
    actions   = ["s3:GetObject"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["a"]
    }
    principals {
      type        = "AWS"
      identifiers = ["b"]
    }
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["1"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = ["x"]
    }
  }
}
`,
    });
    const doc = m.dataSources('aws_iam_policy_document')[0];
    const json = m.evaluateReference('data.aws_iam_policy_document.d.json', doc);
    const fromDocument = json.kind === 'string' && json.json ? toPlain(json.json) : undefined;
    const statement = {
      Sid: 'S',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: ['*'],
      // Principals of one type merged, conditions of one test merged (the module builder
      // used to write a key per item: two "AWS" keys, two "StringEquals" keys).
      Principal: { AWS: ['a', 'b'], Service: ['s3.amazonaws.com'] },
      Condition: { StringEquals: { 'aws:SourceAccount': ['1'], 'aws:SourceArn': ['x'] } },
    };
    assert.deepEqual(fromModule, { Statement: [statement] });
    assert.deepEqual(fromDocument, { Version: '2012-10-17', Statement: [statement] });
    assert.equal(collectPolicies(m)[0].statements[0].principals.length, 3);
  });

  it('keeps a principal of a type not known statically under "?", identifiers and all', async () => {
    const v = await moduleStatements('[{ actions = ["sqs:*"], principals = [{ type = var.t, identifiers = ["*"] }] }]');
    assert.deepEqual(v, { Statement: [{ Effect: 'Allow', Action: ['sqs:*'], Principal: { '?': ['*'] } }] });
  });
});

describe('indexed references to rendered data sources (count, for_each)', () => {
  it('read the same text whatever the index, for policy documents and template_file alike', async () => {
    const m = await moduleOf({
      'main.tf': `
data "aws_iam_policy_document" "d" {
  for_each = toset(["a", "b"])
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
data "template_file" "t" {
  count    = 1
  template = "hello"
}
resource "aws_iam_policy" "by_key" { policy = data.aws_iam_policy_document.d["a"].json }
resource "aws_iam_policy" "by_min" { policy = data.aws_iam_policy_document.d["b"].minified_json }
output "text" { value = data.template_file.t[0].rendered }
`,
    });
    const ps = collectPolicies(m);
    for (const name of ['by_key', 'by_min']) assert.equal(ps.find((p) => p.owner.address === `aws_iam_policy.${name}`)?.statements[0]?.actions[0]?.value, 'sqs:SendMessage', name);
    const out = m.blocksOfType('output')[0];
    assert.equal(toPlain(m.attribute(out, 'value')!.value), 'hello');
  });
});
