import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessLevels, collectPolicies, expandPattern, isKnownGlobalConditionKey, isWildcardOnly, patternAccessLevels, type Policy } from '../../server/src/iam';
import { moduleOf } from '../helpers';

describe('iam catalogue', () => {
  it('knows access levels of actions, case-insensitively', () => {
    assert.deepEqual(accessLevels('iam:PutRolePolicy'), ['Write', 'Permissions management']);
    assert.deepEqual(accessLevels('S3:getobject'), ['Read']);
    assert.equal(accessLevels('s3:NoSuchAction'), undefined);
  });

  it('expands wildcard patterns like AWS', () => {
    const get = expandPattern('s3:Get*');
    assert.ok(get.includes('s3:GetObject'));
    assert.ok(get.every((a) => a.toLowerCase().startsWith('s3:get')));
    assert.ok(expandPattern('iam:Put*').includes('iam:PutRolePolicy'));
    assert.ok(expandPattern('ec2:Describe?pcs').includes('ec2:DescribeVpcs'));
    assert.ok(expandPattern('*').length > 20000);
    assert.ok(!patternAccessLevels('s3:Get*').has('Write'), 's3:Get* is read-only');
    assert.ok(patternAccessLevels('iam:Put*').has('Permissions management'));
  });

  it('knows wildcard-only actions and global condition keys', () => {
    assert.equal(isWildcardOnly('s3:ListAllMyBuckets'), true);
    assert.equal(isWildcardOnly('s3:GetObject'), false);
    assert.equal(isKnownGlobalConditionKey('aws:MultiFactorAuthPresent'), true);
    assert.equal(isKnownGlobalConditionKey('aws:MultiFactorAuthPresnt'), false);
  });
});

function textOf(files: Record<string, string>, origin: { file: string; span: { start: number; end: number } }): string {
  const name = origin.file.replace('/virtual/', '');
  return files[name].slice(origin.span.start, origin.span.end);
}

function only(policies: Policy[], address: string): Policy {
  const p = policies.find((x) => x.owner.address === address);
  assert.ok(p, `policy of ${address}; found ${policies.map((x) => x.owner.address)}`);
  return p;
}

describe('iam policies in every written form', () => {
  const files: Record<string, string> = {
    'main.tf': `
resource "aws_iam_policy" "encoded" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "*"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "heredoc" {
  policy = <<-EOT
    {
      "Statement": {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}
    }
  EOT
}

resource "aws_iam_policy" "from_file" {
  policy = file("\${path.module}/policy.json")
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  inline_policy {
    name   = "x"
    policy = jsonencode({ Statement = [{ Effect = "Deny", Action = "s3:*", Resource = "*" }] })
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.trust.json]
  statement {
    sid       = "Extra"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = local.buckets
    content {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::\${statement.value}/*"]
    }
  }
}

locals {
  buckets = ["a", "b"]
}

resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = var.public ? jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }] }) : null
}

variable "public" {}
`,
    'policy.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}\n  ]\n}\n',
  };

  it('reads jsonencode with ranges into the HCL', async () => {
    const p = only(collectPolicies(await moduleOf(files)), 'aws_iam_policy.encoded');
    assert.equal(p.form, 'jsonencode');
    assert.equal(p.kind, 'identity');
    const star = p.statements[0].actions.find((a) => a.value === '*')!;
    assert.equal(textOf(files, star.origin), '"*"');
    assert.equal(textOf(files, p.statements[0].effect!.origin), '"Allow"');
  });

  it('reads heredoc JSON with ranges inside the heredoc', async () => {
    const p = only(collectPolicies(await moduleOf(files)), 'aws_iam_policy.heredoc');
    assert.equal(p.form, 'heredoc');
    assert.equal(textOf(files, p.statements[0].actions[0].origin), '"iam:*"');
  });

  it('reads file() policies with ranges in the .json file', async () => {
    const p = only(collectPolicies(await moduleOf(files)), 'aws_iam_policy.from_file');
    assert.equal(p.form, 'file');
    const a = p.statements[0].actions[0];
    assert.equal(a.origin.file, '/virtual/policy.json');
    assert.equal(textOf(files, a.origin), '"ec2:*"');
  });

  it('reads policy documents, trust policies and conditions', async () => {
    const policies = collectPolicies(await moduleOf(files));
    const trust = policies.find((p) => p.owner.address === 'aws_iam_role.r' && p.attribute === 'assume_role_policy')!;
    assert.equal(trust.kind, 'trust');
    assert.equal(trust.form, 'policy-document');
    const s = trust.statements[0];
    assert.equal(s.effect?.value, 'Allow', 'Terraform defaults effect to Allow');
    assert.equal(textOf(files, s.principals[0].id.origin), '"arn:aws:iam::123456789012:root"');
    assert.equal(s.principals[0].type, 'AWS');
    assert.equal(s.conditions[0].operator.value, 'Bool');
    assert.equal(s.conditions[0].key.value, 'aws:MultiFactorAuthPresent');
    assert.deepEqual(s.conditions[0].values.map((v) => v.value), ['true']);
    const inline = policies.find((p) => p.attribute === 'inline_policy.policy')!;
    assert.equal(inline.statements[0].effect?.value, 'Deny');
  });

  it('merges source documents and expands dynamic statements over known collections', async () => {
    const merged = only(collectPolicies(await moduleOf(files)), 'data.aws_iam_policy_document.merged');
    assert.deepEqual(
      merged.statements.map((s) => s.actions.map((a) => a.value).join(',')),
      ['sts:AssumeRole', 's3:PutObject', 's3:GetObject', 's3:GetObject'],
    );
    assert.deepEqual(merged.statements.slice(2).map((s) => s.resources[0].value), ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*']);
  });

  it('keeps both branches of a conditional policy', async () => {
    const p = only(collectPolicies(await moduleOf(files)), 'aws_s3_bucket_policy.b');
    assert.equal(p.kind, 'resource');
    assert.equal(p.statements[0].principals[0].type, '*');
  });

  it('reads a document merged into another only there, not a second time on its own', async () => {
    const m = await moduleOf({
      'main.tf': 'data "aws_iam_policy_document" "part" {\n  statement {\n    actions   = ["s3:*"]\n    resources = ["*"]\n  }\n}\n\ndata "aws_iam_policy_document" "all" {\n  source_policy_documents = [data.aws_iam_policy_document.part.json]\n}\n\nresource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.all.json\n}\n',
    });
    const p = collectPolicies(m);
    assert.deepEqual(p.map((x) => x.owner.address), ['aws_iam_policy.p']);
    assert.equal(p[0].statements[0].actions[0].value, 's3:*');
  });

  it('ends a policy document that includes itself in unknown, not a hang', async () => {
    const m = await moduleOf({
      'main.tf': 'data "aws_iam_policy_document" "loop" {\n  source_policy_documents = [data.aws_iam_policy_document.loop.json]\n  statement {\n    actions = ["s3:*"]\n    resources = ["*"]\n  }\n}\n',
    });
    const p = collectPolicies(m);
    assert.equal(p.length, 1);
    assert.ok(p[0].statements.some((s) => s.actions.some((a) => a.value === 's3:*')));
  });
});
