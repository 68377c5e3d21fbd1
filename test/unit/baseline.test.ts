import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { BaselineError, baselineOf, classify, fingerprintOf, fingerprintsOf, parseBaseline, readBaseline, writeBaseline } from '../../server/src/engine/baseline';
import { scanSources } from '../../server/src/engine/scan';
import type { Finding } from '../../server/src/engine/finding';
import { tempDir } from '../helpers';

const ROOT = '/repo';

/** Scans in-memory files under /repo; returns the findings and their fingerprints. */
async function scan(files: Record<string, string>): Promise<{ findings: Finding[]; fps: string[]; byKey: Map<string, string> }> {
  const sources = Object.entries(files).map(([name, text]) => ({ path: path.join(ROOT, name), text }));
  const texts = new Map(sources.map((s) => [s.path, s.text]));
  const { findings } = scanSources(sources, ALL_RULES);
  const fps = fingerprintsOf(findings, ROOT, (p) => texts.get(p));
  // A finding named without its position: rule, file and the flagged text's first line.
  const byKey = new Map<string, string>();
  findings.forEach((f, i) => {
    const t = texts.get(f.file)!;
    byKey.set(`${f.ruleId} ${path.relative(ROOT, f.file)} ${t.slice(f.span.start, f.span.end).split('\n')[0]} ${f.message.slice(0, 60)}`, fps[i]);
  });
  return { findings, fps, byKey };
}

const POLICY = (action: string) => `resource "aws_iam_policy" "deployer" {
  name   = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["${action}"]
      Resource = "arn:aws:s3:::bucket/*"
    }]
  })
}
`;
const BUCKET = `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
`;
const UNRELATED = `resource "aws_sqs_queue" "q" {
  name = "q"
}
`;

describe('baseline fingerprints', () => {
  it('survive moving a block down 10 lines and adding an unrelated resource', async () => {
    const before = await scan({ 'iam/main.tf': POLICY('s3:*') + '\n' + BUCKET });
    const moved = await scan({ 'iam/main.tf': BUCKET + '\n'.repeat(10) + UNRELATED + '\n' + POLICY('s3:*') });
    assert.ok(before.findings.length >= 2, 'the fixture has findings');
    assert.ok(before.findings.some((f) => f.ruleId === 'aws-iam-wildcard-action'));
    // Same findings, other lines, same fingerprints.
    assert.deepEqual([...moved.byKey.entries()].sort(), [...before.byKey.entries()].sort());
    const lines = (r: typeof before) => r.findings.map((f) => f.range.start.line).sort();
    assert.notDeepEqual(lines(moved), lines(before));
  });

  it('change when the action changes, and differ between modules and rules', async () => {
    const a = await scan({ 'iam/main.tf': POLICY('s3:*') });
    const b = await scan({ 'iam/main.tf': POLICY('ec2:*') });
    const c = await scan({ 'other/main.tf': POLICY('s3:*') });
    const wild = (r: typeof a) => r.fps[r.findings.findIndex((f) => f.ruleId === 'aws-iam-wildcard-action')];
    assert.ok(wild(a) && wild(b) && wild(c));
    assert.notEqual(wild(a), wild(b));
    assert.notEqual(wild(a), wild(c));
    assert.match(wild(a), /^[0-9a-f]{32}$/);
  });

  it('are never shared by two findings of one module (same owner, same flagged text, same header)', async () => {
    const twoStars = `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" },
      { Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" },
      { Effect = "Allow", Action = ["s3:*"], Resource = "*" },
    ]
  })
}
`;
    const publicAcl = `resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}
`;
    const r = await scan({ 'm/main.tf': twoStars + publicAcl });
    assert.ok(r.findings.length >= 4, `findings: ${r.findings.map((f) => f.ruleId).join(', ')}`);
    // Rule, module, owner and flagged text alone coincide here (the two PassRole statements,
    // the access block's header): the fixture needs the tie-breaks.
    const plain = r.findings.map((f) => fingerprintOf(f, ROOT, twoStars + publicAcl));
    assert.ok(new Set(plain).size < plain.length, 'some findings share rule, module, owner and subject');
    assert.equal(new Set(r.fps).size, r.fps.length);
    // The same findings give the same fingerprints on every run.
    const again = await scan({ 'm/main.tf': twoStars + publicAcl });
    assert.deepEqual(again.fps, r.fps);
  });

  it('baselineOf is sorted and keeps no line numbers; classify splits new, unchanged and absent', async () => {
    const old = await scan({ 'iam/main.tf': POLICY('s3:*') + BUCKET });
    const b = baselineOf(old.findings, ROOT, () => POLICY('s3:*') + BUCKET);
    assert.equal(b.findings.length, old.findings.length);
    assert.ok(b.findings.every((e) => e.file === 'iam/main.tf' && !('line' in e) && !('range' in e)));
    const now = await scan({ 'iam/main.tf': POLICY('ec2:*') + BUCKET });
    const c = classify(now.findings, b, { root: ROOT, fingerprints: now.fps });
    assert.equal(c.new.length + c.unchanged.length, now.findings.length);
    assert.ok(c.unchanged.some((f) => f.ruleId === 'aws-s3-public-access-block-missing'), 'the bucket is in the baseline');
    assert.ok(c.new.some((f) => f.ruleId === 'aws-iam-wildcard-action' && f.message.includes('ec2:*')));
    assert.ok(c.absent.some((e) => e.ruleId === 'aws-iam-wildcard-action' && e.message.includes('s3:*')));
    assert.deepEqual(c.states, now.fps.map((fp) => (b.findings.some((e) => e.fingerprint === fp) ? 'unchanged' : 'new')));
    // Out of scope (another shard's module): not absent.
    assert.deepEqual(classify(now.findings, b, { root: ROOT, fingerprints: now.fps, inScope: () => false }).absent, []);
  });

  it('writeBaseline / readBaseline round-trip; unreadable or malformed files are clear errors', async () => {
    const dir = tempDir();
    const r = await scan({ 'iam/main.tf': POLICY('s3:*') });
    const file = path.join(dir, 'b.json');
    const written = writeBaseline(file, r.findings, ROOT, () => POLICY('s3:*'));
    assert.deepEqual(readBaseline(file), written);
    assert.throws(() => readBaseline(path.join(dir, 'missing.json')), (e: Error) => e instanceof BaselineError && /no such file/.test(e.message));
    fs.writeFileSync(file, '{');
    assert.throws(() => readBaseline(file), (e: Error) => e instanceof BaselineError && /not valid JSON/.test(e.message));
    assert.throws(() => parseBaseline('{"version":2,"findings":[]}'), /"version" must be 1/);
    assert.throws(() => parseBaseline('[]'), /expected an object/);
    assert.throws(() => parseBaseline('{"version":1,"findings":[{"fingerprint":"x","ruleId":"r","file":"f","message":"m"}]}'), /findings\[0\]\.fingerprint/);
    assert.throws(() => parseBaseline('{"version":1,"findings":[{"fingerprint":"0123456789abcdef0123456789abcdef","file":"f","message":"m"}]}'), /findings\[0\]\.ruleId/);
    assert.deepEqual(parseBaseline('{"version":1,"findings":[]}').findings, []);
  });
});
