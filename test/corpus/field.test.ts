import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { needsShared, ROOT, sharedPath } from '../helpers';
import { findingsPerStatement } from '../rules/statement-findings';
import { readmeTable, sorted } from './readme-table';

/**
 * The accuracy promises of README "On real code", pinned on ../shared/field (three real
 * public-sector repositories): every file read, every policy with statements read, one
 * finding per problem. The per-rule figures are a golden list, updated on purpose.
 */
const FIELD = sharedPath('field');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function cli(args: string[]): { status: number | null; out: { findings: { ruleId: string; file: string; range: unknown }[]; errors: unknown[]; policies?: { statements: unknown[]; owner: string; file: string }[] } } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
  return { status: r.status, out: JSON.parse(r.stdout) };
}

/** Findings per rule on ../shared/field, as README "On real code" lists them. */
const FIELD_COUNTS: Record<string, number> = {
  'aws-credentials-in-user-data': 1,
  'aws-iam-access-key-created': 13,
  'aws-iam-assume-role-without-mfa': 1,
  'aws-iam-mfa-condition-ineffective': 5,
  'aws-iam-secret-output-exposed': 13,
  'aws-iam-sensitive-actions-without-mfa': 7,
  'aws-iam-unknown-action': 44,
  'aws-iam-wildcard-action': 30,
  'aws-iam-wildcard-resource': 22,
  'aws-resource-policy-public-principal': 1,
  'aws-s3-public-access-block-missing': 27,
  'aws-s3-public-acl': 1,
  'aws-s3-public-bucket-policy': 2,
};

describe('../shared/field', needsShared('field', 'the field figures are counted on it'), () => {
  const scan = cli(['scan', '--format', 'json', FIELD]);

  it('is scanned without an error', () => {
    assert.deepEqual(scan.out.errors, []);
  });

  it('gives the figures README "On real code" lists', () => {
    const counts: Record<string, number> = {};
    for (const f of scan.out.findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
    assert.deepEqual(counts, FIELD_COUNTS);
  });

  it('reports no rule twice at one place', () => {
    const keys = scan.out.findings.map((f) => `${f.ruleId} ${f.file} ${JSON.stringify(f.range)}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('gives no statement more than one finding per rule', async () => {
    const rules = ['aws-iam-wildcard-action', 'aws-iam-wildcard-resource', 'aws-iam-allow-not-action', 'aws-iam-sensitive-read-any-resource', 'aws-iam-sensitive-actions-without-mfa', 'aws-resource-policy-public-principal', 'aws-s3-public-bucket-policy', 'aws-iam-role-trust-any-principal'];
    const counts = await findingsPerStatement([FIELD], rules);
    const many = [...counts].filter(([, n]) => n > 1);
    assert.deepEqual(many, []);
  });

  it('reads every policy whose text has statements', () => {
    const policies = cli(['policies', '--format', 'json', FIELD]).out.policies ?? [];
    const empty = policies.filter((p) => p.statements.length === 0).map((p) => `${p.owner} ${path.relative(FIELD, p.file)}`);
    // The one left: a document whose dynamic statements the module's defaults switch off.
    assert.deepEqual(empty, ['aws_ecr_repository_policy.ecr_repository_policy ministryofjustice_modernisation-platform/terraform/modules/app-ecr-repo/main.tf']);
  });
});

describe('README "On real code", field column', () => {
  it('lists the pinned field figures, total included', () => {
    const { field } = readmeTable();
    assert.deepEqual(sorted(field.counts), sorted(FIELD_COUNTS));
    assert.equal(field.total, Object.values(FIELD_COUNTS).reduce((x, y) => x + y, 0));
  });
});
