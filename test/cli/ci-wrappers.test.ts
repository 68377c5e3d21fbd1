import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { SCAN_USAGE } from '../../server/src/commands/scan';
import { MERGE_SARIF_USAGE } from '../../server/src/commands/merge-sarif';
import { ROOT, tempDir } from '../helpers';

/**
 * The documented CI files run for real: their `perimeter …` command lines are executed by
 * bash against a git repository holding a copy of examples/, with `perimeter` on the PATH.
 */

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** A bin directory with a `perimeter` that runs this checkout's CLI. */
function shimPath(): string {
  const bin = tempDir('perimeter-bin-');
  fs.writeFileSync(path.join(bin, 'perimeter'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  return `${bin}${path.delimiter}${process.env.PATH}`;
}

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

/** A git repository with examples/ at its root, committed, with origin/main at that commit. */
function exampleRepo(): string {
  const dir = tempDir('perimeter-ci-');
  fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  git(['init', '-q', '-b', 'main'], dir);
  git(['add', '-A'], dir);
  git(['commit', '-qm', 'examples'], dir);
  git(['update-ref', 'refs/remotes/origin/main', 'HEAD'], dir);
  return dir;
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines of a script that run Perimeter. */
function perimeterLines(script: string): string[] {
  return script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^perimeter\s/.test(l));
}

type Sarif = { runs: { results: { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
const resultKeys = (s: Sarif) => s.runs[0].results.map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri} ${r.partialFingerprints['perimeter/v2']}`).sort();

/** Every `--flag` a command line uses is one the usage text documents. */
function assertKnownFlags(line: string): void {
  const usage = /\bmerge-sarif\b/.test(line) ? MERGE_SARIF_USAGE : SCAN_USAGE;
  for (const flag of line.match(/(?<=\s|\()--[a-z][a-z-]*/g) ?? []) assert.ok(usage.includes(`${flag} `) || usage.includes(`${flag}]`), `${flag} in "${line}" is not a perimeter flag`);
}

describe('docs/ci/github-actions.yml', () => {
  it('parses, and its perimeter commands (shards, merge, pull-request scan) run against examples/', () => {
    type Step = { run?: string; uses?: string; with?: Record<string, unknown> };
    type Job = { needs?: string | string[]; strategy?: { matrix: { shard: number[] } }; steps: Step[] };
    const wf = parse(fs.readFileSync(path.join(ROOT, 'docs/ci/github-actions.yml'), 'utf8')) as { jobs: Record<string, Job> };
    assert.deepEqual(Object.keys(wf.jobs), ['scan', 'upload', 'pull-request']);
    assert.deepEqual(wf.jobs.upload.needs, 'scan');
    const upload = wf.jobs.upload.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    assert.ok(upload, 'uploads to code scanning');

    const dir = exampleRepo();
    const env = { PATH: shimPath(), GITHUB_BASE_REF: 'main' };
    const full = JSON.parse(bash('perimeter scan . --format sarif || [ $? -eq 1 ]', dir, env).stdout) as Sarif;
    assert.ok(full.runs[0].results.length > 10);

    let ran = 0;
    const runJob = (job: Job, expr: (e: string) => string) => {
      for (const step of job.steps) {
        for (const line of perimeterLines(step.run ?? '')) {
          const cmd = line.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, e: string) => expr(e));
          assert.doesNotMatch(cmd, /\$\{\{/);
          assertKnownFlags(cmd);
          const r = bash(cmd, dir, env);
          ran++;
          if (job === wf.jobs['pull-request']) {
            // Nothing changed since origin/main: no annotation, exit 0.
            assert.equal(r.code, 0, r.stderr);
            assert.equal(r.stdout, '');
          } else assert.equal(r.code, 0, `${cmd}: ${r.stderr}`);
        }
      }
    };
    const shards = wf.jobs.scan.strategy!.matrix.shard;
    assert.deepEqual(shards, [1, 2, 3]);
    for (const shard of shards) runJob(wf.jobs.scan, (e) => (e === 'matrix.shard' ? String(shard) : assert.fail(`unexpected expression ${e}`)));
    runJob(wf.jobs.upload, (e) => assert.fail(`unexpected expression ${e}`));
    assert.deepEqual(resultKeys(JSON.parse(fs.readFileSync(path.join(dir, 'perimeter.sarif'), 'utf8')) as Sarif), resultKeys(full));
    runJob(wf.jobs['pull-request'], (e) => assert.fail(`unexpected expression ${e}`));
    assert.equal(ran, 5);

    // On a pull request that makes a secure module insecure, only that module is annotated, and the job fails.
    fs.appendFileSync(path.join(dir, 'secure/main.tf'), '\nresource "aws_s3_bucket_acl" "pr" {\n  bucket = "pr"\n  acl    = "public-read"\n}\n');
    const pr = bash(perimeterLines(wf.jobs['pull-request'].steps.at(-1)!.run!)[0], dir, env);
    assert.equal(pr.code, 1, pr.stderr);
    assert.deepEqual(
      pr.stdout.trim().split('\n').map((l) => l.replace(/,line=.*/, '')),
      ['::error file=secure/main.tf'],
    );
  });
});

describe('docs/ci/gitlab-ci.yml', () => {
  it('parses, and its perimeter commands (parallel shards, merge, merge-request scan) run against examples/', () => {
    type Job = { stage?: string; parallel?: number; script?: string[]; needs?: string[]; extends?: string; before_script?: string[] };
    const ci = parse(fs.readFileSync(path.join(ROOT, 'docs/ci/gitlab-ci.yml'), 'utf8')) as Record<string, Job> & { stages: string[] };
    assert.deepEqual(ci.stages, ['scan', 'report']);
    assert.equal(ci.perimeter.parallel, 3);
    assert.deepEqual(ci['perimeter-report'].needs, ['perimeter']);
    const dir = exampleRepo();
    const env = { PATH: shimPath(), CI_MERGE_REQUEST_DIFF_BASE_SHA: git(['rev-parse', 'HEAD'], dir) };
    const full = JSON.parse(bash('perimeter scan . --format sarif || [ $? -eq 1 ]', dir, env).stdout) as Sarif;
    const run = (job: Job, extra: Record<string, string> = {}) => {
      const lines = (job.script ?? []).flatMap(perimeterLines);
      assert.ok(lines.length, 'the job runs perimeter');
      for (const line of lines) {
        assertKnownFlags(line);
        const r = bash(line, dir, { ...env, ...extra });
        assert.equal(r.code, 0, `${line}: ${r.stderr}`);
      }
    };
    for (let i = 1; i <= ci.perimeter.parallel!; i++) run(ci.perimeter, { CI_NODE_INDEX: String(i), CI_NODE_TOTAL: String(ci.perimeter.parallel) });
    assert.equal(fs.readdirSync(dir).filter((n) => /^perimeter-\d\.sarif$/.test(n)).length, 3);
    run(ci['perimeter-report']);
    assert.deepEqual(resultKeys(JSON.parse(fs.readFileSync(path.join(dir, 'perimeter.sarif'), 'utf8')) as Sarif), resultKeys(full));
    run(ci['perimeter-merge-request']);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('parses; its entry scans the staged files with their whole modules', () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; language: string; pass_filenames?: boolean }[];
    assert.equal(hooks.length, 1);
    const hook = hooks[0];
    assert.equal(hook.id, 'perimeter');
    assert.equal(hook.entry, 'perimeter scan');
    assert.equal(hook.language, 'node');
    assert.notEqual(hook.pass_filenames, false);
    const files = new RegExp(hook.files);
    for (const yes of ['main.tf', 'env/prod/terraform.tfvars']) assert.match(yes, files);
    for (const no of ['main.tf.json', 'README.md', 'tf/notes.txt']) assert.doesNotMatch(no, files);

    const dir = exampleRepo();
    const env = { PATH: shimPath() };
    // pre-commit runs `entry filenames…`: the staged s3.tf alone is judged with its module's iam.tf, tfvars and so on.
    const r = bash(`${hook.entry} --format json insecure/s3.tf`, dir, env);
    assert.equal(r.code, 1, r.stderr);
    const found = new Set((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file));
    assert.ok(found.has('insecure/iam.tf') && found.has('insecure/s3.tf'), [...found].join(', '));
    assert.ok([...found].every((f) => f.startsWith('insecure/')));
    assert.equal(bash(`${hook.entry} secure/main.tf secure/s3.tf`, dir, env).code, 0);
  });
});

describe('action.yml', () => {
  type Action = {
    name: string;
    inputs: Record<string, { description: string; default?: string }>;
    outputs: Record<string, { description: string; value: string }>;
    runs: { using: string; steps: { id?: string; run?: string; shell?: string; env?: Record<string, string>; uses?: string }[] };
  };
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

  it('parses: a composite action whose inputs are documented and whose steps use real flags', () => {
    assert.equal(action.runs.using, 'composite');
    for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description?.length > 10, `input ${name} is documented`);
    for (const [name, output] of Object.entries(action.outputs)) assert.ok(output.description?.length > 10, `output ${name} is documented`);
    assert.ok(action.runs.steps.some((s) => /npm install --global/.test(s.run ?? '')), 'installs with npm');
    const scan = action.runs.steps.find((s) => s.id === 'scan')!;
    for (const line of scan.run!.split('\n')) if (/perimeter scan|opts(\+)?=/.test(line)) assertKnownFlags(line);
    // Every input reaches the script, through the environment (never spliced into its text).
    assert.doesNotMatch(scan.run!, /\$\{\{/);
    for (const name of Object.keys(action.inputs)) assert.ok(Object.values(scan.env!).includes(`\${{ inputs.${name} }}`), `input ${name} is used`);
  });

  it('its scan step runs: annotations, SARIF written, exit code reported; a shard and a baseline are passed on', () => {
    const scan = action.runs.steps.find((s) => s.id === 'scan')!;
    const dir = exampleRepo();
    const runStep = (inputs: Record<string, string>) => {
      const out = path.join(tempDir(), 'github_output');
      fs.writeFileSync(out, '');
      const env: Record<string, string> = { PATH: shimPath(), GITHUB_OUTPUT: out };
      for (const [k, v] of Object.entries(scan.env!)) {
        const name = /inputs\.([a-z-]+)/.exec(v)![1];
        env[k] = inputs[name] ?? action.inputs[name].default ?? '';
      }
      const r = bash(scan.run!, dir, env);
      return { ...r, outputs: fs.readFileSync(out, 'utf8') };
    };
    const all = runStep({});
    assert.equal(all.code, 1, all.stderr);
    assert.match(all.outputs, /^sarif-file=perimeter\.sarif\nexit-code=1\n$/);
    assert.match(all.stdout, /^::error file=insecure\//m);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'perimeter.sarif'), 'utf8')) as Sarif;
    assert.ok(sarif.runs[0].results.length > 10);

    const secure = runStep({ path: 'secure', annotations: 'false', 'sarif-file': 'secure.sarif' });
    assert.equal(secure.code, 0, secure.stderr);
    assert.equal(secure.stdout, '');
    assert.match(secure.outputs, /exit-code=0/);

    // A baseline of everything: nothing new, exit 0; a shard: part of the results.
    assert.equal(bash('perimeter scan . --write-baseline accepted.json', dir, { PATH: shimPath() }).code, 0);
    assert.equal(runStep({ baseline: 'accepted.json', annotations: 'false' }).code, 0);
    const parts = [1, 2].map((i) => {
      runStep({ shard: `${i}/2`, 'sarif-file': `part${i}.sarif`, annotations: 'false' });
      return resultKeys(JSON.parse(fs.readFileSync(path.join(dir, `part${i}.sarif`), 'utf8')) as Sarif);
    });
    assert.deepEqual([...parts[0], ...parts[1]].sort(), resultKeys(sarif));
    const bad = runStep({ 'fail-on': 'severe' });
    assert.equal(bad.code, 2);
    assert.match(bad.outputs, /exit-code=2/);
  });
});
