import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectPolicies, policyDocumentsIn } from '../../server/src/iam';
import { publicStatements } from '../../server/src/rules-support/iam-findings';
import { moduleOf } from '../helpers';

describe('public statements (the loop the three public-principal rules share)', () => {
  it('keeps Allow statements with a public principal and no narrowing condition, one entry each', async () => {
    const m = await moduleOf({
      'main.tf': `
resource "aws_sqs_queue_policy" "q" {
  queue_url = "q"
  policy = jsonencode({ Statement = [
    { Effect = "Allow", Principal = { AWS = ["*", "arn:aws:iam::*:root"] }, Action = "sqs:SendMessage", Resource = "*" },
    { Effect = "Allow", Principal = "*", NotAction = "sqs:DeleteQueue", Resource = "*" },
    { Effect = "Allow", Principal = "*", Action = "sqs:GetQueueUrl", Resource = "*" },
    { Effect = "Deny", Principal = "*", Action = "sqs:*", Resource = "*" },
    { Effect = "Allow", Principal = "*", Action = "sqs:*", Resource = "*", Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } } },
    { Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "sqs:*", Resource = "*" },
  ] })
}
`,
    });
    const [p] = collectPolicies(m);
    const out = publicStatements(p, 'anyone too');
    assert.deepEqual(
      out.map((x) => [x.principals.names, x.write, x.actions, x.principals.related.map((r) => r.message)]),
      [
        ['"*" and "arn:aws:iam::*:root"', true, ['sqs:SendMessage'], ['"arn:aws:iam::*:root": anyone too']],
        ['"*"', true, [], []],
        ['"*"', false, ['sqs:GetQueueUrl'], []],
      ],
    );
  });
});

describe('policy documents a value holds (one reading for collecting and for rules)', () => {
  it('finds documents in lists, maps and conditional choices', async () => {
    const m = await moduleOf({
      'main.tf': `
data "aws_iam_policy_document" "a" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "b" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}
output "docs" {
  value = { first = [data.aws_iam_policy_document.a.json], second = var.x ? data.aws_iam_policy_document.b.json : null }
}
`,
    });
    const out = m.blocksOfType('output')[0];
    const found = policyDocumentsIn(m, m.attribute(out, 'value')!.value).map((d) => d.address).sort();
    assert.deepEqual(found, ['data.aws_iam_policy_document.a', 'data.aws_iam_policy_document.b']);
  });
});
