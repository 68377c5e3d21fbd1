import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectPolicies } from '../../server/src/iam';
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
