import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPaths } from '../../server/src/engine/scan';
import { ROOT, tempDir } from '../helpers';
import { AnnotationError, compare, inlineAnnotations, sidecarAnnotations, withoutKnownWrong } from './annotations';

/** The fixture annotations (./annotations.ts) are read as written, and a wrong one fails. */
const TF = ['resource "aws_s3_bucket_acl" "a" {', '  acl = "public-read"', '  #     ^^^^^^^^^^^^^ aws-s3-public-acl high', '}', ''].join('\n');

describe('fixture annotations', () => {
  it('read a caret line as the range under it on the line above, with its severity', () => {
    const [e, ...rest] = inlineAnnotations('/f.tf', TF);
    assert.deepEqual(rest, []);
    assert.deepEqual([e.ruleId, e.severity, e.start, e.end], ['aws-s3-public-acl', 'high', { line: 1, character: 8 }, { line: 1, character: 21 }]);
    assert.equal(TF.split('\n')[1].slice(e.start.character, e.end.character), '"public-read"');
  });

  it('let a run touching the comment marker start at the marker, stack several under one line, and read "to +N:C"', () => {
    const text = ['module "m" {', '#^^^^^^^^^^^ aws-iam-access-key-created high', '#          ^ aws-s3-website-public low to +3:1', '  a = 1', '}'].join('\n');
    const [a, b] = inlineAnnotations('/f.tf', text);
    assert.deepEqual([a.start, a.end], [{ line: 0, character: 0 }, { line: 0, character: 12 }]);
    assert.deepEqual([b.start, b.end], [{ line: 0, character: 11 }, { line: 3, character: 1 }]);
  });

  it('refuse the old "expect:" marks, malformed tails and carets past the line', () => {
    assert.throws(() => inlineAnnotations('/f.tf', 'acl = "public-read" # expect: aws-s3-public-acl'), AnnotationError);
    assert.throws(() => inlineAnnotations('/f.tf', 'acl = "x"\n#     ^^^ aws-s3-public-acl'), /severity/);
    assert.throws(() => inlineAnnotations('/f.tf', 'acl = "x"\n#     ^^^^^^^^ aws-s3-public-acl high'), /past the end/);
  });

  it('read a sidecar: the quoted line must be the file\'s line', () => {
    const json = '{\n  "Action": "*"\n}\n';
    const [e] = sidecarAnnotations('/p.json', json, '# comment\n2 |   "Action": "*"\n  |             ^^^ aws-iam-wildcard-action high\n');
    assert.deepEqual([e.start, e.end], [{ line: 1, character: 12 }, { line: 1, character: 15 }]);
    assert.throws(() => sidecarAnnotations('/p.json', json, '2 |   "Action": "s3:*"\n  |             ^^^ aws-iam-wildcard-action high\n'), /line 2 of/);
  });

  it('match findings by rule, exact range and severity: a moved range or another severity is a difference', () => {
    const [e] = inlineAnnotations('/f.tf', TF);
    const finding = (start: number, end: number, severity = 'high', ruleId = 'aws-s3-public-acl') => ({ file: '/f.tf', ruleId, severity, range: { start: { line: 1, character: start }, end: { line: 1, character: end } } });
    assert.deepEqual(compare('aws-s3-public-acl', [e], [finding(8, 21)]), { missing: [], unexpected: [] });
    for (const wrong of [finding(9, 21), finding(8, 20), finding(8, 21, 'critical')]) {
      const d = compare('aws-s3-public-acl', [e], [wrong]);
      assert.equal(d.missing.length, 1);
      assert.equal(d.unexpected.length, 1);
    }
    // Two findings where one is annotated, and no finding where one is annotated.
    assert.equal(compare('aws-s3-public-acl', [e], [finding(8, 21), finding(8, 21)]).unexpected.length, 1);
    assert.equal(compare('aws-s3-public-acl', [e], []).missing.length, 1);
    // Another rule's findings are left alone unless annotated; an annotated one must be there.
    assert.deepEqual(compare('aws-s3-public-acl', [e], [finding(8, 21), finding(0, 3, 'low', 'aws-s3-website-public')]), { missing: [], unexpected: [] });
    const other = { ...e, ruleId: 'aws-s3-website-public', severity: 'low' };
    assert.equal(compare('aws-s3-public-acl', [e, other], [finding(8, 21)]).missing.length, 1);
  });

  it('accept a known-wrong range only as listed, and say when the entry is stale', () => {
    const known = [{ expected: 'A', actual: 'B', why: '' }];
    assert.deepEqual(withoutKnownWrong({ missing: ['A'], unexpected: ['B'] }, known), { missing: [], unexpected: [], stale: [] });
    assert.equal(withoutKnownWrong({ missing: [], unexpected: [] }, known).stale.length, 1);
    assert.equal(withoutKnownWrong({ missing: ['A'], unexpected: ['C'] }, known).stale.length, 1);
  });

  it('on a real fixture scanned for real, a caret moved by one column or a changed severity fails the comparison', async () => {
    const src = path.join(ROOT, 'rules', 'aws-iam-wildcard-resource', 'test', 'flagged', 'main.tf');
    const text = fs.readFileSync(src, 'utf8');
    const dir = tempDir();
    const file = path.join(dir, 'main.tf');
    fs.writeFileSync(file, text);
    const { findings } = await scanPaths([dir], ALL_RULES);
    const id = 'aws-iam-wildcard-resource';
    assert.deepEqual(compare(id, inlineAnnotations(file, text), findings), { missing: [], unexpected: [] });
    const lines = text.split('\n');
    const i = lines.findIndex((l) => /^\s*#\s*\^+ aws-iam-wildcard-resource (high|medium)/.test(l));
    assert.ok(i > 0);
    const moved = [...lines];
    moved[i] = lines[i].replace('#', '# ').replace(/\^ /, ' ');
    const severity = [...lines];
    severity[i] = lines[i].replace(/ (high|medium)$/, (_m, s) => (s === 'high' ? ' medium' : ' high'));
    for (const wrong of [moved, severity]) {
      const d = compare(id, inlineAnnotations(file, wrong.join('\n')), findings);
      assert.equal(d.missing.length, 1, wrong[i]);
      assert.equal(d.unexpected.length, 1, wrong[i]);
    }
    fs.rmSync(dir, { recursive: true });
  });
});
