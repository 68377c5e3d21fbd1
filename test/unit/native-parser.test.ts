import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Attribute, Block, Body, Expr, HclFile, ObjectItem, TemplatePart } from '../../server/src/hcl/ast';
import { parseNative } from '../../server/src/hcl/native/parser';
import { initTreeSitter, parseWithTreeSitter } from '../oracle/tree-sitter';
import { ROOT, needsShared, sharedPath } from '../helpers';

/**
 * The hand-written parser (hcl/native) against today's (tree-sitter + convert.ts): on every
 * file tree-sitter reads without a syntax error, both give the same HclFile, except for
 * two misreadings of tree-sitter's grammar, which `todayReading` reproduces on the native
 * AST so that everything else is still compared exactly:
 *
 * - A parenthesised expression used as an operand or followed by an access (`(a) + b`,
 *   `a * (b)`, `-(a)`, `(a).b`) reads as an operator `)` or as `invalid` today: the
 *   grammar inlines `( expression )` into its parent, and convert.ts takes the first
 *   anonymous child for the operator. HashiCorp's parser (hcl2json) reads all of these files.
 * - Nested conditionals without parentheses (`a ? b : c ? d : e`) associate to the left
 *   today (`prec.left` in the grammar): `(a ? b : c) ? d : e`. HCL's conditional is right
 *   associative (hclsyntax parses the false branch as a whole expression): `a ? b : (c ? d : e)`.
 */


type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A parenthesised expression, possibly under accesses: `(a)`, `(a).b[0]`. */
function parenRooted(e: Expr): boolean {
  let x = e;
  while (x.type === 'getattr' || x.type === 'index' || x.type === 'splat') x = x.object;
  return x.type === 'paren';
}

/** The native AST as tree-sitter reads it today (see above). */
function todayReading(e: Expr, operand = false): Expr {
  switch (e.type) {
    case 'paren':
      return { ...e, expr: todayReading(e.expr) };
    case 'getattr':
    case 'index':
    case 'splat': {
      if (!operand && parenRooted(e)) return { type: 'invalid', span: e.span };
      const object = todayReading(e.object, true);
      return e.type === 'index' ? { ...e, object, key: todayReading(e.key) } : { ...e, object };
    }
    case 'unary':
      if (parenRooted(e.operand)) return { ...e, operand: { type: 'invalid', span: e.span } };
      return { ...e, operand: todayReading(e.operand, true) };
    case 'binary':
      if (parenRooted(e.left)) return { ...e, op: ')', left: { type: 'invalid', span: e.span }, right: { type: 'invalid', span: e.span } };
      if (parenRooted(e.right)) return { ...e, left: todayReading(e.left, true), right: { type: 'invalid', span: e.span } };
      return { ...e, left: todayReading(e.left, true), right: todayReading(e.right, true) };
    case 'conditional': {
      // The right spine a ? b : c ? d : e, folded to the left.
      const spine: { condition: Expr; then: Expr }[] = [];
      let x: Expr = e;
      while (x.type === 'conditional') {
        spine.push({ condition: x.condition, then: x.then });
        x = x.else;
      }
      const last = todayReading(x);
      let acc = todayReading(spine[0].condition);
      for (let i = 0; i < spine.length; i++) {
        const otherwise = i + 1 < spine.length ? todayReading(spine[i + 1].condition) : last;
        acc = { type: 'conditional', condition: acc, then: todayReading(spine[i].then), else: otherwise, span: { start: acc.span.start, end: otherwise.span.end } };
      }
      return acc;
    }
    case 'tuple':
      return { ...e, items: e.items.map((i) => todayReading(i)) };
    case 'object':
      return { ...e, items: e.items.map((i): ObjectItem => ({ ...i, key: todayReading(i.key), value: todayReading(i.value) })) };
    case 'call':
      return { ...e, args: e.args.map((a) => todayReading(a)) };
    case 'for':
      return {
        ...e,
        collection: todayReading(e.collection),
        value: todayReading(e.value),
        key: e.key && todayReading(e.key),
        condition: e.condition && todayReading(e.condition),
      };
    case 'template':
      return { ...e, parts: e.parts.map((p): TemplatePart => (p.kind === 'interpolation' && p.expr ? { ...p, expr: todayReading(p.expr) } : p)) };
    default:
      return e;
  }
}

function bodyReading(b: Body): Body {
  return {
    ...b,
    attributes: b.attributes.map((a): Attribute => ({ ...a, expr: todayReading(a.expr) })),
    blocks: b.blocks.map((k): Block => ({ ...k, body: bodyReading(k.body) })),
  };
}

function fileReading(f: HclFile): HclFile {
  const out: Mutable<HclFile> = { ...f, body: bodyReading(f.body) };
  return out;
}

function listFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') listFiles(p, out);
    } else if (/\.(tf|tfvars)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Compares every file of `files` that tree-sitter reads cleanly; returns the counts. */
function compare(files: readonly string[]): { compared: number; misread: string[]; mismatches: string[] } {
  let compared = 0;
  const misread: string[] = [];
  const mismatches: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const today = parseWithTreeSitter(file, text);
    if (today.syntaxErrors.length) continue;
    compared++;
    const native = parseNative(file, text);
    const reading = fileReading(native);
    if (!isDeepStrictEqual(native, today)) misread.push(path.relative(ROOT, file));
    if (!isDeepStrictEqual(reading, today)) mismatches.push(`${file}: ${firstDifference(reading, today)}`);
  }
  return { compared, misread, mismatches };
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

function firstDifference(a: unknown, b: unknown, at = ''): string {
  if (a === b) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${at}: native ${JSON.stringify(a)?.slice(0, 120)} vs today ${JSON.stringify(b)?.slice(0, 120)}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (at === '' && k === 'text') continue;
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
    if (d) return d;
  }
  return '';
}

const SETS: { name: string; dirs: () => string[]; options?: { skip?: string } }[] = [
  { name: '../shared/corpus', dirs: () => [sharedPath('corpus')], options: needsShared('corpus', 'the native parser is compared on the corpus') },
  { name: '../shared/field', dirs: () => [sharedPath('field')], options: needsShared('field', 'the native parser is compared on the field repos') },
  { name: 'examples/', dirs: () => [path.join(ROOT, 'examples')] },
  {
    name: 'rules/*/test',
    dirs: () => fs.readdirSync(path.join(ROOT, 'rules')).map((r) => path.join(ROOT, 'rules', r, 'test')).filter((d) => fs.existsSync(d)),
  },
  { name: 'test/ fixtures', dirs: () => [path.join(ROOT, 'test')] },
];

describe('native parser: the same AST as today on every file tree-sitter reads cleanly', () => {
  for (const set of SETS) {
    it(`${set.name}`, set.options ?? {}, async (t) => {
      await initTreeSitter();
      const files = set.dirs().flatMap((d) => listFiles(d));
      assert.ok(files.length > 0, `${set.name} has .tf files`);
      const { compared, misread, mismatches } = compare(files);
      t.diagnostic(`${set.name}: ${compared} of ${files.length} files compared, ${mismatches.length} mismatches; ${misread.length} files with a tree-sitter misreading (${misread.join(', ')})`);
      assert.deepEqual(mismatches, []);
      assert.ok(compared > 0);
    });
  }
});

/** Strips spans for readable expectations. */
function shape(e: Expr | null): unknown {
  return JSON.parse(JSON.stringify(e, (k, v) => (k === 'span' || k === 'nameSpan' || k === 'contentSpan' || k === 'offsets' ? undefined : v)));
}

function value(text: string): Expr {
  const f = parseNative('/virtual/main.tf', text);
  assert.deepEqual(f.syntaxErrors, [], text);
  return f.body.attributes[0].expr;
}

describe('native parser: valid snippets of every construct read as today', () => {
  const VALID: string[] = [
    // bodies, blocks, labels, comments
    'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n',
    'locals {\n}\n',
    'b {}\n',
    'a = 1\nb {\n  c {\n    d = 2\n  }\n}\n',
    'provider aws {\n  region = "eu-west-1"\n}\n',
    '# hash\n// slashes\n/* block\n comment */\na = 1 # tail\nb = 2 // tail\n',
    'b "x" { a = 1 }\n',
    'b "es\\"c" {\n}\n',
    '',
    '\n\n# only a comment\n',
    'a = 1\r\nb = "x"\r\n# crlf\r\n',
    // literals
    'a = 1\nb = 1.5\nc = 1.5e3\nd = true\ne = false\nf = null\n',
    'a = "plain"\nb = ""\nc = "esc \\n \\t \\" \\\\ \\u00e9 \\U0001F600"\nd = "$${literal} %%{literal}"\n',
    // templates
    'a = "x${b}y"\nb = "${a.b[0]} and ${ c }"\nc = "${~ d ~}"\n',
    'a = "${"${"${x}"}"}"\n',
    'a = "%{ if x }yes%{ else }no%{ endif }!"\n',
    'a = "%{ for k, v in m }${k}=${v},%{ endfor }"\n',
    'a = "%{~ if x ~}%{ for y in z }${y}%{ endfor }%{ endif ~}"\n',
    // heredocs
    'a = <<EOT\nline ${x}\n  two\nEOT\n',
    'a = <<-EOT\n    one\n      two ${x}\n    EOT\n',
    'a = <<EOF\n{\n  "Statement": [%{ for s in list }"${s}",%{ endfor }]\n}\nEOF\nb = 2\n',
    'a = <<-EOT\nEOT\n',
    'a = [<<EOT\nx\nEOT\n, "y"]\n',
    // collections
    'a = []\nb = [1, 2,]\nc = [\n  1,\n  2\n]\n',
    'a = {}\nb = { x = 1, y = 2 }\nc = {\n  x = 1\n  "y" = 2\n  z : 3\n  (k) = 4\n}\n',
    'a = { for k, v in m : k => v }\nb = [for x in xs : upper(x) if x != ""]\nc = { for x in xs : x.k => x... }\nd = {\n  for k, v in m :\n  k => v\n  if v != null\n}\n',
    // calls
    'a = f()\nb = f(1, 2,)\nc = f(xs...)\nd = provider::aws::arn_parse(x)\ne = jsonencode({\n  a = [1]\n})\n',
    // accesses and splats
    'a = x.y.z\nb = x[0]\nc = x.0.y\nd = x.*.id\ne = x[*].id[0]\nf = x[*]\ng = data.a.b["k"].c\nh = f(x)[0].y\n',
    // operators
    'a = 1 + 2 * 3 - 4 / 5 % 6\nb = !x && y || z\nc = a == b != c\nd = a < b\ne = a <= b\nf = a >= b\ng = a > b\nh = -x\ni = - -x\nj = -1\n',
    'a = x ? 1 : 2\nb = x ? y ? 1 : 2 : 3\nc = a || b ? c : d\n',
    'a = (1)\nb = (x ? y : z)\nc = ((x))\n',
    // identifiers
    'a = my-var.some-attr\nb_2 = x\n',
  ];
  for (const text of VALID) {
    it(JSON.stringify(text.slice(0, 60)), async () => {
      await initTreeSitter();
      const today = parseWithTreeSitter('/virtual/main.tf', text);
      assert.deepEqual(today.syntaxErrors, [], 'tree-sitter reads it');
      const native = parseNative('/virtual/main.tf', text);
      assert.deepEqual(native.syntaxErrors, []);
      assert.deepStrictEqual(native, today);
    });
  }

  it('parentheses in operands and accesses read as HCL does (tree-sitter misreads them)', () => {
    assert.deepEqual(shape(value('a = (x) + 1\n')), { type: 'binary', op: '+', left: { type: 'paren', expr: { type: 'variable', name: 'x' } }, right: { type: 'number', value: 1, raw: '1' } });
    assert.deepEqual(shape(value('a = (x).y\n')), { type: 'getattr', object: { type: 'paren', expr: { type: 'variable', name: 'x' } }, name: 'y' });
    assert.deepEqual(shape(value('a = -(x)\n')), { type: 'unary', op: '-', operand: { type: 'paren', expr: { type: 'variable', name: 'x' } } });
  });

  it('nested conditionals associate to the right, as in HCL', () => {
    const e = value('a = x ? 1 : y ? 2 : 3\n');
    assert.deepEqual(shape(e), {
      type: 'conditional',
      condition: { type: 'variable', name: 'x' },
      then: { type: 'number', value: 1, raw: '1' },
      else: { type: 'conditional', condition: { type: 'variable', name: 'y' }, then: { type: 'number', value: 2, raw: '2' }, else: { type: 'number', value: 3, raw: '3' } },
    });
    // todayReading is what tree-sitter gives for the same text.
    return initTreeSitter().then(() => assert.deepEqual(todayReading(e), parseWithTreeSitter('/virtual/main.tf', 'a = x ? 1 : y ? 2 : 3\n').body.attributes[0].expr));
  });

  it('operator precedence and associativity', () => {
    assert.deepEqual(shape(value('a = 1 - 2 - 3\n')), { type: 'binary', op: '-', left: { type: 'binary', op: '-', left: { type: 'number', value: 1, raw: '1' }, right: { type: 'number', value: 2, raw: '2' } }, right: { type: 'number', value: 3, raw: '3' } });
    const e = value('a = !x || y && z == 1 + 2 * 3\n') as Extract<Expr, { type: 'binary' }>;
    assert.equal(e.op, '||');
    assert.equal(e.left.type, 'unary');
    assert.equal(e.right.type === 'binary' && e.right.op, '&&');
  });
});

describe('native parser: broken input costs the broken part only', () => {
  const around = (middle: string) => `resource "aws_s3_bucket" "a" {\n  bucket = "x"\n${middle}\n  tags = { k = "v" }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "y"\n}\n`;
  const CASES: [string, string, RegExp][] = [
    ['an unterminated string', '  acl = "public-rea', /unterminated string/],
    ['a missing value', '  acl =', /has no value/],
    ['a stray word', '  ac', /neither an attribute .* nor a block/],
    ['an unclosed list', '  grants = [1,', /expected ',' or '\]'|'\]' of the list/],
    ['an unclosed call', '  x = jsonencode({ Statement = [', /of the list|of the call/],
    ['an unclosed parenthesis', '  x = (1 +', /\)/],
    ['a template left open', '  y = "${var.', /attribute name|unterminated/],
    ['an interpolation left open', '  y = "${var.x', /interpolation|unterminated/],
    ['a directive left open', '  y = "%{ if x }', /directive|unterminated/],
    ['an unclosed heredoc', '  policy = <<-EOT\n    {"Statement": [', /heredoc <<-EOT is not closed/],
    ['a half-typed nested block header', '  versioning "x"', /does not reach its '\{'/],
    ['a stray character', '  @', /unexpected '@'/],
    ['an unexpected token after a value', '  acl = "private" extra', /after the value of 'acl'/],
  ];
  for (const [what, middle, message] of CASES) {
    it(`${what}: both blocks and the attributes around it survive; the error is on the broken text`, () => {
      const text = around(middle);
      const f = parseNative('/virtual/main.tf', text);
      assert.ok(f.syntaxErrors.length >= 1, 'an error is recorded');
      assert.ok(f.syntaxErrors.some((e) => message.test(e.message)), f.syntaxErrors.map((e) => e.message).join('; '));
      const from = text.indexOf(middle);
      const to = from + middle.length;
      for (const e of f.syntaxErrors) assert.ok(e.span.start >= from && e.span.end <= to + 1, `error ${JSON.stringify(text.slice(e.span.start, e.span.end))} (${e.message}) is on the broken text`);
      const [a, b] = f.body.blocks;
      assert.deepEqual(f.body.blocks.map((x) => x.labels[1]?.value), ['a', 'b']);
      assert.deepEqual(a.body.attributes.map((x) => x.name), ['bucket', 'tags']);
      assert.deepEqual(b.body.attributes.map((x) => x.name), ['bucket']);
    });
  }

  it('an unclosed block costs that block: the next column-0 block header reads on', () => {
    const text = 'resource "a" "one" {\n  x = 1\n  tags = {\n}\n\nresource "a" "two" {\n  y = 2\n}\n';
    const f = parseNative('/virtual/main.tf', text);
    assert.deepEqual(f.body.blocks.map((b) => b.labels[1].value), ['one', 'two']);
    assert.deepEqual(f.body.blocks[1].body.attributes.map((a) => a.name), ['y']);
    assert.ok(f.syntaxErrors.some((e) => /not closed/.test(e.message) && text.slice(e.span.start, e.span.end) === 'resource "a" "one" {'));
  });

  it('an unclosed nested block costs at most its block', () => {
    const text = 'resource "a" "one" {\n  x = 1\n  rule {\n    y = 2\n\nresource "a" "two" {\n  y = 2\n}\n';
    const f = parseNative('/virtual/main.tf', text);
    assert.deepEqual(f.body.blocks.map((b) => b.labels[1].value), ['one', 'two']);
    assert.deepEqual(f.body.blocks[0].body.attributes.map((a) => a.name), ['x']);
    assert.deepEqual(f.body.blocks[0].body.blocks[0].body.attributes.map((a) => a.name), ['y']);
  });

  it('a broken item of an object written over several lines costs its line, not the object', () => {
    const text = 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 6\n      extra   = 1\n    }\n  }\n}\n';
    const f = parseNative('/virtual/main.tf', text);
    const aws = f.body.blocks[0].body.blocks[0].body.attributes[0];
    assert.equal(aws.name, 'aws');
    assert.ok(aws.expr.type === 'object');
    assert.deepEqual(aws.expr.type === 'object' && aws.expr.items.map((i) => text.slice(i.key.span.start, i.key.span.end)), ['source', 'extra']);
    assert.equal(f.syntaxErrors.length, 1);
    // On one line, the broken object costs the attribute.
    const one = parseNative('/virtual/main.tf', 'a = { x = "1, y = 2 }\nb = 1\n');
    assert.deepEqual(one.body.attributes.map((x) => x.name), ['b']);
  });

  it('a stray closing brace at the top level costs its line', () => {
    const f = parseNative('/virtual/main.tf', 'a = 1\n}\nb = 2\n');
    assert.deepEqual(f.body.attributes.map((a) => a.name), ['a', 'b']);
    assert.equal(f.syntaxErrors.length, 1);
  });

  it('a half-typed top-level block header costs its line', () => {
    const f = parseNative('/virtual/main.tf', 'resource "aws_s3_bucket"\nresource "a" "b" {\n  x = 1\n}\n');
    assert.deepEqual(f.body.blocks.map((b) => b.labels.map((l) => l.value).join('.')), ['a.b']);
    assert.equal(f.syntaxErrors.length, 1);
  });

  it('never throws and stays linear on hostile input', () => {
    const hostile = [
      'A',
      'a = {\n  @\n  ]\n  b = 1\n}\n',
      'a = {\n' + '  =\n'.repeat(2000),
      'resource "a"',
      'a =',
      'a = "',
      'a = <<',
      'a = x.',
      '\u3400',
      '\ud800 = \udc00',
      'a = "${',
      'a = "%{ if x }',
      '\0\0{',
      'a = ' + '['.repeat(20000),
      'a = ' + '('.repeat(20000) + 'x' + ')'.repeat(20000),
      'a = ' + '-'.repeat(20000) + 'x',
      'a = ' + '"${'.repeat(5000),
      'a = ' + 'x ? 1 : '.repeat(5000) + '2',
      'b {\n'.repeat(5000) + '}\n'.repeat(5000),
      '"'.repeat(10000),
      '<<EOT\n'.repeat(3000),
      'a = {' + 'k = {'.repeat(10000),
      'x = "%{ if a }'.repeat(3000),
    ];
    for (const text of hostile) {
      const t0 = Date.now();
      const f = parseNative('/virtual/main.tf', text);
      assert.ok(Date.now() - t0 < 2000, `${JSON.stringify(text.slice(0, 20))} took ${Date.now() - t0} ms`);
      assert.equal(f.text, text);
    }
  });

  it('expressions nested past 200 read as invalid; blocks past 64 read as empty with the error', () => {
    const deep = parseNative('/virtual/main.tf', 'a = ' + '['.repeat(300) + ']'.repeat(300) + '\nb = 1\n');
    assert.deepEqual(deep.body.attributes.map((a) => a.name), ['a', 'b']);
    let e: Expr = deep.body.attributes[0].expr;
    let depth = 0;
    while (e.type === 'tuple' && e.items[0]) {
      e = e.items[0];
      depth++;
    }
    assert.equal(e.type, 'invalid');
    assert.ok(depth > 150 && depth < 300, `${depth}`);
    const blocks = parseNative('/virtual/main.tf', 'b {\n'.repeat(70) + '}\n'.repeat(70) + 'after = 1\n');
    assert.deepEqual(blocks.body.attributes.map((a) => a.name), ['after']);
    assert.deepEqual(blocks.syntaxErrors.map((x) => x.message), ['Blocks nested more than 64 deep are not read']);
  });
});
