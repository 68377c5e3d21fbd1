import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HclDocument, parseHcl } from '../../server/src/hcl/parser';
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
  });
});

describe('incremental documents: what is re-read', () => {
  const three = ['a', 'b', 'c'].map((n) => `resource "aws_s3_bucket" "${n}" {\n  bucket = "${n}"\n}\n`).join('\n');
  const same = (doc: HclDocument, text: string) => {
    const fresh = parseHcl('/v/main.tf', text);
    assert.deepEqual(JSON.parse(JSON.stringify(doc.file)), JSON.parse(JSON.stringify(fresh)));
  };

  it('several edits queued before a read (typing faster than the analysis) read as a fresh parse does', () => {
    // Edits anywhere, of any length, some undoing others.
    const next = numbers(7);
    for (let round = 0; round < 200; round++) {
      const doc = new HclDocument('/v/main.tf', three);
      let text = three;
      const edits = 1 + next(4);
      for (let i = 0; i < edits; i++) {
        const start = next(text.length + 1);
        const oldEnd = Math.min(text.length, start + next(4));
        const newText = ['', 'x', '"', '{', '}\n', '\n', ' = 1', text.slice(start, oldEnd)][next(8)];
        doc.queue([{ start, oldEnd, newText }]);
        text = text.slice(0, start) + newText + text.slice(oldEnd);
      }
      same(doc, text);
    }
  });

  it('queued edits that each keep the file clean are all read, wherever they are', () => {
    // Letters typed into, or removed from, the bucket names: each file parses cleanly, so the
    // read takes the incremental path, which must find the change from the first edit to the last.
    const next = numbers(11);
    for (let round = 0; round < 200; round++) {
      const doc = new HclDocument('/v/main.tf', three);
      let text = three;
      for (let i = 0, edits = 2 + next(3); i < edits; i++) {
        const names = [...text.matchAll(/bucket = "([a-z]*)"/g)];
        const m = names[next(names.length)];
        const at = m.index! + 'bucket = "'.length + next(m[1].length + 1);
        const remove = at < m.index! + m[0].length - 1 && next(2) === 0;
        const edit = remove ? { start: at, oldEnd: at + 1, newText: '' } : { start: at, oldEnd: at, newText: 'qz'[next(2)] };
        doc.queue([edit]);
        text = text.slice(0, edit.start) + edit.newText + text.slice(edit.oldEnd);
      }
      same(doc, text);
    }
  });

  it('keeps the items before an edit as the same objects, and re-reads the edited one', () => {
    const doc = new HclDocument('/v/main.tf', three);
    const [a, b, c] = doc.file.body.blocks;
    const at = three.indexOf('"c"\n}');
    const edited = doc.edit([{ start: at + 1, oldEnd: at + 1, newText: 'x' }]);
    assert.equal(edited.body.blocks[0], a, 'the first block is the same object');
    assert.equal(edited.body.blocks[1], b, 'the second block is the same object');
    assert.notEqual(edited.body.blocks[2], c);
    assert.equal(edited.body.blocks[2].labels[1].value, 'c');
    assert.equal(edited.body.blocks[2].body.attributes[0].expr.type, 'template');
    same(doc, three.slice(0, at + 1) + 'x' + three.slice(at + 1));
  });

  it('reads a half-typed line with the whole file, and the items before it are still the same objects', () => {
    const doc = new HclDocument('/v/main.tf', three);
    const [a, b] = doc.file.body.blocks;
    const at = three.indexOf('\n}', three.indexOf('"c"'));
    const edited = doc.edit([{ start: at, oldEnd: at, newText: '\n  acl = "pub' }]);
    assert.equal(edited.syntaxErrors.length, 1, 'the unterminated string is an error');
    assert.equal(edited.body.blocks[0], a);
    assert.equal(edited.body.blocks[1], b);
    same(doc, three.slice(0, at) + '\n  acl = "pub' + three.slice(at));
  });

  // Each edit below parses cleanly on its own but changes how the text after it reads: the
  // document must notice and read the whole file again.
  for (const [what, find, insert] of [
    ['a block comment left open swallows the blocks after it', 'resource "aws_s3_bucket" "b"', '/* '],
    ['a joined line continues the expression before it', '\n\nresource "aws_s3_bucket" "b"', ' + 1'],
    ['a heredoc opened before a block reads it as text', 'resource "aws_s3_bucket" "c"', 'x = <<EOT\n'],
    ['an unclosed brace takes the blocks after it', 'resource "aws_s3_bucket" "b"', 'locals {\n'],
  ] as const) {
    it(`re-reads what follows when ${what}`, () => {
      const doc = new HclDocument('/v/main.tf', three);
      void doc.file;
      const at = three.indexOf(find);
      doc.edit([{ start: at, oldEnd: at, newText: insert }]);
      same(doc, three.slice(0, at) + insert + three.slice(at));
    });
  }

  it('re-reads the line of an item when the edit is on it (`a = 1 c = 3` does not parse, though `c = 3` alone does)', () => {
    const text = 'a = 1 \n\nb = 2\n';
    const doc = new HclDocument('/v/main.tf', text);
    void doc.file;
    doc.edit([{ start: 6, oldEnd: 6, newText: 'c = 3' }]);
    assert.equal(doc.file.syntaxErrors.length, 1);
    same(doc, 'a = 1 c = 3\n\nb = 2\n');
  });

  for (const [what, head] of [
    ['a file laid out as terraform fmt does', three],
    ['a nested block header in column 0 (read differently once a block is left open)', 'resource "a" "b" {\nlifecycle {\n  x = 1\n}\n}\n'],
    ['a heredoc with a line like a block header', 'a = <<EOT\nlocals {\nEOT\n'],
  ] as const) {
    it(`typing a new block at the end of ${what} reads as the whole file at every keystroke`, () => {
      let text = head;
      const doc = new HclDocument('/v/main.tf', text);
      const typed = '\nresource "aws_s3_bucket_acl" "t" {\n  acl = "public-read"\n}\n';
      for (const ch of typed) {
        doc.edit([{ start: text.length, oldEnd: text.length, newText: ch }]);
        text += ch;
        same(doc, text);
      }
    });
  }

  // Half-typed text in a middle block is read with that block alone only when its errors
  // cannot reach past it: these reach the block after.
  const withHeredocAfter = 'resource "a" "one" {\n  x = 1\n}\n\nresource "a" "two" {\n  y = 2\n}\n\nresource "a" "three" {\n  s = <<EOT\nhi\nEOT\n}\n';
  for (const [what, text, find, typed] of [
    ['a heredoc opened in a middle block finds its marker in a later one', withHeredocAfter, '  y = 2', '  z = <<EOT\n'],
    ['a block opened in a middle block takes the blocks after it', withHeredocAfter, '  y = 2', '  inner {\n'],
    ['a comment opened in a middle block swallows the blocks after it', withHeredocAfter, '  y = 2', '  /* note\n'],
  ] as const) {
    it(`re-reads the whole file when ${what}`, () => {
      let current = text;
      const doc = new HclDocument('/v/main.tf', current);
      const at = current.indexOf(find);
      for (let i = 0; i < typed.length; i++) {
        doc.edit([{ start: at + i, oldEnd: at + i, newText: typed[i] }]);
        current = current.slice(0, at + i) + typed[i] + current.slice(at + i);
        same(doc, current);
      }
    });
  }

  it('follows a typing session through broken and repaired states', () => {
    let text = three;
    const doc = new HclDocument('/v/main.tf', text);
    const at = text.indexOf('\n}', text.indexOf('"b"'));
    const typed = '\n  acl = "public-read"\n  tags = { a = [1, (2)] }';
    for (let i = 0; i < typed.length; i++) {
      doc.edit([{ start: at + i, oldEnd: at + i, newText: typed[i] }]);
      text = text.slice(0, at + i) + typed[i] + text.slice(at + i);
      same(doc, text);
    }
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

/** A small deterministic generator: `next(n)` is a number in [0, n), the same sequence for a seed. */
function numbers(seed: number): (n: number) => number {
  return (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
}
