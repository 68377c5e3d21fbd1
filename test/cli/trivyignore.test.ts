import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, tempDir, workspace } from '../helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function scan(args: string[], cwd: string): { code: number | null; ids: string[]; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  const out = JSON.parse(r.stdout) as { findings: { file: string; ruleId: string }[] };
  return { code: r.status, ids: out.findings.map((f) => `${path.basename(path.dirname(f.file))}/${path.basename(f.file)} ${f.ruleId}`).sort(), stderr: r.stderr };
}

const FILES = {
  'app/iam.tf':
    '#tfsec:ignore:aws-iam-no-policy-wildcards reviewed: bucket admin role\ndata "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:*"]\n    resources = ["arn:aws:s3:::b/*"]\n  }\n}\n\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = data.aws_iam_policy_document.d.json\n}\n',
  'app/s3.tf': 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  acl    = "public-read"\n}\n',
  'web/s3.tf': 'resource "aws_s3_bucket_acl" "w" {\n  bucket = "w"\n  acl    = "public-read"\n}\n',
};

describe('perimeter scan: suppressions teams wrote for other scanners', () => {
  it('honours a tfsec comment on a policy document, and a path-restricted .trivyignore.yaml at the scan root', () => {
    const bare = workspace({ ...FILES, 'app/iam.tf': FILES['app/iam.tf'].replace(/^#tfsec.*\n/, '') });
    assert.deepEqual(scan(['.'], bare).ids, ['app/iam.tf aws-iam-wildcard-action', 'app/s3.tf aws-s3-public-acl', 'web/s3.tf aws-s3-public-acl']);
    const dir = workspace(FILES);
    const plain = scan(['.'], dir);
    assert.deepEqual(plain.ids, ['app/s3.tf aws-s3-public-acl', 'web/s3.tf aws-s3-public-acl']);
    const yaml = 'misconfigurations:\n  - id: AVD-AWS-0092\n    paths: ["web/**"]\n    statement: static website bucket\n';
    const withIgnore = workspace({ ...FILES, '.trivyignore.yaml': yaml });
    const r = scan(['.'], withIgnore);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.ids, ['app/s3.tf aws-s3-public-acl']);
    // The scanned directory's ignore file applies when perimeter runs from elsewhere too.
    assert.deepEqual(scan([withIgnore], tempDir()).ids, ['app/s3.tf aws-s3-public-acl']);
  });

  it('an expired .trivyignore line no longer suppresses', () => {
    const dir = workspace({ ...FILES, '.trivyignore': 'AWS001 exp:2001-01-01\n' });
    assert.deepEqual(scan(['.'], dir).ids, ['app/s3.tf aws-s3-public-acl', 'web/s3.tf aws-s3-public-acl']);
    const valid = workspace({ ...FILES, '.trivyignore': 'AWS001 exp:2999-01-01\n' });
    const r = scan(['.'], valid);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.ids, []);
  });
});
