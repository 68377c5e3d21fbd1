import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectPolicies, type Policy } from '../../server/src/iam';
import { moduleOf } from '../helpers';

/** Policies whose text is only partly known, and documents reached through collection functions. */

function only(policies: Policy[], address: string): Policy {
  const p = policies.find((x) => x.owner.address === address);
  assert.ok(p, `policy of ${address}; found ${policies.map((x) => x.owner.address)}`);
  return p;
}

function text(files: Record<string, string>, origin: { file: string; span: { start: number; end: number } }): string {
  return files[origin.file.replace('/virtual/', '')].slice(origin.span.start, origin.span.end);
}

describe('reading partly known policy text', () => {
  const files = {
    'main.tf': `resource "aws_iam_role" "r" {
  assume_role_policy = <<EOF
{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\${var.account}:root"},"Action":"sts:AssumeRole","Resource":\${jsonencode(var.arns)}}]}
EOF
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = <<EOF
{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"\${aws_s3_bucket.b.arn}/*"}]}
EOF
}
`,
  };

  it('keeps the known parts of a string and marks it unknown, with exact ranges', async () => {
    const m = await moduleOf(files);
    const trust = only(collectPolicies(m), 'aws_iam_role.r');
    assert.deepEqual(trust.errors, []);
    const [s] = trust.statements;
    assert.equal(s.principals.length, 1);
    const id = s.principals[0].id;
    assert.equal(id.known, false);
    assert.equal(id.value, 'arn:aws:iam::${…}:root');
    assert.equal(text(files, id.origin), '"arn:aws:iam::${var.account}:root"');
    assert.equal(s.actions[0].value, 'sts:AssumeRole');
    assert.equal(text(files, s.actions[0].origin), '"sts:AssumeRole"');
  });

  it('reads an interpolation in a value position as one unknown value', async () => {
    const m = await moduleOf(files);
    const [s] = only(collectPolicies(m), 'aws_iam_role.r').statements;
    assert.equal(s.resources.length, 1);
    assert.equal(s.resources[0].known, false);
    assert.equal(text(files, s.resources[0].origin), '${jsonencode(var.arns)}');
    assert.equal(s.partial, true);
  });

  it('keeps a public principal known when only the resource is unknown', async () => {
    const m = await moduleOf(files);
    const [s] = only(collectPolicies(m), 'aws_s3_bucket_policy.p').statements;
    assert.equal(s.principals[0].type, '*');
    assert.equal(s.resources[0].known, false);
    assert.equal(s.resources[0].value, '${aws_s3_bucket.b}/*');
  });

  it('reads nothing from a wholly unknown policy or from text that is not JSON', async () => {
    const m = await moduleOf({
      'main.tf': `resource "aws_iam_policy" "a" { policy = "\${var.policy}" }
resource "aws_iam_policy" "b" { policy = "not json \${var.x}" }
`,
    });
    const ps = collectPolicies(m);
    assert.equal(only(ps, 'aws_iam_policy.a').statements.length, 0);
    assert.equal(only(ps, 'aws_iam_policy.b').statements.length, 0);
  });
});

describe('documents reached through splats and collection functions', () => {
  const doc = `data "aws_iam_policy_document" "d" {
  count = var.on ? 1 : 0
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
`;
  for (const [name, expr] of [
    ['join over an attribute splat', 'join("", data.aws_iam_policy_document.d.*.json)'],
    ['one over a full splat', 'one(data.aws_iam_policy_document.d[*].json)'],
    ['element over a splat', 'element(data.aws_iam_policy_document.d.*.json, 0)'],
    ['coalesce after an unknown argument', 'coalesce(var.custom, data.aws_iam_policy_document.d[0].json)'],
    ['try', 'try(data.aws_iam_policy_document.d[0].json, "")'],
  ]) {
    it(name, async () => {
      const m = await moduleOf({ 'main.tf': `${doc}resource "aws_iam_policy" "p" { policy = ${expr} }\n` });
      const ps = collectPolicies(m);
      const p = only(ps, 'aws_iam_policy.p');
      assert.equal(p.statements.length, 1, JSON.stringify(p.errors));
      assert.equal(p.statements[0].actions[0].value, 'sqs:SendMessage');
      assert.ok(!ps.some((x) => x.owner.address === 'data.aws_iam_policy_document.d'), 'the document is read where it is used, not twice');
    });
  }

  it('splats a list value element by element', async () => {
    const m = await moduleOf({
      'main.tf': `locals { docs = [{ json = "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:*\\",\\"Resource\\":\\"*\\"}]}" }] }
resource "aws_iam_policy" "p" { policy = join("", local.docs[*].json) }
`,
    });
    assert.equal(only(collectPolicies(m), 'aws_iam_policy.p').statements[0].actions[0].value, 's3:*');
  });
});

describe('documents switched off and documents merged through locals', () => {
  const files = (enabled: string) => ({
    'main.tf': `variable "attach_s3" { default = ${enabled} }
data "aws_iam_policy_document" "s3" {
  count = var.attach_s3 ? 1 : 0
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "base" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
locals { sources = concat(data.aws_iam_policy_document.s3[*].json, data.aws_iam_policy_document.base[*].json) }
data "aws_iam_policy_document" "this" { source_policy_documents = local.sources }
resource "aws_iam_policy" "p" { policy = data.aws_iam_policy_document.this.json }
`,
  });

  it('a document with count = 0 known statically is not merged, nor listed on its own', async () => {
    const ps = collectPolicies(await moduleOf(files('false')));
    const actions = only(ps, 'aws_iam_policy.p').statements.flatMap((s) => s.actions.map((a) => a.value));
    assert.deepEqual(actions, ['sqs:SendMessage']);
    assert.deepEqual(ps.map((p) => p.owner.address), ['aws_iam_policy.p'], 'merged documents are read where they are merged');
  });

  it('switched on, it is merged, and still read only once', async () => {
    const ps = collectPolicies(await moduleOf(files('true')));
    const actions = only(ps, 'aws_iam_policy.p').statements.flatMap((s) => s.actions.map((a) => a.value));
    assert.deepEqual(actions.sort(), ['s3:*', 'sqs:SendMessage']);
    assert.deepEqual(ps.map((p) => p.owner.address), ['aws_iam_policy.p']);
  });
});

describe('blocks with for_each and count', () => {
  it('reads each.value of a for_each over a known map: every instance is judged', async () => {
    const m = await moduleOf({
      'main.tf': `locals {
  roles = {
    a = { trust = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] }) }
    b = { trust = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" } }] }) }
  }
}
resource "aws_iam_role" "r" {
  for_each           = local.roles
  name               = each.key
  assume_role_policy = each.value.trust
}
`,
    });
    const p = only(collectPolicies(m), 'aws_iam_role.r');
    assert.deepEqual(p.statements.map((s) => s.principals[0].id.value).sort(), ['arn:aws:iam::123456789012:root', 'ec2.amazonaws.com']);
  });

  it('leaves each unknown when the collection is not known', async () => {
    const m = await moduleOf({ 'main.tf': 'resource "aws_iam_role" "r" {\n  for_each = var.roles\n  assume_role_policy = each.value\n}\n' });
    assert.equal(only(collectPolicies(m), 'aws_iam_role.r').statements.length, 0);
  });

  it('a resource with count = 0 statically is not created: its policy is not read', async () => {
    const m = await moduleOf({
      'main.tf': `variable "policy" { default = "" }
resource "aws_iam_role_policy" "p" {
  count  = var.policy != "" ? 1 : 0
  role   = "r"
  policy = var.policy
}
resource "aws_iam_policy" "kept" {
  count  = 1
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
`,
    });
    assert.deepEqual(collectPolicies(m).map((p) => p.owner.address), ['aws_iam_policy.kept']);
  });
});

describe('legacy data "template_file" policies', () => {
  it('renders file() templates with their vars, positions in the template file', async () => {
    const files = {
      'main.tf': `data "template_file" "t" {
  template = file("\${path.module}/p.json")
  vars = { bucket = "logs", arn = aws_s3_bucket.b.arn }
}
resource "aws_iam_policy" "p" { policy = data.template_file.t.rendered }
`,
      'p.json': '{"Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":["arn:aws:s3:::${bucket}/*","${arn}"]}]}',
    };
    const m = await moduleOf(files);
    const p = only(collectPolicies(m), 'aws_iam_policy.p');
    assert.equal(p.form, 'file');
    const [known, unknownArn] = p.statements[0].resources;
    assert.equal(known.value, 'arn:aws:s3:::logs/*');
    assert.equal(known.known, true);
    assert.equal(unknownArn.known, false);
    assert.equal(text(files, p.statements[0].actions[0].origin), '"s3:PutObject"');
  });
});

describe('dynamic blocks inside a policy document statement', () => {
  it('reads dynamic "condition" and dynamic "principals" once per item, with the iterator bound', async () => {
    const m = await moduleOf({
      'main.tf': `variable "orgs" { default = ["o-abc123"] }
variable "accounts" { default = { a = "111111111111", b = "222222222222" } }
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    dynamic "principals" {
      for_each = var.accounts
      content {
        type        = "AWS"
        identifiers = ["arn:aws:iam::\${principals.value}:root"]
      }
    }
    dynamic "condition" {
      for_each = var.orgs
      iterator = org
      content {
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = [org.value]
      }
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = data.aws_iam_policy_document.d.json
}
`,
    });
    const [s] = only(collectPolicies(m), 'aws_s3_bucket_policy.p').statements;
    assert.deepEqual(s.principals.map((p) => p.id.value).sort(), ['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root']);
    assert.deepEqual(s.conditions.map((c) => [c.operator.value, c.key.value, c.values.map((v) => v.value)]), [['StringEquals', 'aws:PrincipalOrgID', ['o-abc123']]]);
  });
});

describe('template directives in policy text', () => {
  it('a %{ for } directive is unknown text: the statement around it is still read', async () => {
    const m = await moduleOf({
      'main.tf': `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":[%{ for b in var.buckets }"arn:aws:s3:::\${b}/*",%{ endfor }"arn:aws:s3:::logs/*"]}]}
EOF
}
`,
    });
    const [s] = only(collectPolicies(m), 'aws_iam_policy.p').statements;
    assert.deepEqual(s.actions.map((a) => a.value), ['s3:*']);
    assert.ok(s.resources.some((r) => r.known && r.value === 'arn:aws:s3:::logs/*'));
    assert.ok(!s.resources.some((r) => r.known && r.value === '*'), 'nothing unknown is read as a wildcard');
  });
});

describe('syntax errors of policy text', () => {
  const files = {
    'main.tf': `variable "arns" {}
variable "extra" {}
resource "aws_iam_policy" "comment" {
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject",  # read only, see ticket 42
  "Resource": "*"}]}
EOF
}
resource "aws_iam_policy" "open" {
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": \${jsonencode(var.arns)}}]
EOF
}
resource "aws_iam_policy" "hole" {
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"} \${var.extra}]}
EOF
}
`,
  };

  it('gives a "#" comment one error and reads on after it as if the comment were not there', async () => {
    const p = only(collectPolicies(await moduleOf(files)), 'aws_iam_policy.comment');
    assert.deepEqual(p.errors.map((e) => [e.syntax?.code, text(files, e.origin), e.syntax?.line, e.syntax?.certain]), [['InvalidSymbol', '#', 0, true]]);
  });

  it('places what is missing at the end of the text on its last character, not on the heredoc marker', async () => {
    const p = only(collectPolicies(await moduleOf(files)), 'aws_iam_policy.open');
    assert.deepEqual(p.errors.map((e) => [e.syntax?.code, text(files, e.origin), e.syntax?.certain]), [['CloseBraceExpected', ']', true]]);
  });

  it('does not judge text whose error is at a part not known statically', async () => {
    const p = only(collectPolicies(await moduleOf(files)), 'aws_iam_policy.hole');
    assert.ok(p.errors.length > 0);
    assert.ok(p.errors.every((e) => e.syntax?.certain === false));
  });
});
