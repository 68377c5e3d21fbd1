import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HclDocument } from '../../server/src/hcl/parser';
import { LineIndex } from '../../server/src/hcl/span';
import { parse, textAt } from '../helpers';

describe('hcl: blocks, attributes and ranges', () => {
  it('reads block types, labels and attributes with exact ranges', async () => {
    const f = await parse('resource "aws_s3_bucket_acl" "a" {\n  acl = "public-read"\n}\n');
    const [b] = f.body.blocks;
    assert.equal(b.type, 'resource');
    assert.deepEqual(b.labels.map((l) => l.value), ['aws_s3_bucket_acl', 'a']);
    const [acl] = b.body.attributes;
    assert.equal(acl.name, 'acl');
    assert.equal(textAt(f, acl.expr.span), '"public-read"');
    assert.equal(textAt(f, b.headerSpan), 'resource "aws_s3_bucket_acl" "a" {');
  });

  it('keeps comments with their text', async () => {
    const f = await parse('# perimeter:ignore:x reason\na = 1 // tail\n/* block */\n');
    assert.deepEqual(f.comments.map((c) => c.text), ['perimeter:ignore:x reason', 'tail', 'block']);
  });

  it('decodes escapes and keeps the source offset of every character', async () => {
    const f = await parse('a = "x\\"y\\u0041${b}z"\n');
    const e = f.body.attributes[0].expr;
    assert.equal(e.type, 'template');
    if (e.type !== 'template') return;
    const first = e.parts[0];
    assert.equal(first.kind, 'text');
    if (first.kind !== 'text') return;
    assert.equal(first.piece.value, 'x"yA');
    assert.deepEqual(first.piece.offsets, [5, 6, 8, 9, 15]);
  });

  it('strips <<- heredoc indentation like Terraform', async () => {
    const f = await parse('a = <<-EOT\n    one\n      two\n    EOT\n');
    const e = f.body.attributes[0].expr;
    if (e.type !== 'template' || e.parts[0].kind !== 'text') return assert.fail('not a heredoc');
    assert.equal(e.parts[0].piece.value, 'one\n  two\n');
  });

  it('a half-typed attribute does not hide the blocks and attributes around it', async () => {
    const f = await parse('resource "aws_s3_bucket" "a" {\n  bucket = "x"\n  acl =\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "y"\n}\n');
    assert.ok(f.syntaxErrors.length > 0, 'the error is recorded');
    const names = f.body.blocks.map((b) => b.labels[1]?.value);
    assert.ok(names.includes('a') && names.includes('b'), `both blocks survive: ${names}`);
    const a = f.body.blocks.find((b) => b.labels[1]?.value === 'a');
    assert.ok(a?.body.attributes.some((x) => x.name === 'bucket'));
  });

  for (const [what, broken] of [
    ['an unterminated string', '  acl = "public-rea'],
    ['a stray word', '  ac'],
    ['an unclosed list', '  grants = [1,'],
    ['an unclosed object', '  tags = {'],
    ['a missing value', '  acl ='],
    ['an unclosed heredoc', '  policy = <<-EOT\n    {"Statement": ['],
    ['an unclosed heredoc with several lines of text', '  policy = <<EOT\n{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",'],
  ]) {
    it(`recovers from ${what}: the next block and the attributes before it survive`, async () => {
      const f = await parse(`resource "aws_s3_bucket" "a" {\n  bucket = "x"\n${broken}\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "y"\n}\n`);
      assert.ok(f.syntaxErrors.length > 0, 'the error is recorded');
      const a = f.body.blocks.find((b) => b.labels[1]?.value === 'a');
      const b = f.body.blocks.find((b) => b.labels[1]?.value === 'b');
      assert.ok(a?.body.attributes.some((x) => x.name === 'bucket' && textAt(f, x.expr.span) === '"x"'), 'block a keeps bucket');
      assert.ok(b?.body.attributes.some((x) => x.name === 'bucket' && textAt(f, x.expr.span) === '"y"'), 'block b is top-level with its bucket');
    });
  }

  it('an unclosed heredoc is closed at the end of its line: closed heredocs keep their text, attributes after it survive', async () => {
    const text = [
      'resource "aws_instance" "a" {',
      '  user_data = <<-EOT',
      '    cat > /etc/motd <<EOF',
      '    hello',
      '    EOF',
      '  EOT',
      '  key_name = <<-EOT',
      '    echo hi',
      '  ami = "ami-1"',
      '}',
      '',
      'resource "aws_instance" "b" {',
      '  ami = "ami-2"',
      '}',
      '',
    ].join('\n');
    const f = await parse(text);
    assert.ok(f.syntaxErrors.length > 0, 'the error is recorded');
    const [a, b] = f.body.blocks;
    assert.deepEqual(f.body.blocks.map((x) => x.labels[1]?.value), ['a', 'b']);
    assert.deepEqual(a.body.attributes.map((x) => x.name), ['user_data', 'ami']);
    const userData = a.body.attributes[0].expr;
    if (userData.type !== 'template' || userData.parts[0].kind !== 'text') return assert.fail('user_data is not a heredoc');
    assert.equal(userData.parts[0].piece.value, 'cat > /etc/motd <<EOF\nhello\nEOF\n');
    assert.equal(textAt(f, a.body.attributes[1].expr.span), '"ami-1"');
    assert.equal(textAt(f, b.body.attributes[0].expr.span), '"ami-2"');
  });

  it('an unclosed heredoc with another half-typed line after it: only its text and that line are set aside', async () => {
    const f = await parse('resource "aws_instance" "a" {\n  user_data = <<EOT\n  echo hi\n  ami = "ami-1"\n  key_name =\n  tags = {}\n}\n\nresource "aws_instance" "b" {\n  ami = "ami-2"\n}\n');
    assert.deepEqual(f.body.blocks.map((x) => x.body.attributes.map((y) => `${y.name}=${textAt(f, y.expr.span)}`)), [['ami="ami-1"', 'tags={}'], ['ami="ami-2"']]);
  });

  it('a heredoc marker in a comment is not taken for an unclosed heredoc', async () => {
    const f = await parse('resource "aws_instance" "a" {\n  # written with <<EOF\n  ami = "ami-1"\n  ac\n}\n\nresource "aws_instance" "b" {\n  ami = "ami-2"\n}\n');
    assert.deepEqual(f.comments.map((c) => c.text), ['written with <<EOF']);
    assert.deepEqual(f.body.blocks.map((x) => x.body.attributes.map((y) => textAt(f, y.expr.span))), [['"ami-1"'], ['"ami-2"']]);
  });

  it('incremental edits give the same result as a fresh parse', async () => {
    const text = 'provider "aws" {\n  region = "eu-west-1"\n}\n';
    const doc = new HclDocument('/v/main.tf', text);
    const at = text.indexOf('eu-west-1');
    const edited = doc.edit([{ start: at, oldEnd: at + 'eu-west-1'.length, newText: 'us-east-1' }]);
    const fresh = await parse(text.replace('eu-west-1', 'us-east-1'), '/v/main.tf');
    assert.deepEqual(JSON.parse(JSON.stringify(edited.body)), JSON.parse(JSON.stringify(fresh.body)));
    doc.dispose();
  });
});

describe('incremental documents', () => {
  it('reuse unchanged blocks with shifted ranges and equal a fresh parse after every edit', async () => {
    let text = ['a', 'b', 'c'].map((n) => `resource "aws_s3_bucket" "${n}" {\n  bucket = "x\\t${n}"\n  tags   = { k = <<-EOT\n    v\n  EOT\n  }\n}\n`).join('\n');
    const doc = new HclDocument('/v/main.tf', text);
    const edits = [
      { at: text.indexOf('"b"'), del: 0, ins: 'xx' },
      { at: 0, del: 0, ins: '# head\n' },
      { at: 10, del: 5, ins: '' },
    ];
    for (const e of edits) {
      const next = doc.edit([{ start: e.at, oldEnd: e.at + e.del, newText: e.ins }]);
      text = text.slice(0, e.at) + e.ins + text.slice(e.at + e.del);
      const fresh = await parse(text, '/v/main.tf');
      assert.deepEqual(JSON.parse(JSON.stringify(next)), JSON.parse(JSON.stringify(fresh)));
    }
    doc.dispose();
  });
});

describe('LineIndex', () => {
  it('maps offsets to UTF-16 line/character and back, for LF, CRLF and CR', () => {
    const idx = new LineIndex('a\r\nbé😀c\rd\n');
    assert.deepEqual(idx.position(3), { line: 1, character: 0 });
    assert.deepEqual(idx.position(7), { line: 1, character: 4 });
    assert.equal(idx.offset({ line: 2, character: 0 }), 9);
    assert.equal(idx.lineText(1), 'bé😀c');
  });
});
