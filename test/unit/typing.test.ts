import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanSources } from '../../server/src/engine/scan';
import { HclDocument, parseHcl } from '../../server/src/hcl/parser';
import { LineIndex } from '../../server/src/hcl/span';
import { collectFiles } from '../../server/src/module/workspace';
import { needsShared, sharedPath } from '../helpers';

/**
 * An open document reuses what it can between keystrokes (the top-level items an edit did
 * not touch, their comments and errors). Typing a block character by character into real
 * files, every intermediate state must read exactly as a fresh parse of the same text.
 */
const SNIPPET = '\n# typed\nresource "aws_s3_bucket_acl" "typed" {\n  bucket = aws_s3_bucket.x.id # why\n  acl    = "public-read"\n}\n';

describe('typing into an open document', () => {
  it('every keystroke gives what a fresh parse gives, on corpus files', needsShared('corpus', 'corpus files are typed into'), async () => {
    const { files } = collectFiles([sharedPath('corpus')]);
    // Files with comments inside blocks, so that reused blocks carry comments to shift
    // (small ones: each keystroke is compared with a fresh parse of the whole file).
    const sample = files
      .map((f) => ({ f, text: fs.readFileSync(f, 'utf8') }))
      .filter(({ f, text }) => f.endsWith('.tf') && text.length < 4000 && /\n\s+(#|\/\/)/.test(text))
      .filter((_, i) => i % 25 === 0)
      .map(({ f }) => f);
    assert.ok(sample.length >= 5, `${sample.length} files`);
    for (const file of sample) {
      let text = fs.readFileSync(file, 'utf8');
      // Type at the start (everything after shifts) and at the end.
      for (const at of [0, text.length]) {
        const doc = new HclDocument(file, text);
        let pos = at;
        for (const ch of SNIPPET) {
          const got = doc.edit([{ start: pos, oldEnd: pos, newText: ch }]);
          text = text.slice(0, pos) + ch + text.slice(pos);
          pos++;
          assert.deepStrictEqual(got, parseHcl(file, text), `${file} after typing up to ${JSON.stringify(SNIPPET.slice(0, pos - at))}`);
        }
        // And deleting it again, character by character.
        for (let i = 0; i < SNIPPET.length; i++) {
          pos--;
          const got = doc.edit([{ start: pos, oldEnd: pos + 1, newText: '' }]);
          text = text.slice(0, pos) + text.slice(pos + 1);
          assert.deepStrictEqual(got, parseHcl(file, text), `${file} after deleting back to ${pos - at}`);
        }
      }
    }
  });
});

/**
 * Half-typed text inside a block in the middle of a file: the document may re-read only that
 * block when its errors stay inside it. Snippets that open what can reach past a block (a
 * heredoc, a comment, brackets, a string, a template, a block) are typed, one character at a
 * time, at line starts inside blocks of real files, and every state must read as a fresh parse.
 */
const NASTY = ['  x = [1, (2', '  y = "a ${b', '  z = <<EOT', '  /* c', '  w = {', '  inner {', '  v = 1 +', '  "k" = ', '  u = f(a, [b'];

describe('typing half-finished lines into the middle of a file', () => {
  it('every keystroke gives what a fresh parse gives, on corpus files', needsShared('corpus', 'corpus files are typed into'), () => {
    const { files } = collectFiles([sharedPath('corpus')]);
    const sample = files.filter((f) => f.endsWith('.tf')).filter((_, i) => i % 20 === 3).slice(0, 25);
    let states = 0;
    for (const file of sample) {
      const original = fs.readFileSync(file, 'utf8');
      // A line inside a top-level block, after its header: the second line of the second block.
      const header = [...original.matchAll(/^[a-z_]+ [^\n]*\{\n/gm)][1] ?? [...original.matchAll(/^[a-z_]+ [^\n]*\{\n/gm)][0];
      if (!header || header.index === undefined) continue;
      const at = header.index + header[0].length;
      for (const snippet of NASTY) {
        let text = original;
        const doc = new HclDocument(file, text);
        let pos = at;
        for (const ch of `${snippet}\n`) {
          const got = doc.edit([{ start: pos, oldEnd: pos, newText: ch }]);
          text = text.slice(0, pos) + ch + text.slice(pos);
          pos++;
          states++;
          assert.deepStrictEqual(got, parseHcl(file, text), `${file} after typing ${JSON.stringify(snippet.slice(0, pos - at))}`);
        }
      }
    }
    assert.ok(states > 1000, `${states} states compared`);
  });
});

/**
 * README "In VS Code": a half-typed line does not hide the findings around it. A module
 * of three blocks with findings; text typed into the middle block, one character at a
 * time and in the half-typed shapes people leave behind, must leave the findings of the
 * other two blocks exactly as they were: same rules, same ranges (the last block's moved
 * by what was typed), nothing lost and nothing added there.
 */
const BLOCKS = [
  'resource "aws_s3_bucket_acl" "first" {\n  bucket = "first"\n  acl    = "public-read"\n}\n',
  'resource "aws_iam_policy" "typed_into" {\n  name = "p"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })\n}\n',
  'resource "aws_iam_role_policy" "last" {\n  role = "r"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })\n}\n',
];

describe('typing into one block leaves the findings of the others', () => {
  const file = '/virtual/main.tf';
  const clean = BLOCKS.join('\n');
  const middle = clean.indexOf(BLOCKS[1]);
  const at = middle + BLOCKS[1].indexOf('  policy');
  const outside = (start: number, end: number) => end <= middle || start >= middle + BLOCKS[1].length;

  /** The findings outside the middle block, as rule @ 1-based range, with offsets after `at` moved by `shift`. */
  const findingsOutside = (text: string, shift: number): string[] => {
    const cleanIdx = new LineIndex(clean);
    return scanSources([{ path: file, text }], ALL_RULES)
      .findings.filter((f) => (f.span.start < at ? outside(f.span.start, f.span.end) : outside(f.span.start - shift, f.span.end - shift)))
      .map((f) => {
        const s = cleanIdx.position(f.span.start < at ? f.span.start : f.span.start - shift);
        return `${f.ruleId} @${s.line + 1}:${s.character + 1} ${text.slice(f.span.start, f.span.end)} (${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1})`;
      })
      .sort();
  };

  it('the clean module has findings in the first and last blocks to keep', async () => {
    const found = findingsOutside(clean, 0);
    assert.ok(found.some((f) => f.startsWith('aws-s3-public-acl @3:12 "public-read"')), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('aws-iam-wildcard-action @') && f.includes('"iam:*"')), found.join('\n'));
  });

  const expectedAfter = (typed: string): string[] => {
    // The clean findings, with those after the typing point moved by the typed text (lines and columns).
    const text = clean.slice(0, at) + typed + clean.slice(at);
    const idx = new LineIndex(text);
    const cleanIdx = new LineIndex(clean);
    return scanSources([{ path: file, text: clean }], ALL_RULES)
      .findings.filter((f) => outside(f.span.start, f.span.end))
      .map((f) => {
        const s = cleanIdx.position(f.span.start);
        const shift = f.span.start < at ? 0 : typed.length;
        const [a, b] = [idx.position(f.span.start + shift), idx.position(f.span.end + shift)];
        return `${f.ruleId} @${s.line + 1}:${s.character + 1} ${clean.slice(f.span.start, f.span.end)} (${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1})`;
      })
      .sort();
  };

  for (const [what, typed] of [
    ['an unterminated string', '  acl = "public-rea\n'],
    ['a stray word', '  ac\n'],
    ['an unclosed list', '  grants = [1,\n'],
    ['an unclosed object', '  tags = {\n'],
    ['a missing value', '  description =\n'],
    ['an unclosed call', '  x = jsonencode({ Statement = [\n'],
    ['a template left open', '  y = "${var.\n'],
  ]) {
    it(`with ${what} in the middle block, the first and last blocks keep their findings and ranges`, async () => {
      const text = clean.slice(0, at) + typed + clean.slice(at);
      assert.deepEqual(findingsOutside(text, typed.length), expectedAfter(typed));
    });
  }

  // An unclosed heredoc is closed where its opener's line ends (like an unterminated
  // string): the text typed into it so far is set aside, not the blocks after it.
  for (const [what, typed] of [
    ['an unclosed heredoc', '  user_data = <<-EOT\n    echo hi\n'],
    ['a heredoc just opened', '  user_data = <<EOT\n'],
    ['an unclosed heredoc with a script in it', '  user_data = <<EOT\n#!/bin/bash\nset -e\nyum install -y httpd\ncat > /etc/motd <<EOF\nhello ${var.x}\nEOF\n}\nsystemctl enable --now httpd\n'],
  ]) {
    it(`with ${what} in the middle block, the first and last blocks keep their findings and ranges`, async () => {
      const text = clean.slice(0, at) + typed + clean.slice(at);
      assert.deepEqual(findingsOutside(text, typed.length), expectedAfter(typed));
    });
  }

  it('at every keystroke of a heredoc typed into the middle block', async () => {
    const snippet = '  user_data = <<-EOT\n    echo "${var.x}"\n  EOT\n';
    for (let n = 1; n <= snippet.length; n++) {
      const typed = snippet.slice(0, n);
      const text = clean.slice(0, at) + typed + clean.slice(at);
      assert.deepEqual(findingsOutside(text, typed.length), expectedAfter(typed), `after typing ${JSON.stringify(typed)}`);
    }
  });

  it('at every keystroke of a new attribute typed into the middle block', async () => {
    const snippet = '  tags = { team = "${var.team}", list = [1, 2] }\n';
    for (let n = 1; n <= snippet.length; n++) {
      const typed = snippet.slice(0, n);
      const text = clean.slice(0, at) + typed + clean.slice(at);
      assert.deepEqual(findingsOutside(text, typed.length), expectedAfter(typed), `after typing ${JSON.stringify(typed)}`);
    }
  });
});
