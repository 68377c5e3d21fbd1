import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPaths } from '../../server/src/engine/scan';
import { IgnoreFileCache, parseTrivyIgnore, parseTrivyIgnoreYaml, readIgnoreFiles } from '../../server/src/engine/trivyignore';
import { Analysis } from '../../server/src/lsp/analysis';
import { workspace } from '../helpers';

const NOW = new Date('2026-06-15T12:00:00Z');

// A wildcard action (aws-iam-wildcard-action, AVD-AWS-0057) and a public ACL
// (aws-s3-public-acl, AVD-AWS-0092), in two folders.
const FILES = {
  'iam/main.tf': 'resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::b/*" }] })\n}\n',
  'legacy/main.tf': 'resource "aws_iam_policy" "q" {\n  name   = "q"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::b/*" }] })\n}\n',
  's3/main.tf': 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  acl    = "public-read"\n}\n',
};

async function found(files: Record<string, string>): Promise<string[]> {
  const dir = workspace(files);
  const r = await scanPaths([dir], ALL_RULES, { root: dir });
  assert.deepEqual(r.errors, []);
  return r.findings.map((f) => `${path.relative(dir, f.file)} ${f.ruleId}`).sort();
}

const ALL = ['iam/main.tf aws-iam-wildcard-action', 'legacy/main.tf aws-iam-wildcard-action', 's3/main.tf aws-s3-public-acl'];

describe('.trivyignore', () => {
  it('reads ids, comments and expiry dates; a line with a bad date is skipped, as Trivy does', () => {
    const p = parseTrivyIgnore('# accepted risks\nAVD-AWS-0057\n\n  aws-s3-no-public-access-with-acl exp:2025-01-01 # until the migration\nAVD-AWS-0086 exp:soon\n');
    assert.deepEqual(p, { entries: [{ id: 'AVD-AWS-0057' }, { id: 'aws-s3-no-public-access-with-acl', expires: '2025-01-01' }] });
  });

  it('an entry suppresses the findings of the rule its id names, and not another rule', async () => {
    assert.deepEqual(await found(FILES), ALL);
    assert.deepEqual(await found({ ...FILES, '.trivyignore': '# reviewed\nAVD-AWS-0057\n' }), ['s3/main.tf aws-s3-public-acl']);
    assert.deepEqual(await found({ ...FILES, '.trivyignore': 'AWS001\n' }), ALL.slice(0, 2));
  });

  it('an expired entry does not suppress, one still valid does', () => {
    const dir = workspace({ '.trivyignore': 'AVD-AWS-0057 exp:2026-06-01\nAVD-AWS-0092 exp:2026-07-01\n' });
    assert.deepEqual(
      readIgnoreFiles(dir, NOW).entries.map((e) => e.id),
      ['AVD-AWS-0092'],
    );
    assert.deepEqual(
      readIgnoreFiles(dir, new Date('2026-05-31T23:00:00Z')).entries.map((e) => e.id),
      ['AVD-AWS-0057', 'AVD-AWS-0092'],
    );
  });
});

describe('.trivyignore.yaml', () => {
  it('reads misconfigurations and secrets, leaves vulnerabilities and licenses out', () => {
    const text = `vulnerabilities:
- id: CVE-2024-45337
  expired_at: 2025-01-12
  statement: "Review in 1 month"

misconfigurations:
- id: AVD-GIT-0001
# a comment between entries
- id: AVD-AWS-0057
  paths:
    - "legacy/**"
    - 'modules/*.tf'
  statement: Legacy policies, replaced in Q3 # trailing comment
- id: aws-s3-no-public-access-with-acl
  paths: ["s3/main.tf", "web/**"]
  expired_at: "2030-01-01"
secrets:
  - id: aws-access-key-id
licenses:
`;
    assert.deepEqual(parseTrivyIgnoreYaml(text), {
      entries: [
        { id: 'AVD-GIT-0001' },
        { id: 'AVD-AWS-0057', paths: ['legacy/**', 'modules/*.tf'] },
        { id: 'aws-s3-no-public-access-with-acl', paths: ['s3/main.tf', 'web/**'], expires: '2030-01-01' },
        { id: 'aws-access-key-id' },
      ],
    });
  });

  it('says where a file it cannot read is wrong', () => {
    const r = parseTrivyIgnoreYaml('misconfigurations: AVD-AWS-0057\n');
    assert.ok('error' in r && /line 1/.test(r.error), JSON.stringify(r));
  });

  it('a path-restricted entry applies only to its paths', async () => {
    const yaml = 'misconfigurations:\n  - id: AVD-AWS-0057\n    paths:\n      - "legacy/**"\n';
    assert.deepEqual(await found({ ...FILES, '.trivyignore.yaml': yaml }), ['iam/main.tf aws-iam-wildcard-action', 's3/main.tf aws-s3-public-acl']);
  });

  it('an expired entry does not suppress', async () => {
    const yaml = 'misconfigurations:\n- id: AVD-AWS-0057\n  expired_at: 2001-01-01\n  statement: "Review in 6 months"\n';
    assert.deepEqual(await found({ ...FILES, '.trivyignore.yaml': yaml }), ALL);
  });

  it('an unreadable ignore file is a scan error, not a silent change of findings', async () => {
    const dir = workspace({ ...FILES, '.trivyignore.yaml': 'misconfigurations:\n\t- id: AVD-AWS-0057\n' });
    const r = await scanPaths([dir], ALL_RULES, { root: dir });
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0].message, /line 2: tabs/i);
    assert.equal(r.findings.length, 3);
  });
});

describe('ignore files in the language server', () => {
  it('the workspace root ignore file applies, and a change to it is picked up', async () => {
    const dir = workspace(FILES);
    const analysis = new Analysis(ALL_RULES);
    analysis.configure({}, dir);
    const ids = () => ['iam', 's3'].flatMap((d) => analysis.analyseModule(path.join(dir, d)).findings.map((f) => f.ruleId));
    assert.deepEqual(ids(), ['aws-iam-wildcard-action', 'aws-s3-public-acl']);
    fs.writeFileSync(path.join(dir, '.trivyignore'), 'aws-s3-no-public-access-with-acl\n');
    assert.deepEqual(ids(), ['aws-iam-wildcard-action']);
    fs.writeFileSync(path.join(dir, '.trivyignore'), '# nothing ignored any more\n');
    assert.deepEqual(ids(), ['aws-iam-wildcard-action', 'aws-s3-public-acl']);
  });

  it('the cache re-reads when the day changes an expiry', () => {
    const dir = workspace({ '.trivyignore': 'AVD-AWS-0057 exp:2026-06-01\n' });
    const cache = new IgnoreFileCache();
    assert.equal(cache.get(dir, new Date('2026-05-31T10:00:00Z')).entries.length, 1);
    assert.equal(cache.get(dir, new Date('2026-06-02T10:00:00Z')).entries.length, 0);
  });
});
