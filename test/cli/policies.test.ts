import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { needsShared, ROOT, sharedPath, tempDir } from '../helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = sharedPath('corpus');

interface Loc {
  value: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The source text at a 1-based range (single-line ranges). */
function at(l: Loc): string {
  const line = fs.readFileSync(path.resolve(ROOT, l.file), 'utf8').split(/\r?\n/)[l.range.start.line - 1];
  return line.slice(l.range.start.column - 1, l.range.end.column - 1);
}

describe('perimeter policies', needsShared('corpus', 'its iam and s3-bucket modules are read'), () => {
  const r = spawnSync(
    process.execPath,
    [CLI, 'policies', '--format', 'json', path.join(CORPUS, 'terraform-aws-modules+terraform-aws-iam'), path.join(CORPUS, 'terraform-aws-modules+terraform-aws-s3-bucket')],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const out = r.status === 0 ? JSON.parse(r.stdout) : undefined;

  it('reads the iam and s3-bucket modules of the corpus without errors', () => {
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(out.errors, []);
    assert.ok(out.policies.length >= 40, `found ${out.policies.length} policies`);
  });

  for (const form of ['jsonencode', 'heredoc', 'policy-document']) {
    it(`finds ${form} policies, with ranges on the exact action strings`, () => {
      const policies = out.policies.filter((p: { form: string }) => p.form === form);
      assert.ok(policies.length > 0, `no ${form} policy`);
      let checked = 0;
      for (const p of policies) {
        for (const s of p.statements) {
          for (const a of s.actions as (Loc & { known: boolean })[]) {
            if (!a.known || a.range.start.line !== a.range.end.line) continue;
            const text = at(a);
            // A templated action ("${statement.value}:List*") points at its template.
            if (text.includes('${')) assert.match(text, /^".*"$/, `${p.owner}: ${a.file}:${a.range.start.line}`);
            else assert.equal(text, JSON.stringify(a.value), `${p.owner}: ${a.file}:${a.range.start.line}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 0, `checked ${checked} action ranges`);
    });
  }
});

describe('perimeter policies on shared documents and module calls', () => {
  it('lists each consumer of a document at its own argument, and instances built from inputs', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'child'));
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      [
        'data "aws_iam_policy_document" "d" {',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'resource "aws_iam_policy" "a" { policy = data.aws_iam_policy_document.d.json }',
        'resource "aws_iam_role_policy" "b" {',
        '  role   = "x"',
        '  policy = data.aws_iam_policy_document.d.json',
        '}',
        'module "local" {',
        '  source = "./child"',
        '  doc    = data.aws_iam_policy_document.d.json',
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'child', 'main.tf'), 'variable "doc" {}\nresource "aws_iam_policy" "c" { policy = var.doc }\n');
    const r = spawnSync(process.execPath, [CLI, 'policies', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const byOwner = new Map<string, { file: string; form: string; range: { start: { line: number } }; statements: unknown[] }>(
      JSON.parse(r.stdout).policies.map((p: { owner: string }) => [p.owner, p]),
    );
    assert.equal(byOwner.get('aws_iam_policy.a')?.range.start.line, 7);
    assert.equal(byOwner.get('aws_iam_role_policy.b')?.range.start.line, 10);
    assert.equal(byOwner.get('aws_iam_role_policy.b')?.form, 'policy-document');
    assert.equal(byOwner.get('aws_iam_policy.c')?.statements.length, 0, 'standalone, the child has no policy text');
    const instance = byOwner.get('module.local.aws_iam_policy.c');
    assert.equal(instance?.statements.length, 1, 'as module.local calls it, the child holds the caller document');
    assert.equal(instance?.form, 'policy-document');
  });
});
