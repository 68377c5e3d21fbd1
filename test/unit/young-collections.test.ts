import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { memoizedByObject, ObjectSlot } from '../../server/src/memo';
import { ROOT } from '../helpers';

describe('values kept per object (memo.ts)', () => {
  it('keeps a value per object, each slot its own, invisible to spreading, JSON and comparison', () => {
    const a = { name: 'a' };
    const b = { name: 'b' };
    const first = new ObjectSlot<object, number>();
    const second = new ObjectSlot<object, string>();
    assert.equal(first.has(a), false);
    assert.equal(first.get(a), undefined);
    first.set(a, 1).set(b, 2);
    second.set(a, 'x');
    first.set(a, 3);
    assert.equal(first.get(a), 3);
    assert.equal(first.get(b), 2);
    assert.equal(second.get(a), 'x');
    assert.equal(second.has(b), false);
    assert.deepEqual({ ...a }, { name: 'a' });
    assert.equal(JSON.stringify(a), '{"name":"a"}');
    assert.deepStrictEqual(a, { name: 'a' });
    // A copy is a new object: it does not carry the value over.
    assert.equal(first.has({ ...a }), false);
  });

  it('keeps values for frozen objects too, and computes once per object', () => {
    const frozen = Object.freeze({ name: 'f' });
    const slot = new ObjectSlot<object, string>();
    slot.set(frozen, 'kept');
    assert.equal(slot.get(frozen), 'kept');
    let calls = 0;
    const lengthOf = memoizedByObject((list: readonly number[]) => (calls++, list.length));
    const list = [1, 2, 3];
    const frozenList = Object.freeze([1]);
    assert.equal(lengthOf(list), 3);
    assert.equal(lengthOf(list), 3);
    assert.equal(lengthOf(frozenList), 1);
    assert.equal(lengthOf(frozenList), 1);
    assert.equal(calls, 2);
    const undefinedOnce = memoizedByObject((_: object) => (calls++, undefined));
    const key = {};
    undefinedOnce(key);
    undefinedOnce(key);
    assert.equal(calls, 3, 'an undefined answer is remembered too');
  });
});

describe('the shape of objects that keep values', () => {
  // V8 optimises code for the object shapes (maps) it has seen and undoes that on a new one:
  // objects whose slots were filled in another order must still share one shape.
  it('is one shape whichever slots are filled, in whatever order', () => {
    const script = `
const { ObjectSlot, holdsObjectSlots } = require(${JSON.stringify(path.join(ROOT, 'server/src/memo.ts'))});
const first = new ObjectSlot(), second = new ObjectSlot(), third = new ObjectSlot();
class Module { constructor() { this.dir = 'd'; holdsObjectSlots(this); } }
const a = new Module(), b = new Module(), c = new Module();
first.set(a, 1); second.set(a, 2);
second.set(b, 2); third.set(b, 3); first.set(b, 1);
const x = { kind: 'file' }, y = { kind: 'file' };
first.set(x, 1); second.set(x, 2);
third.set(y, 3); first.set(y, 1);
process.stdout.write(JSON.stringify([%HaveSameMap(a, b), %HaveSameMap(a, c), %HaveSameMap(x, y)]));`;
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), [true, true, true]);
  });
});

// Typing into a 2,000-line module, analysed on every keystroke as the editor does, in a child
// process that prints V8's figures for each young-generation collection (--trace-gc-nvp).
const SCRIPT = `
const { Analysis } = require(${JSON.stringify(path.join(ROOT, 'server/src/lsp/analysis.ts'))});
const { ALL_RULES } = require(${JSON.stringify(path.join(ROOT, 'rules/index.ts'))});
const blocks = [];
for (let i = 0; i < 90; i++) blocks.push('resource "aws_s3_bucket" "b' + i + '" {\\n  bucket = "bucket-' + i + '"\\n}\\n\\nresource "aws_s3_bucket_public_access_block" "b' + i + '" {\\n  bucket                  = aws_s3_bucket.b' + i + '.id\\n  block_public_acls       = true\\n  block_public_policy     = true\\n  ignore_public_acls      = true\\n  restrict_public_buckets = true\\n}\\n\\nresource "aws_iam_policy" "p' + i + '" {\\n  policy = jsonencode({\\n    Statement = [{\\n      Effect   = "Allow"\\n      Action   = ["s3:GetObject"]\\n      Resource = "arn:aws:s3:::bucket-' + i + '/*"\\n    }]\\n  })\\n}\\n');
let text = blocks.join('\\n');
const file = '/nonexistent-perimeter-test/main.tf';
const analysis = new Analysis(ALL_RULES);
analysis.openDocument(file, text);
analysis.analyseModuleOf(file);
const TYPED = 'resource "aws_s3_bucket_acl" "typed" {\\n  bucket = "typed"\\n  acl    = "public-read"\\n}\\n';
for (let round = 0; round < 6; round++) {
  for (const ch of TYPED) {
    analysis.changeDocument(file, [{ start: text.length, oldEnd: text.length, newText: ch }]);
    text += ch;
    analysis.analyseModuleOf(file);
  }
  if (round === 1) process.stdout.write('MEASURED FROM HERE\\n');
}
`;

describe('typing into a large module', () => {
  it('leaves young collections little to promote: an analysis does not outlive the next keystroke', () => {
    const out = execFileSync(process.execPath, ['--trace-gc-nvp', '--import', 'tsx', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const measured = out.slice(out.indexOf('MEASURED FROM HERE'));
    const promoted = [...measured.matchAll(/gc=s .*? promoted=(\d+)/g)].map((m) => Number(m[1])).sort((x, y) => x - y);
    assert.ok(promoted.length >= 5, `young collections while typing: ${promoted.length}`);
    const median = promoted[Math.floor(promoted.length / 2)];
    // Each analysis's values kept in a long-lived WeakMap were promoted with the syntax tree
    // and text they reached: 1-4 MB a collection. Now what survives is what lives on.
    assert.ok(median < 256 * 1024, `median promoted per young collection: ${(median / 1e6).toFixed(2)} MB (${promoted.length} collections)`);
  });
});
