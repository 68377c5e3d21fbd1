import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';

// Run in a child process started with --expose-gc, so that the heap is measured after full
// collections: what is left is what the document's syntax tree really holds.
const SCRIPT = `
const { HclDocument } = require(${JSON.stringify(path.join(ROOT, 'server/src/hcl/parser.ts'))});
const blocks = [];
for (let i = 0; i < 1500; i++) blocks.push('resource "aws_s3_bucket" "bucket_number_' + i + '" {\\n  bucket = "a-bucket-name-' + i + '"\\n  tags   = { Name = "bucket ' + i + '" }\\n}\\n');
let text = blocks.join('\\n');
const doc = new HclDocument('/tmp/main.tf', text);
void doc.file;
gc(); gc();
const before = process.memoryUsage().heapUsed;
// One character typed into each of 40 different blocks, spread over the file.
const EDITS = 40;
for (let k = 0; k < EDITS; k++) {
  const at = text.indexOf('"a-bucket-name-' + (k * 37) + '"') + 1;
  doc.edit([{ start: at, oldEnd: at, newText: 'x' }]);
  text = text.slice(0, at) + 'x' + text.slice(at);
  if (doc.file.syntaxErrors.length) throw new Error('the edit broke the file');
}
gc(); gc();
process.stdout.write(JSON.stringify({ growth: process.memoryUsage().heapUsed - before, textLength: text.length, edits: EDITS }));
`;

describe('an open document in a long editing session', () => {
  it('keeps no old version of the text per block edited', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    const { growth, textLength, edits } = JSON.parse(out) as { growth: number; textLength: number; edits: number };
    // Each block read again used to keep the whole text of its version (the file is ~150 KB,
    // one byte a character): 40 edits grew the heap by 40 texts. What an edited block may
    // hold is its own objects, far less than half a text each.
    assert.ok(textLength > 100_000, `a long file (${textLength} characters)`);
    assert.ok(growth < (edits * textLength) / 4, `the heap grew by ${(growth / 1e6).toFixed(1)} MB for ${edits} edits of a ${(textLength / 1e3).toFixed(0)} KB file`);
  });
});
