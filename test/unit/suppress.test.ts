import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanSources } from '../../server/src/engine/scan';

async function scan(text: string) {
  return scanSources([{ path: '/s/main.tf', text }], ALL_RULES).findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}`);
}

const KEY = 'provider "aws" {\n  region = "eu-west-1"\n  access_key = "AKIAIOSFODNN7EXAMPLE"%s\n}\n';

describe('suppressions', () => {
  it('without a comment, the finding is reported', async () => {
    assert.deepEqual(await scan(KEY.replace('%s', '')), ['3 aws-provider-static-credentials']);
  });

  for (const [form, text] of [
    ['a trailing perimeter comment', KEY.replace('%s', ' # perimeter:ignore:aws-provider-static-credentials rotated, test key')],
    ['a perimeter comment on the line above', KEY.replace('  access_key', '  # perimeter:ignore:aws-provider-static-credentials test key\n  access_key').replace('%s', '')],
    ['a perimeter comment above the block', '# perimeter:ignore:aws-provider-static-credentials sandbox\n' + KEY.replace('%s', '')],
    ['a file-wide perimeter comment', KEY.replace('%s', '') + '\n// perimeter:ignore-file:aws-provider-static-credentials\n'],
    ['a trivy comment with its secret rule id', '#trivy:ignore:aws-secret-access-key\n' + KEY.replace('%s', '')],
    ['a tfsec comment with a future expiry', KEY.replace('%s', ' #tfsec:ignore:aws-access-key-id:exp:2999-01-01')],
    ['a checkov skip inside the block', KEY.replace('  region', '  #checkov:skip=CKV_AWS_41:test account\n  region').replace('%s', '')],
    ['a kics ignore-line', KEY.replace('  access_key', '  # kics-scan ignore-line\n  access_key').replace('%s', '')],
    ['a kics ignore-block', '# kics-scan ignore-block\n' + KEY.replace('%s', '')],
  ] as const) {
    it(`${form} suppresses it`, async () => {
      assert.deepEqual(await scan(text), []);
    });
  }

  it('a suppression for another rule does not hide it, and is itself reported as unused', async () => {
    const found = await scan(KEY.replace('%s', ' # perimeter:ignore:aws-s3-public-acl wrong id'));
    assert.deepEqual(found.sort(), ['3 aws-provider-static-credentials', '3 perimeter-unused-suppression']);
  });

  for (const [why, comment] of [
    ['no reason at all', '# perimeter:ignore:aws-provider-static-credentials'],
    ["the editor's placeholder", '# perimeter:ignore:aws-provider-static-credentials TODO: reason'],
    ['a bare TODO', '# perimeter:ignore:aws-provider-static-credentials - todo'],
  ] as const) {
    it(`a suppression with ${why} still suppresses, and is reported as giving no reason`, async () => {
      assert.deepEqual(await scan(KEY.replace('%s', ` ${comment}`)), ['3 perimeter-suppression-without-reason']);
    });
  }

  it('a reason is any words after the ids; an unused reason-less suppression is reported as unused only', async () => {
    assert.deepEqual(await scan(KEY.replace('%s', ' # perimeter:ignore:aws-provider-static-credentials: todo list account, key revoked')), []);
    assert.deepEqual((await scan(KEY.replace('%s', ' # perimeter:ignore:aws-s3-public-acl'))).sort(), ['3 aws-provider-static-credentials', '3 perimeter-unused-suppression']);
  });

  it('a peer comment for an unrelated check does not suppress', async () => {
    assert.deepEqual(await scan('#checkov:skip=CKV_AWS_20:not this\n' + KEY.replace('%s', '')), ['4 aws-provider-static-credentials']);
  });

  it('a per-flag peer id silences exactly that flag', async () => {
    const text = '#trivy:ignore:AVD-AWS-0086\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = "b"\n  block_public_acls = false\n  block_public_policy = false\n  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n';
    assert.deepEqual(await scan(text), ['5 aws-s3-public-access-block-disabled']);
  });
});
