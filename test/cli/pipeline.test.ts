import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, tempDir, workspace } from '../helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const KEY = 'provider "aws" {\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n';

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI with its stdout closed by the reader before anything is written (`| head -0`). */
function runClosed(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('perimeter in a pipeline whose reader stops early', () => {
  const dir = workspace({ 'main.tf': KEY, 'iam.tf': 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["s3:*"]\n    resources = ["*"]\n  }\n}\n' });
  for (const args of [['scan'], ['scan', '--format', 'json'], ['policies'], ['policies', '--format', 'json']]) {
    it(`${args.join(' ')} ends quietly with its own exit code`, async () => {
      const r = await runClosed([...args, dir], dir);
      assert.equal(r.stderr, '', 'no EPIPE stack trace');
      assert.equal(r.code, args[0] === 'scan' ? 1 : 0);
    });
  }
});

describe('perimeter scan on a checkout with dangling symbolic links', () => {
  it('leaves a dangling link to a file it would not read alone, and reports a dangling .tf once', () => {
    const dir = workspace({ 'main.tf': KEY });
    fs.mkdirSync(path.join(dir, 'submodule'));
    fs.symlinkSync(path.join(dir, 'not-checked-out', 'ci.yml'), path.join(dir, 'submodule', 'ci.yml'));
    fs.symlinkSync(path.join(dir, 'not-checked-out'), path.join(dir, 'vendor'));
    const clean = run(['scan', dir], dir);
    assert.equal(clean.code, 1, clean.stdout + clean.stderr);
    assert.doesNotMatch(clean.stdout + clean.stderr, /error|ci\.yml|vendor/);

    fs.symlinkSync(path.join(dir, 'not-checked-out', 'shared.tf'), path.join(dir, 'shared.tf'));
    const text = run(['scan', dir], dir);
    assert.equal(text.code, 2);
    assert.equal(text.stdout.match(/shared\.tf/g)?.length, 1, text.stdout);
    assert.match(text.stdout, /^shared\.tf: error: Cannot read file: dangling symbolic link/m);
    assert.equal(text.stderr, '', 'the text report on stdout already says it');

    const json = run(['scan', '--format', 'json', dir], dir);
    assert.equal(json.code, 2);
    assert.deepEqual(JSON.parse(json.stdout).errors.map((e: { file: string }) => e.file), ['shared.tf']);
    assert.equal(json.stderr.match(/shared\.tf/g)?.length, 1, 'JSON on stdout: a person sees the error once, on stderr');

    const out = path.join(tempDir(), 'report.txt');
    const file = run(['scan', '--output', out, dir], dir);
    assert.equal(file.code, 2);
    assert.match(fs.readFileSync(out, 'utf8'), /shared\.tf: error:/);
    assert.match(file.stderr, /shared\.tf: Cannot read file/);
  });

  it('policies prints its errors once too', () => {
    const dir = workspace({ 'main.tf': KEY });
    fs.symlinkSync(path.join(dir, 'gone.tf.target'), path.join(dir, 'gone.tf'));
    const text = run(['policies', dir], dir);
    assert.equal(text.code, 2);
    assert.match(text.stdout, /^gone\.tf: error: Cannot read file/m);
    assert.equal(text.stderr, '');
    const json = run(['policies', '--format', 'json', dir], dir);
    assert.equal(json.code, 2);
    assert.equal(JSON.parse(json.stdout).errors.length, 1);
    assert.equal(json.stderr.match(/gone\.tf/g)?.length, 1);
  });
});

describe('perimeter scan on encrypted and binary files', () => {
  const sopsJson = JSON.stringify({ data: 'ENC[AES256_GCM,data:c2VjcmV0,iv:aXY=,tag:dGFn,type:str]', sops: { kms: [], lastmodified: '2024-01-01T00:00:00Z', version: '3.8.1' } });
  const sopsYaml = 'db_password: ENC[AES256_GCM,data:c2VjcmV0,iv:aXY=,tag:dGFn,type:str]\nsops:\n    kms: []\n    version: 3.8.1\n';

  it('skips git-crypt, SOPS (JSON and YAML) and binary files with one notice each; the exit code is the findings\'', () => {
    const dir = workspace({ 'main.tf': KEY, 'sops.tfvars': sopsJson, 'sops-yaml.tfvars': sopsYaml });
    // git-crypt's header, then ciphertext (70 KB: parsing it as HCL would take seconds).
    fs.writeFileSync(path.join(dir, 'secrets.auto.tfvars'), Buffer.concat([Buffer.from('\0GITCRYPT\0'), Buffer.alloc(70_000, 0x9c)]));
    fs.writeFileSync(path.join(dir, 'blob.tf'), Buffer.from('resource "x" "y" {}\n\0\x01\x02'));
    const started = Date.now();
    const r = run(['scan', '--format', 'json', dir], dir);
    assert.ok(Date.now() - started < 5000, 'not parsed');
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.errors, []);
    assert.deepEqual(
      out.notices.map((n: { file: string; message: string }) => `${n.file}: ${n.message}`),
      [
        'blob.tf: Skipped: binary file (it contains NUL bytes)',
        'secrets.auto.tfvars: Skipped: encrypted with git-crypt (not decrypted in this checkout)',
        'sops-yaml.tfvars: Skipped: encrypted with SOPS',
        'sops.tfvars: Skipped: encrypted with SOPS',
      ],
    );
    assert.deepEqual(out.findings.map((f: { file: string }) => f.file), ['main.tf']);
    assert.equal(r.stderr.match(/notice/g)?.length, 4);

    const text = run(['scan', dir], dir);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^secrets\.auto\.tfvars: notice: Skipped: encrypted with git-crypt/m);
    assert.equal(text.stderr, '');

    const sarif = JSON.parse(run(['scan', '--format', 'sarif', dir], dir).stdout);
    const inv = sarif.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, true);
    assert.deepEqual(inv.toolExecutionNotifications.map((n: { level: string }) => n.level), ['note', 'note', 'note', 'note']);
  });

  it('reads Terraform that mentions sops or ENC[...] as Terraform', () => {
    const dir = workspace({
      'main.tf': 'data "sops_file" "s" {\n  source_file = "secrets.enc.json"\n}\nlocals {\n  sops = { version = "3" }\n  note = "ENC[AES256_GCM,data:abc] is how SOPS writes values"\n}\n',
      'terraform.tfvars': 'sops = "x"\n',
      'unicode.tf': '# ünïcødé ✓\nlocals { a = "é" }\n',
    });
    const r = run(['scan', '--format', 'json', dir], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.notices, []);
    assert.deepEqual(out.errors, []);
  });
});
