import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { ROOT, workspace } from '../helpers';
import { escapeData, escapeProperty } from '../../server/src/report/github';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const POLICY = (name: string, action: string) => `resource "aws_iam_policy" "${name}" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["${action}"], Resource = "arn:aws:s3:::b/*" }]
  })
}
`;
const ACL = 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  acl    = "public-read"\n}\n';

type JsonReport = { findings: { ruleId: string; file: string; message: string; fingerprint: string; baseline?: string; range: { start: { line: number } } }[]; absent?: { fingerprint: string; baseline: string; ruleId: string }[] };
type Sarif = { runs: { results: { ruleId: string; baselineState?: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }[] }[]; tool: { driver: { rules: { id: string }[] } }; invocations: { executionSuccessful: boolean }[] }[] };

describe('perimeter scan --write-baseline / --baseline', () => {
  it('reports only new findings, exit code from them; JSON and SARIF mark new, unchanged and absent', () => {
    const dir = workspace({ 'iam/main.tf': POLICY('a', 's3:*'), 's3/main.tf': ACL });
    const w = run(['scan', '--write-baseline', 'base.json', '.'], dir);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stderr, /wrote 2 findings to the baseline base.json/);
    const base = JSON.parse(fs.readFileSync(path.join(dir, 'base.json'), 'utf8'));
    assert.deepEqual(base.findings.map((e: { ruleId: string; file: string }) => `${e.file} ${e.ruleId}`), ['iam/main.tf aws-iam-wildcard-action', 's3/main.tf aws-s3-public-acl']);

    // Nothing new: exit 0, the text says what it hides.
    const same = run(['scan', '--baseline', 'base.json', '.'], dir);
    assert.equal(same.code, 0, same.stdout);
    assert.match(same.stdout, /No findings\.\n2 findings in the baseline not shown\./);

    // The policy moves down and gets a neighbour; the ACL is fixed; a new wildcard appears.
    fs.writeFileSync(path.join(dir, 'iam/main.tf'), '\n'.repeat(10) + POLICY('b', 'ec2:*') + POLICY('a', 's3:*'));
    fs.writeFileSync(path.join(dir, 's3/main.tf'), ACL.replace('public-read', 'private'));
    const text = run(['scan', '--baseline', 'base.json', '--fail-on', 'medium', '.'], dir);
    assert.equal(text.code, 1, text.stdout);
    assert.equal(text.stdout.split('\n').filter((l) => l.includes('aws-iam-wildcard-action')).length, 1);
    assert.match(text.stdout, /ec2:\*/);
    assert.doesNotMatch(text.stdout, /"s3:\*"/);

    const json = JSON.parse(run(['scan', '--baseline', 'base.json', '--format', 'json', '.'], dir).stdout) as JsonReport;
    const states = json.findings.map((f) => `${f.baseline} ${f.message.includes('ec2:*') ? 'ec2' : 's3'}`).sort();
    assert.deepEqual(states, ['new ec2', 'unchanged s3']);
    assert.equal(json.findings.find((f) => f.baseline === 'unchanged')!.fingerprint, base.findings[0].fingerprint);
    assert.deepEqual(json.absent!.map((a) => `${a.baseline} ${a.ruleId}`), ['absent aws-s3-public-acl']);

    const sarif = JSON.parse(run(['scan', '--baseline', 'base.json', '--format', 'sarif', '.'], dir).stdout) as Sarif;
    // Valid SARIF 2.1.0, absent results included (the vendored schema, read as scan-options.test.ts does).
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
    delete schema.id;
    delete schema.$schema;
    const validate = new Ajv({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
    const results = sarif.runs[0].results;
    assert.deepEqual(results.map((r) => `${r.baselineState} ${r.ruleId}`).sort(), ['absent aws-s3-public-acl', 'new aws-iam-wildcard-action', 'unchanged aws-iam-wildcard-action']);
    for (const r of results) assert.match(r.partialFingerprints['perimeter/v2'], /^[0-9a-f]{32}$/);
    // Absent results point at the file but at no lines (a baseline keeps none).
    const absent = results.find((r) => r.baselineState === 'absent')!;
    assert.equal(absent.locations[0].physicalLocation.artifactLocation.uri, 's3/main.tf');
    assert.equal(absent.locations[0].physicalLocation.region, undefined);

    // Without a baseline, no baseline fields; fingerprints always.
    const plain = JSON.parse(run(['scan', '--format', 'json', '.'], dir).stdout) as JsonReport;
    assert.ok(plain.findings.every((f) => f.baseline === undefined && /^[0-9a-f]{32}$/.test(f.fingerprint)));
    assert.equal(plain.absent, undefined);
  });

  it('reads .perimeter-baseline.json by default and the configuration key "baseline"; a bad baseline is exit 2', () => {
    const dir = workspace({ 'main.tf': ACL });
    assert.equal(run(['scan', '.'], dir).code, 1);
    assert.equal(run(['scan', '--write-baseline', '.perimeter-baseline.json', '.'], dir).code, 0);
    assert.equal(run(['scan', '.'], dir).code, 0);
    fs.renameSync(path.join(dir, '.perimeter-baseline.json'), path.join(dir, 'accepted.json'));
    assert.equal(run(['scan', '.'], dir).code, 1);
    fs.writeFileSync(path.join(dir, '.perimeter.json'), JSON.stringify({ baseline: 'accepted.json' }));
    assert.equal(run(['scan', '.'], dir).code, 0);
    fs.writeFileSync(path.join(dir, '.perimeter.json'), JSON.stringify({ baseline: 3 }));
    assert.equal(run(['scan', '.'], dir).code, 2);
    fs.rmSync(path.join(dir, '.perimeter.json'));
    const missing = run(['scan', '--baseline', 'nope.json', '.'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read baseline nope.json: no such file/);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"version": 7, "findings": []}');
    const bad = run(['scan', '--baseline', 'bad.json', '.'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad.json is not a Perimeter baseline: "version" must be 1/);
  });
});

describe('perimeter scan --format github', () => {
  it('prints one workflow command per finding, severity as error/warning/notice, positions 1-based', () => {
    const dir = workspace({
      'a,b/main.tf': ACL,
      'w/site.tf': 'resource "aws_s3_bucket_website_configuration" "w" {\n  bucket = "w"\n  index_document {\n    suffix = "index.html"\n  }\n}\n',
    });
    const r = run(['scan', '--format', 'github', '--fail-on', 'critical', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.equal(
      lines[0],
      '::error file=a%2Cb/main.tf,line=3,col=12,endLine=3,endColumn=25,title=aws-s3-public-acl (high)::' + escapeData(JSON.parse(run(['scan', '--format', 'json', 'a,b'], dir).stdout).findings[0].message),
    );
    assert.match(lines[1], /^::notice file=w\/site.tf,line=1,col=1,.*title=aws-s3-website-public \(low\)::/);
  });

  it('escapes % CR LF in messages and also : , in properties', () => {
    assert.equal(escapeData('50% a\r\nb: c, d'), '50%25 a%0D%0Ab: c, d');
    assert.equal(escapeProperty('50% a\r\nb: c, d'), '50%25 a%0D%0Ab%3A c%2C d');
  });
});

describe('perimeter merge-sarif', () => {
  it('merges shard logs into one run, deduplicated, equal to the full scan', () => {
    const dir = workspace({ 'a/main.tf': ACL, 'b/main.tf': POLICY('p', 's3:*'), 'c/main.tf': POLICY('q', 'iam:*'), 'd/main.tf': ACL });
    const full = JSON.parse(run(['scan', '--format', 'sarif', '.'], dir).stdout) as Sarif;
    for (const i of [1, 2, 3]) run(['scan', '--format', 'sarif', '--shard', `${i}/3`, '--output', `s${i}.sarif`, '.'], dir);
    // A shard twice: its results must not be counted twice.
    const m = run(['merge-sarif', 's1.sarif', 's2.sarif', 's3.sarif', 's1.sarif'], dir);
    assert.equal(m.code, 0, m.stderr);
    const merged = JSON.parse(m.stdout) as Sarif;
    assert.equal(merged.runs.length, 1);
    const key = (s: Sarif) => s.runs[0].results.map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri} ${r.partialFingerprints['perimeter/v2']}`).sort();
    assert.deepEqual(key(merged), key(full));
    assert.equal(full.runs[0].results.length, 4);
    const rules = merged.runs[0].tool.driver.rules;
    for (const r of merged.runs[0].results as unknown as { ruleId: string; ruleIndex: number }[]) assert.equal(rules[r.ruleIndex].id, r.ruleId);
    assert.equal(merged.runs[0].invocations[0].executionSuccessful, true);
    const notSarif = run(['merge-sarif', 'a/main.tf'], dir);
    assert.equal(notSarif.code, 2);
    assert.match(notSarif.stderr, /not valid JSON/);
    assert.equal(run(['merge-sarif'], dir).code, 2);
  });
});

describe('perimeter scan --changed-since', () => {
  it('scans the modules with changed or untracked files and the modules that call them', () => {
    const dir = workspace({
      'modules/policy/main.tf': POLICY('p', 's3:*'),
      'app/main.tf': 'module "policy" {\n  source = "../modules/policy"\n}\n',
      'other/main.tf': ACL,
      'lonely/main.tf': POLICY('l', 'ec2:*'),
    });
    git(['init', '-q', '-b', 'main'], dir);
    git(['add', '-A'], dir);
    git(['commit', '-qm', 'init'], dir);
    const files = (args: string[]) => [...new Set((JSON.parse(run(['scan', '--format', 'json', ...args, '.'], dir).stdout) as JsonReport).findings.map((f) => f.file))].sort();
    assert.deepEqual(files(['--changed-since', 'HEAD']), []);
    assert.equal(run(['scan', '--changed-since', 'HEAD', '.'], dir).code, 0);
    // A change in the called module: it and its caller (whose instance of it reports too).
    fs.appendFileSync(path.join(dir, 'modules/policy/main.tf'), '\n');
    assert.deepEqual(files(['--changed-since', 'HEAD']), ['modules/policy/main.tf']);
    const r = JSON.parse(run(['scan', '--format', 'json', '--changed-since', 'HEAD', '.'], dir).stdout) as JsonReport;
    assert.match(r.findings[0].message, /as module\.policy is called/);
    // An untracked file in another module.
    fs.writeFileSync(path.join(dir, 'other/new.tf'), '# new\n');
    assert.deepEqual(files(['--changed-since', 'HEAD']), ['modules/policy/main.tf', 'other/main.tf']);
    git(['add', '-A'], dir);
    git(['commit', '-qm', 'two'], dir);
    assert.deepEqual(files(['--changed-since', 'HEAD~1']), ['modules/policy/main.tf', 'other/main.tf']);
    assert.deepEqual(files([]), ['lonely/main.tf', 'modules/policy/main.tf', 'other/main.tf']);
    // A changed file that is not Terraform (a policy read by file()) makes its module scanned.
    fs.writeFileSync(path.join(dir, 'lonely/policy.json'), '{}');
    assert.deepEqual(files(['--changed-since', 'HEAD']), ['lonely/main.tf']);

    const badRef = run(['scan', '--changed-since', 'no-such-branch', '.'], dir);
    assert.equal(badRef.code, 2);
    assert.match(badRef.stderr, /"no-such-branch" is not a commit, branch or tag/);
    const outside = workspace({ 'main.tf': ACL });
    const notRepo = run(['scan', '--changed-since', 'HEAD', '.'], outside);
    assert.equal(notRepo.code, 2);
    assert.match(notRepo.stderr, /is not inside a git repository/);
    const noGit = spawnSync(process.execPath, [CLI, 'scan', '--changed-since', 'HEAD', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } });
    assert.equal(noGit.status, 2);
    assert.match(noGit.stderr, /needs git, which was not found/);
  });
});

describe('perimeter scan FILE', () => {
  it('analyses the whole module directory of a named file (what pre-commit passes)', () => {
    const dir = workspace({
      'm/s3.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      'm/block.tf':
        'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket                  = aws_s3_bucket.b.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
      'm/sub/main.tf': ACL,
    });
    // s3.tf alone would lack its access block; with its module it has one, and the subdirectory is not scanned.
    const r = run(['scan', '--format', 'json', 'm/s3.tf'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual((JSON.parse(r.stdout) as JsonReport).findings, []);
    fs.rmSync(path.join(dir, 'm/block.tf'));
    const alone = JSON.parse(run(['scan', '--format', 'json', 'm/s3.tf'], dir).stdout) as JsonReport;
    assert.deepEqual(alone.findings.map((f) => f.ruleId), ['aws-s3-public-access-block-missing']);
    assert.deepEqual((JSON.parse(run(['scan', '--format', 'json', 'm/sub/main.tf'], dir).stdout) as JsonReport).findings.map((f) => f.file), ['m/sub/main.tf']);
  });
});
