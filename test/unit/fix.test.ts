import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import type { Block, Expr } from '../../server/src/hcl/ast';
import { evaluate } from '../../server/src/eval/evaluate';
import { parseJsonString } from '../../server/src/eval/json';
import { unknown } from '../../server/src/eval/value';
import {
  addAttribute,
  addJsonMember,
  addObjectMember,
  appendNestedBlock,
  applyEdits,
  hclString,
  insertBlockAfter,
  removeAttribute,
  replaceExpr,
  writeFileSafely,
} from '../../server/src/fix';
import { parse, tempDir } from '../helpers';

/** HashiCorp's parser must accept every fixed file. */
async function assertValidHcl(text: string): Promise<void> {
  await hcl2json('fixed.tf', text);
}

function block(f: { body: { blocks: readonly Block[] } }, label: string): Block {
  const b = f.body.blocks.find((x) => x.labels.some((l) => l.value === label));
  assert.ok(b, `block ${label}`);
  return b;
}

describe('fix builders keep the file valid and its layout', () => {
  it('replaces an expression', async () => {
    const f = await parse('resource "aws_s3_bucket_acl" "a" {\n  acl = "public-read"\n}\n');
    const acl = f.body.blocks[0].body.attributes[0];
    const out = applyEdits(f.text, [replaceExpr(f, acl.expr, '"private"')]);
    assert.equal(out, 'resource "aws_s3_bucket_acl" "a" {\n  acl = "private"\n}\n');
    await assertValidHcl(out);
  });

  it('removes an attribute line and nothing else', async () => {
    const f = await parse('provider "aws" {\n  region     = "eu-west-1"\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n');
    const key = f.body.blocks[0].body.attributes[1];
    const out = applyEdits(f.text, [removeAttribute(f, key)]);
    assert.equal(out, 'provider "aws" {\n  region     = "eu-west-1"\n}\n');
    await assertValidHcl(out);
  });

  it('removes an attribute line in a CRLF file, keeping CRLF', async () => {
    const f = await parse('provider "aws" {\r\n  region = "x"\r\n  token  = "y"\r\n}\r\n');
    const out = applyEdits(f.text, [removeAttribute(f, f.body.blocks[0].body.attributes[1])]);
    assert.equal(out, 'provider "aws" {\r\n  region = "x"\r\n}\r\n');
  });

  it('removes an attribute whose trailing comment holds a lone carriage return (not a line break in HCL)', async () => {
    // Found by npm run fuzz: the comment ran on past the \r, and a fix that stopped there
    // left its tail as a bare word.
    const f = await parse('provider "aws" {\n  region     = "x"\n  access_key = "AKIAIOSFODNN7EXAMPLE" #\r tail of the comment\n}\n');
    await assertValidHcl(f.text);
    const out = applyEdits(f.text, [removeAttribute(f, f.body.blocks[0].body.attributes[1])]);
    assert.equal(out, 'provider "aws" {\n  region     = "x"\n}\n');
    await assertValidHcl(out);
  });

  it('adds an attribute longer than its group\'s names: the group is re-padded as terraform fmt does', async () => {
    const f = await parse('resource "aws_s3_bucket_public_access_block" "b" {\n  bucket            = aws_s3_bucket.b.id\n  block_public_acls = true\n}\n');
    const out = applyEdits(f.text, [addAttribute(f, f.body.blocks[0], 'ignore_public_acls', 'true')]);
    assert.equal(
      out,
      'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket             = aws_s3_bucket.b.id\n  block_public_acls  = true\n  ignore_public_acls = true\n}\n',
    );
    await assertValidHcl(out);
  });

  it('adds an attribute after a one-line value as terraform fmt aligns the pair (output sensitive), not after a multi-line one', async () => {
    const f = await parse('output "s" {\n  value = aws_iam_access_key.k.secret # the key\n}\n\noutput "m" {\n  value = {\n    a = 1\n  }\n}\n');
    const one = applyEdits(f.text, [addAttribute(f, f.body.blocks[0], 'sensitive', 'true')]);
    assert.ok(one.startsWith('output "s" {\n  value     = aws_iam_access_key.k.secret # the key\n  sensitive = true\n}\n'), one);
    const multi = applyEdits(f.text, [addAttribute(f, f.body.blocks[1], 'sensitive', 'true')]);
    assert.ok(multi.endsWith('output "m" {\n  value = {\n    a = 1\n  }\n  sensitive = true\n}\n'), multi);
    await assertValidHcl(one);
    await assertValidHcl(multi);
  });

  it('adds an attribute with the padding of an aligned group when the name fits', async () => {
    const f = await parse('resource "x" "y" {\n  bucket            = "b"\n  block_public_acls = true\n}\n');
    const out = applyEdits(f.text, [addAttribute(f, f.body.blocks[0], 'acl', '"private"')]);
    assert.match(out, /\n {2}acl {15}= "private"\n/);
    await assertValidHcl(out);
  });

  it('adds an attribute to an empty one-line block', async () => {
    const f = await parse('resource "x" "y" {}\n');
    const out = applyEdits(f.text, [addAttribute(f, f.body.blocks[0], 'a', '1')]);
    assert.equal(out, 'resource "x" "y" {\n  a = 1\n}\n');
    await assertValidHcl(out);
  });

  it('adds an attribute to a tab-indented block', async () => {
    const f = await parse('resource "x" "y" {\n\tb = 2\n}\n');
    const out = applyEdits(f.text, [addAttribute(f, f.body.blocks[0], 'a', '1')]);
    assert.equal(out, 'resource "x" "y" {\n\tb = 2\n\ta = 1\n}\n');
  });

  it('inserts a block after another, re-indented', async () => {
    const f = await parse('resource "aws_s3_bucket" "b" {\n    bucket = "x"\n}\n\noutput "o" {\n    value = 1\n}\n');
    const text = 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n}\n';
    const out = applyEdits(f.text, [insertBlockAfter(f, block(f, 'b'), text)]);
    assert.equal(
      out,
      'resource "aws_s3_bucket" "b" {\n    bucket = "x"\n}\n\nresource "aws_s3_bucket_public_access_block" "b" {\n    bucket = aws_s3_bucket.b.id\n}\n\noutput "o" {\n    value = 1\n}\n',
    );
    await assertValidHcl(out);
  });

  it('appends a nested block after the last attribute', async () => {
    const f = await parse('data "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["sts:AssumeRole"]\n  }\n}\n');
    const stmt = f.body.blocks[0].body.blocks[0];
    const cond = 'condition {\n  test     = "Bool"\n  variable = "aws:MultiFactorAuthPresent"\n  values   = ["true"]\n}';
    const out = applyEdits(f.text, [appendNestedBlock(f, stmt, cond)]);
    assert.equal(
      out,
      'data "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["sts:AssumeRole"]\n\n    condition {\n      test     = "Bool"\n      variable = "aws:MultiFactorAuthPresent"\n      values   = ["true"]\n    }\n  }\n}\n',
    );
    await assertValidHcl(out);
  });

  it('adds a member to a multi-line HCL object', async () => {
    const f = await parse('a = jsonencode({\n  Effect = "Allow"\n  Action = "sts:AssumeRole"\n})\n');
    const call = f.body.attributes[0].expr as Extract<Expr, { type: 'call' }>;
    const obj = call.args[0] as Extract<Expr, { type: 'object' }>;
    const out = applyEdits(f.text, [addObjectMember(f, obj, 'Condition', '{\n  Bool = { "aws:MultiFactorAuthPresent" = "true" }\n}')]);
    assert.equal(out, 'a = jsonencode({\n  Effect = "Allow"\n  Action = "sts:AssumeRole"\n  Condition = {\n    Bool = { "aws:MultiFactorAuthPresent" = "true" }\n  }\n})\n');
    await assertValidHcl(out);
  });

  it('adds a member to a one-line HCL object', async () => {
    const f = await parse('tags = { a = 1 }\n');
    const obj = f.body.attributes[0].expr as Extract<Expr, { type: 'object' }>;
    const out = applyEdits(f.text, [addObjectMember(f, obj, 'b', '2')]);
    assert.equal(out, 'tags = { a = 1, b = 2 }\n');
    await assertValidHcl(out);
  });

  it('adds a member to a JSON object inside a heredoc', async () => {
    const f = await parse('p = <<EOF\n{\n  "Effect": "Allow",\n  "Action": "sts:AssumeRole"\n}\nEOF\n');
    const v = evaluate(f.body.attributes[0].expr, { file: f.path, resolve: (_r, _s, o) => unknown('test', o) });
    assert.equal(v.kind, 'string');
    if (v.kind !== 'string') return;
    const obj = parseJsonString(v).value;
    assert.equal(obj.kind, 'object');
    if (obj.kind !== 'object') return;
    const out = applyEdits(f.text, [addJsonMember(f.text, obj, 'Condition', '{\n  "Bool": { "aws:MultiFactorAuthPresent": "true" }\n}')]);
    assert.equal(
      out,
      'p = <<EOF\n{\n  "Effect": "Allow",\n  "Action": "sts:AssumeRole",\n  "Condition": {\n    "Bool": { "aws:MultiFactorAuthPresent": "true" }\n  }\n}\nEOF\n',
    );
    const json = (await hcl2json('x.tf', out)) as { p: string };
    assert.deepEqual(JSON.parse(json.p).Condition, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  });

  it('writes HCL strings that round-trip through HashiCorp\'s parser', async () => {
    const tricky = 'a "quoted" \\ ${not_interp} line\nbreak';
    const out = `v = ${hclString(tricky)}\n`;
    const json = (await hcl2json('x.tf', out)) as { v: string };
    assert.equal(json.v, tricky);
  });

  it('refuses overlapping edits', () => {
    assert.throws(
      () => applyEdits('abcdef', [{ span: { start: 1, end: 3 }, newText: 'x' }, { span: { start: 2, end: 4 }, newText: 'y' }]),
      /overlapping edits/,
    );
  });
});

describe('writeFileSafely', () => {
  it('replaces the file atomically and keeps its bytes otherwise', () => {
    const dir = tempDir();
    const f = path.join(dir, 'main.tf');
    fs.writeFileSync(f, '\uFEFFa = 1\r\n');
    writeFileSafely(f, '\uFEFFa = 1\r\n', '\uFEFFa = 2\r\n');
    assert.equal(fs.readFileSync(f, 'utf8'), '\uFEFFa = 2\r\n');
    assert.deepEqual(fs.readdirSync(dir), ['main.tf'], 'no temporary file is left behind');
  });

  it('refuses to write a file that changed on disk since it was read', () => {
    const dir = tempDir();
    const f = path.join(dir, 'main.tf');
    fs.writeFileSync(f, 'a = 3\n');
    assert.throws(() => writeFileSafely(f, 'a = 1\n', 'a = 2\n'), /changed on disk/);
    assert.equal(fs.readFileSync(f, 'utf8'), 'a = 3\n');
  });
});
