import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { HclDocument, initHcl, parseHcl } from '../../server/src/hcl/parser';
import { collectFiles } from '../../server/src/module/workspace';
import { needsShared, sharedPath } from '../helpers';

/**
 * An open document reuses what it can between keystrokes (converted blocks and their
 * comments, the previous repair's tree). Typing a block character by character into real
 * files, every intermediate state must read exactly as a fresh parse of the same text.
 */
const SNIPPET = '\n# typed\nresource "aws_s3_bucket_acl" "typed" {\n  bucket = aws_s3_bucket.x.id # why\n  acl    = "public-read"\n}\n';

describe('typing into an open document', () => {
  it('every keystroke gives what a fresh parse gives, on corpus files', needsShared('corpus', 'corpus files are typed into'), async () => {
    await initHcl();
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
        try {
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
        } finally {
          doc.dispose();
        }
      }
    }
  });
});
