import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import type { Finding } from '../../server/src/engine/finding';
import { mergeFindings, type Occurrence } from '../../server/src/engine/merge';
import { scanPaths } from '../../server/src/engine/scan';
import { Analysis } from '../../server/src/lsp/analysis';
import { workspace } from '../helpers';

const DOC = `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
`;

/** A document read by an identity policy, a role policy and a bucket policy. */
const SHARED = `${DOC}
resource "aws_iam_policy" "a" {
  policy = data.aws_iam_policy_document.d.json
}

resource "aws_iam_role_policy" "b" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}
`;

const lineOf = (file: string, line: number) => fs.readFileSync(file, 'utf8').split('\n')[line].trim();
const of = (fs_: readonly Finding[], rule: string) => fs_.filter((f) => f.ruleId === rule);

function keys(fs_: readonly Finding[]): string[] {
  return fs_.map((f) => `${f.ruleId}|${f.file}|${f.span.start}|${f.span.end}`);
}

describe('one finding per problem: owners', () => {
  it('a document read by two resources gives one finding naming both, with a related location on each argument', async () => {
    const dir = workspace({ 'main.tf': SHARED });
    const r = await scanPaths([dir], ALL_RULES);
    const got = of(r.findings, 'aws-iam-wildcard-action');
    assert.equal(got.length, 1);
    assert.match(got[0].message, /^aws_iam_policy\.a allows "s3:\*".* \(also used by aws_iam_role_policy\.b\)$/);
    const uses = (got[0].related ?? []).filter((x) => / uses it here$/.test(x.message));
    assert.deepEqual(
      uses.map((x) => [x.message, lineOf(x.file, x.range.start.line)]),
      [
        ['aws_iam_policy.a uses it here', 'policy = data.aws_iam_policy_document.d.json'],
        ['aws_iam_role_policy.b uses it here', 'policy = data.aws_iam_policy_document.d.json'],
      ],
    );
    assert.notEqual(uses[0].range.start.line, uses[1].range.start.line);
    assert.equal(new Set(keys(r.findings)).size, r.findings.length, 'no (rule, file, span) twice');
  });

  it('one consumer alone keeps its finding as the rule wrote it', async () => {
    const dir = workspace({ 'main.tf': `${DOC}\nresource "aws_iam_policy" "a" {\n  policy = data.aws_iam_policy_document.d.json\n}\n` });
    const [f, ...rest] = of((await scanPaths([dir], ALL_RULES)).findings, 'aws-iam-wildcard-action');
    assert.equal(rest.length, 0);
    assert.doesNotMatch(f.message, /also used by/);
    assert.equal(f.related, undefined);
  });

  it('takes the worst severity; an owner that judges it differently keeps its own words in a related location', async () => {
    const dir = workspace({
      'main.tf': `${DOC}
resource "aws_iam_policy" "a" {
  policy = data.aws_iam_policy_document.d.json
}

resource "aws_sqs_queue_policy" "q" {
  queue_url = "q"
  policy    = data.aws_iam_policy_document.d.json
}
`,
    });
    const r = await scanPaths([dir], ALL_RULES);
    const got = of(r.findings, 'aws-iam-wildcard-action');
    assert.equal(got.length, 1);
    assert.equal(got[0].severity, 'high');
    assert.match(got[0].message, /^aws_iam_policy\.a allows "s3:\*": every action of s3 on every resource.*\(also used by aws_sqs_queue_policy\.q\)$/);
    const q = got[0].related?.find((x) => x.message.startsWith('aws_sqs_queue_policy.q '));
    assert.ok(q, 'a related location for the queue policy');
    assert.match(q.message, /on the resources this policy governs/);
    assert.equal(lineOf(q.file, q.range.start.line), 'policy    = data.aws_iam_policy_document.d.json');
  });

  it('a suppression on one consumer removes only that consumer; one on the document removes the finding', async () => {
    const onB = SHARED.replace('resource "aws_iam_role_policy" "b" {', '# perimeter:ignore:aws-iam-wildcard-action the CI role needs it\nresource "aws_iam_role_policy" "b" {');
    const r1 = of((await scanPaths([workspace({ 'main.tf': onB })], ALL_RULES)).findings, 'aws-iam-wildcard-action');
    assert.equal(r1.length, 1);
    assert.match(r1[0].message, /^aws_iam_policy\.a allows/);
    assert.doesNotMatch(r1[0].message, /also used by/);
    const onDoc = SHARED.replace('data "aws_iam_policy_document" "d" {', '# perimeter:ignore:aws-iam-wildcard-action reviewed\ndata "aws_iam_policy_document" "d" {');
    const r2 = (await scanPaths([workspace({ 'main.tf': onDoc })], ALL_RULES)).findings;
    assert.deepEqual(of(r2, 'aws-iam-wildcard-action'), []);
    assert.deepEqual(of(r2, 'perimeter-unused-suppression'), []);
  });

  it('the editor shows the same merged finding as the CLI', async () => {
    const dir = workspace({ 'main.tf': SHARED });
    const cli = (await scanPaths([dir], ALL_RULES)).findings;
    const analysis = new Analysis(ALL_RULES);
    analysis.configure({}, dir);
    const editor = analysis.analyseModule(dir).findings;
    const view = (fs_: readonly Finding[]) => fs_.map((f) => ({ ruleId: f.ruleId, message: f.message, range: f.range, severity: f.severity, related: f.related }));
    assert.deepEqual(view(editor), view(cli));
    assert.equal(of(editor, 'aws-iam-wildcard-action').length, 1);
    analysis.dispose();
  });
});

const CHILD = `variable "public" {
  type    = bool
  default = false
}

resource "aws_s3_bucket_acl" "this" {
  bucket = "b"
  # perimeter:ignore:aws-s3-public-acl the site bucket is public on purpose
  acl    = var.public ? "public-read" : "private"
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}
`;

describe('one finding per problem: module calls', () => {
  it('a finding of the module alone and of every call names every call, with related locations on the module blocks', async () => {
    const dir = workspace({ 'child/main.tf': CHILD, 'main.tf': 'module "a" {\n  source = "./child"\n}\n\nmodule "b" {\n  source = "./child"\n}\n' });
    const r = await scanPaths([dir], ALL_RULES);
    const got = of(r.findings, 'aws-iam-wildcard-action');
    assert.equal(got.length, 1);
    assert.match(got[0].message, / \(also as module\.a and module\.b are called\)$/);
    assert.deepEqual(
      got[0].related?.map((x) => [x.message, path.relative(dir, x.file), lineOf(x.file, x.range.start.line)]),
      [
        ['module.a calls the module here', 'main.tf', 'module "a" {'],
        ['module.b calls the module here', 'main.tf', 'module "b" {'],
      ],
    );
    assert.equal(new Set(keys(r.findings)).size, r.findings.length);
  });

  it('a finding only some calls make names each of them; the call that does not make it is not named', async () => {
    const noSuppression = CHILD.replace(/ *# perimeter:ignore.*\n/, '');
    const dir = workspace({
      'child/main.tf': noSuppression,
      'main.tf': 'module "b" {\n  source = "./child"\n  public = true\n}\n\nmodule "a" {\n  source = "./child"\n  public = true\n}\n\nmodule "c" {\n  source = "./child"\n}\n',
    });
    const got = of((await scanPaths([dir], ALL_RULES)).findings, 'aws-s3-public-acl');
    assert.equal(got.length, 1);
    assert.match(got[0].message, / \(as module\.a and module\.b are called\)$/);
    assert.deepEqual(got[0].related?.map((x) => x.message), ['module.a calls the module here', 'module.b calls the module here']);
    assert.ok(got[0].fix, 'the same fix from both calls is kept');
  });

  it('a suppression that some call needs is not reported as unused by the analysis that does not', async () => {
    const dir = workspace({ 'child/main.tf': CHILD, 'main.tf': 'module "a" {\n  source = "./child"\n  public = true\n}\n' });
    const r = await scanPaths([dir], ALL_RULES);
    assert.deepEqual(of(r.findings, 'aws-s3-public-acl'), []);
    assert.deepEqual(of(r.findings, 'perimeter-unused-suppression'), [], 'module.a uses it');
    const alone = await scanPaths([path.join(dir, 'child')], ALL_RULES);
    assert.equal(of(alone.findings, 'perimeter-unused-suppression').length, 1, 'scanned alone, nothing needs it');
  });
});

describe('mergeFindings', () => {
  const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 8 } });
  const finding = (owner: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({
    ruleId: 'r',
    severity,
    title: 't',
    message: `${owner} allows it.`,
    file: '/w/main.tf',
    span: { start: 10, end: 16 },
    range: range(1),
    aliases: ['X'],
    ...extra,
  });
  const occ = (owner: string, severity: Finding['severity'], line: number, extra: Partial<Finding> = {}, call?: string): Occurrence => ({
    finding: finding(owner, severity, extra),
    owner: { address: owner, file: '/w/main.tf', range: range(line) },
    ...(call ? { call: { path: call, file: '/w/root.tf', range: range(line) } } : {}),
  });
  const fix = (t: string) => ({ title: t, edits: [{ file: '/w/main.tf', span: { start: 10, end: 16 }, newText: t }] });

  it('does not depend on the order of its input', () => {
    const input = [occ('aws_iam_policy.b', 'medium', 5), occ('aws_iam_policy.a', 'medium', 3), occ('aws_iam_policy.a', 'medium', 3, {}, 'module.x'), occ('aws_iam_policy.c', 'high', 7, {}, 'module.y')];
    const expected = mergeFindings(input);
    assert.equal(expected.length, 1);
    assert.equal(expected[0].severity, 'high');
    assert.equal(expected[0].message, 'aws_iam_policy.c allows it. (also used by aws_iam_policy.a and aws_iam_policy.b) (also as module.x and module.y are called)');
    for (const order of [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]) assert.deepEqual(mergeFindings(order.map((i) => input[i])), expected);
  });

  it('keeps a fix only when every occurrence has the same one', () => {
    assert.ok(mergeFindings([occ('a.a', 'low', 1, { fix: fix('x') }), occ('a.b', 'low', 2, { fix: fix('x') })])[0].fix);
    assert.equal(mergeFindings([occ('a.a', 'low', 1, { fix: fix('x') }), occ('a.b', 'low', 2, { fix: fix('y') })])[0].fix, undefined);
    assert.equal(mergeFindings([occ('a.a', 'low', 1, { fix: fix('x') }), occ('a.b', 'low', 2)])[0].fix, undefined);
  });

  it('two different problems of one owner at one place stay two findings', () => {
    const two = mergeFindings([occ('a.a', 'low', 1, { message: 'a.a does not set x.' }), occ('a.a', 'low', 1, { message: 'a.a does not set y.' })]);
    assert.deepEqual(two.map((f) => f.message), ['a.a does not set x.', 'a.a does not set y.']);
  });

  it('leaves findings at different places alone', () => {
    const a = occ('a.a', 'low', 1);
    const b = { ...occ('a.b', 'low', 2), finding: finding('a.b', 'low', { span: { start: 20, end: 26 } }) };
    assert.deepEqual(mergeFindings([a, b]), [a.finding, b.finding]);
  });
});
