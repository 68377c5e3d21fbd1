import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { resolvePeerId, peerIdCovers } from '../../server/src/engine/peer-ids';
import { scanSources } from '../../server/src/engine/scan';

/** `<file>:<line> <rule>` for every finding of a scan of in-memory files. */
async function scan(files: Record<string, string>): Promise<string[]> {
  const sources = Object.entries(files).map(([name, text]) => ({ path: `/s/${name}`, text }));
  return scanSources(sources, ALL_RULES)
    .findings.map((f) => `${f.file.slice(3)}:${f.range.start.line + 1} ${f.ruleId}`)
    .sort();
}

// A policy document with a wildcard action (line 4) and a wildcard resource (line 8),
// read by a policy in another file.
const doc = (above = '', inFirst = '', aboveSecond = '') => `# the document
${above}data "aws_iam_policy_document" "d" {
  statement {${inFirst}
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::b/*"]
  }
${aboveSecond}  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}
`;
const USE = `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}
`;
const lines = (text: string, rule: string, ...ns: number[]) => ns.map((n) => `doc.tf:${n} ${rule}`);
const BOTH = (shift = 0) => [...lines('', 'aws-iam-wildcard-action', 4 + shift), ...lines('', 'aws-iam-wildcard-resource', 9 + shift)].sort();

describe('peer suppressions on policy documents', () => {
  it('without a comment, both findings are reported in the document', async () => {
    assert.deepEqual(await scan({ 'doc.tf': doc(), 'use.tf': USE }), BOTH());
  });

  it('a tfsec long id above the data block covers every finding located in it (it names wildcard actions and resources)', async () => {
    assert.deepEqual(await scan({ 'doc.tf': doc('#tfsec:ignore:aws-iam-no-policy-wildcards\n'), 'use.tf': USE }), []);
  });

  it('a Trivy id for another check above the data block covers nothing', async () => {
    assert.deepEqual(await scan({ 'doc.tf': doc('#trivy:ignore:AVD-AWS-0102\n'), 'use.tf': USE }), BOTH(1));
  });

  it('a Checkov data-source id inside a statement covers the whole document, for its rule only', async () => {
    // CKV_AWS_356 is about "*" resources: the wildcard resource of the other statement goes,
    // the wildcard action stays.
    const found = await scan({ 'doc.tf': doc('', '\n    #checkov:skip=CKV_AWS_356: resources not known in advance'), 'use.tf': USE });
    assert.deepEqual(found, ['doc.tf:5 aws-iam-wildcard-action']);
  });

  it('a comment above one statement covers that statement only', async () => {
    const found = await scan({ 'doc.tf': doc('', '', '  #tfsec:ignore:aws-iam-no-policy-wildcards\n'), 'use.tf': USE });
    assert.deepEqual(found, ['doc.tf:4 aws-iam-wildcard-action']);
  });

  it('stacked comments above a block all annotate it', async () => {
    const found = await scan({ 'doc.tf': doc('#tfsec:ignore:AWS002\n# reviewed in PR 12\n#tfsec:ignore:AWS099\n'), 'use.tf': USE });
    assert.deepEqual(found, []);
  });

  it('a Perimeter comment above the data block covers findings located in it, and one above the reading resource does not', async () => {
    assert.deepEqual(await scan({ 'doc.tf': doc('# perimeter:ignore:aws-iam-wildcard-action reviewed\n'), 'use.tf': USE }), ['doc.tf:10 aws-iam-wildcard-resource']);
    const far = await scan({ 'doc.tf': doc(), 'use.tf': '# perimeter:ignore:aws-iam-wildcard-action reviewed\n' + USE });
    assert.deepEqual(far, [...BOTH(), 'use.tf:1 perimeter-unused-suppression'].sort());
  });

  it('a legacy tfsec code trailing the resources line covers that line (AWS099 = aws-iam-no-policy-wildcards)', async () => {
    const text = doc().replace('resources = ["*"]', 'resources = ["*"] #tfsec:ignore:AWS099 tfsec:ignore:AWS097');
    assert.deepEqual(await scan({ 'doc.tf': text, 'use.tf': USE }), ['doc.tf:4 aws-iam-wildcard-action']);
  });

  it('a comment inside the resource that reads a policy .json file covers the findings in that file', async () => {
    const json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
    const tf = (c: string) => `resource "aws_iam_policy" "p" {\n  name = "p"\n${c}  policy = file("\${path.module}/policy.json")\n}\n`;
    const run = (c: string) =>
      scanSources([{ path: '/s/main.tf', text: tf(c) }], ALL_RULES, { reader: (p) => (p === '/s/policy.json' ? json : undefined) }).findings.map((f) => f.ruleId);
    assert.deepEqual(run(''), ['aws-iam-wildcard-action']);
    assert.deepEqual(run('  #checkov:skip=CKV_AWS_62:break-glass role\n'), []);
    assert.deepEqual(run('  #checkov:skip=CKV_AWS_20:not this\n'), ['aws-iam-wildcard-action']);
  });
});

const PAB = (comment: string) =>
  `resource "aws_s3_bucket_public_access_block" "b" {\n${comment}  bucket                  = "b"\n  block_public_acls       = false\n  block_public_policy     = false\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n`;

describe('peer ids in every form', () => {
  it('without a comment, both flags are reported', async () => {
    assert.deepEqual(await scan({ 'doc.tf': PAB('') }), ['doc.tf:3 aws-s3-public-access-block-disabled', 'doc.tf:4 aws-s3-public-access-block-disabled']);
  });

  for (const [form, comment] of [
    ['a tfsec long id', '  #tfsec:ignore:aws-s3-block-public-acls\n'],
    ['a tfsec legacy code', '  # tfsec:ignore:AWS074\n'],
    ['a Bridgecrew id', '  #bridgecrew:skip=BC_AWS_S3_19:public website\n'],
    ['one of several tfsec ids in one comment', '  #tfsec:ignore:AWS098 tfsec:ignore:AWS002 tfsec:ignore:aws-s3-block-public-acls tfsec:ignore:aws-s3-enable-versioning\n'],
    ['a Trivy id with a future expiry', '  #trivy:ignore:AVD-AWS-0086:exp:2999-01-01\n'],
  ] as const) {
    it(`${form} silences exactly the flag it names`, async () => {
      const text = PAB('').replace('  block_public_acls ', comment + '  block_public_acls ');
      assert.deepEqual(await scan({ 'doc.tf': text }), ['doc.tf:5 aws-s3-public-access-block-disabled']);
    });
  }

  it('a Trivy id whose expiry has passed no longer suppresses', async () => {
    const text = PAB('').replace('  block_public_acls ', '  #trivy:ignore:AVD-AWS-0086:exp:2001-01-01\n  block_public_acls ');
    assert.deepEqual(await scan({ 'doc.tf': text }), ['doc.tf:4 aws-s3-public-access-block-disabled', 'doc.tf:5 aws-s3-public-access-block-disabled']);
  });

  it('a Bridgecrew id of another check does not suppress', async () => {
    assert.deepEqual(await scan({ 'doc.tf': PAB('  #bridgecrew:skip=BC_AWS_S3_23:policy check\n') }), [
      'doc.tf:4 aws-s3-public-access-block-disabled',
      'doc.tf:5 aws-s3-public-access-block-disabled',
    ]);
  });

  it("tfsec's legacy AWS097 is not Trivy's AVD-AWS-0097: it does not silence an SQS wildcard action, AWS047 does", async () => {
    const sqs = (c: string) =>
      `resource "aws_sqs_queue_policy" "q" {\n  queue_url = "u"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      Principal = { AWS = "arn:aws:iam::123456789012:root" }\n      Action = "sqs:*" ${c}\n      Resource = "arn:aws:sqs:eu-west-2:123456789012:q"\n    }]\n  })\n}\n`;
    assert.deepEqual(await scan({ 'doc.tf': sqs('') }), ['doc.tf:8 aws-iam-wildcard-action']);
    assert.deepEqual(await scan({ 'doc.tf': sqs('#tfsec:ignore:AWS097') }), ['doc.tf:8 aws-iam-wildcard-action']);
    assert.deepEqual(await scan({ 'doc.tf': sqs('#tfsec:ignore:AWS047') }), []);
  });

  it('resolves each form onto the ids rules list', () => {
    assert.deepEqual(resolvePeerId('AWS099').keys, ['aws099', 'aws-iam-no-policy-wildcards', 'aws-0057']);
    assert.deepEqual(resolvePeerId('bc_aws_s3_20').keys, ['bc_aws_s3_20', 'ckv_aws_54']);
    assert.deepEqual(resolvePeerId('aws-iam-enforce-mfa').keys, ['aws-iam-enforce-mfa', 'aws-0123']);
    assert.deepEqual(resolvePeerId('AVD-AWS-0057').rules, ['aws-iam-wildcard-resource']);
    const finding = { ruleId: 'aws-iam-group-mfa-not-enforced', aliases: ['AVD-AWS-0123'] };
    assert.ok(peerIdCovers('aws-iam-enforce-group-mfa', finding));
    assert.ok(!peerIdCovers('aws-iam-enforce-user-mfa', finding));
    assert.ok(!peerIdCovers('CKV_AWS_107', { ruleId: 'aws-iam-wildcard-resource', aliases: ['CKV_AWS_108'] }));
  });
});
