import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { needsShared, ROOT, sharedPath, tempDir } from '../helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('perimeter scan (bundled CLI)', () => {
  it('prints the JSON contract with 1-based ranges and exits 1 on findings', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), 'provider "aws" {\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n');
    const r = run(['scan', '--format', 'json', dir], dir);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, '1');
    assert.deepEqual(out.errors, []);
    assert.equal(out.findings.length, 1);
    const f = out.findings[0];
    assert.equal(f.ruleId, 'aws-provider-static-credentials');
    assert.equal(f.file, 'main.tf');
    assert.deepEqual(f.range, { start: { line: 2, column: 16 }, end: { line: 2, column: 38 } });
    assert.equal(f.fixable, true, 'a key written in the provider block can be removed');
    assert.ok(!r.stdout.includes('IOSFODNN7EXAMPLE'), 'the key is masked');
  });

  it('exits 0 when nothing reaches --fail-on', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), 'provider "aws" {\n  region = "eu-west-1"\n}\n');
    const r = run(['scan', dir], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No findings/);
  });

  it('a path that does not exist is an error on stderr and exit 2', () => {
    const r = run(['scan', '--format', 'json', path.join(tempDir(), 'missing')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing: No such file or directory/);
    assert.equal(JSON.parse(r.stdout).errors.length, 1);
  });

  it('an unreadable file is reported, not skipped', { skip: process.getuid?.() === 0 ? 'root reads everything' : false }, () => {
    const dir = tempDir();
    const f = path.join(dir, 'main.tf');
    fs.writeFileSync(f, 'a = 1\n');
    fs.chmodSync(f, 0o000);
    const r = run(['scan', dir], dir);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /main\.tf: error: Cannot read file/);
  });

  it('rejects an unknown format with usage and exit 2', () => {
    const r = run(['scan', '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be one of/);
  });
});

describe('perimeter scan on hostile workspaces', () => {
  it('walks a symlink loop once and finishes', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), 'provider "aws" {\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n');
    fs.symlinkSync(dir, path.join(dir, 'loop'));
    const r = run(['scan', '--format', 'json', dir], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).findings.length, 1);
  });

  it('skips a file over the size limit with a clear message instead of reading it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'big.tf'), '# ' + 'x'.repeat(6 * 1024 * 1024) + '\n');
    const r = run(['scan', dir], dir);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /big\.tf: error: Skipped: 6\.3 MB is over the 5\.2 MB limit/);
  });
});

describe('perimeter scan on code it cannot fully read', () => {
  it('a Terraform 0.11 block costs that block only, and is reported with its position', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      [
        'resource "aws_instance" "a" {',
        '  ami = "ami-1"',
        '  tags {',
        '    "Name" = "x"',
        '  }',
        '}',
        '',
        'resource "aws_s3_bucket_acl" "b" {',
        '  bucket = "b"',
        '  acl    = "public-read"',
        '}',
        '',
      ].join('\n'),
    );
    const r = run(['scan', '--format', 'json', dir], dir);
    assert.equal(r.code, 2, 'a scan that could not read part of a file is not a pass');
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.errors.map((e: { file: string; range?: { start: { line: number } }; message: string }) => [e.file, e.range?.start.line, /^Perimeter could not read this block: Syntax error/.test(e.message)]),
      [['main.tf', 4, true]],
      'one error for the broken block, on the line that does not parse (a quoted attribute name)',
    );
    assert.ok(out.findings.some((f: { ruleId: string; range: { start: { line: number } } }) => f.ruleId === 'aws-s3-public-acl' && f.range.start.line === 10), 'the block after it is analysed');
    assert.match(r.stderr, /main\.tf:4:\d+: Perimeter could not read this block: Syntax error/);
  });
});

describe('perimeter scan on hostile nesting', () => {
  it('blocks nested 3,000 deep cost that block: findings elsewhere in the file survive', () => {
    const dir = tempDir();
    const deep = 'resource "null_resource" "deep" {\n' + 'b {\n'.repeat(3000) + '}\n'.repeat(3000) + '}\n';
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      'resource "aws_iam_policy" "a" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n' +
        deep +
        'resource "aws_s3_bucket_acl" "b" {\n  bucket = "b"\n  acl    = "public-read"\n}\n',
    );
    const r = run(['scan', '--format', 'json', dir], dir);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.findings.map((f: { ruleId: string }) => f.ruleId).sort(), ['aws-iam-wildcard-action', 'aws-s3-public-acl']);
    assert.equal(out.errors.length, 1);
    assert.match(out.errors[0].message, /nested more than \d+ deep/);
  });

  it('a policy file nested 5,000 deep costs that policy: other policies of the module are still judged', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'deep.json'), '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}]}');
    fs.writeFileSync(
      path.join(dir, 'main.tf'),
      'resource "aws_iam_policy" "deep" {\n  policy = file("deep.json")\n}\nresource "aws_iam_policy" "k" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })\n}\n',
    );
    const out = JSON.parse(run(['scan', '--format', 'json', dir], dir).stdout);
    assert.deepEqual(out.findings.map((f: { ruleId: string; range: { start: { line: number } } }) => [f.ruleId, f.range.start.line]), [['aws-iam-wildcard-action', 5]]);
    const policies = JSON.parse(run(['policies', '--format', 'json', dir], dir).stdout).policies;
    const deepPolicy = policies.find((p: { owner: string }) => p.owner === 'aws_iam_policy.deep');
    assert.match(deepPolicy.errors[0].message, /could not read this policy/);
  });
});

describe('perimeter scan never reads outside what it scans', () => {
  it('refuses file() outside the scanned paths and reports it', () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'secret.json'), '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}');
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), `resource "aws_iam_policy" "p" {\n  policy = file("${path.relative(dir, path.join(outside, 'secret.json'))}")\n}\n`);
    const r = run(['scan', '--format', 'json', dir], dir);
    assert.equal(r.code, 2);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.findings, [], 'nothing from the outside file was read');
    assert.match(out.errors[0].message, /file\(\) points outside the scanned paths/);
  });
});

describe('perimeter scan on large inputs', () => {
  it('reads every corpus file without an error', needsShared('corpus', 'the corpus is scanned'), () => {
    const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', sharedPath('corpus')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.errors, []);
    assert.ok(out.findings.length > 0);
  });

  it('scans a folder of 3,000 files', () => {
    const dir = tempDir();
    for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(dir, `f${i}.tf`), `resource "aws_s3_bucket_acl" "a${i}" {\n  bucket = "b${i}"\n  acl    = "private"\n}\n`);
    fs.writeFileSync(path.join(dir, 'bad.tf'), 'resource "aws_s3_bucket_acl" "bad" {\n  bucket = "bad"\n  acl    = "public-read"\n}\n');
    const r = run(['scan', '--format', 'json', dir], dir);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.errors, []);
    assert.deepEqual(out.findings.map((f: { ruleId: string; file: string }) => `${f.file} ${f.ruleId}`), ['bad.tf aws-s3-public-acl']);
  });
});
