import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { useSimpleConversion } from '../../server/src/hcl/convert';
import { initHcl, parseHcl } from '../../server/src/hcl/parser';
import { collectFiles } from '../../server/src/module/workspace';
import { ROOT } from '../helpers';

/**
 * Simple expressions are read from their text instead of their subtree (hcl/simple-expr.ts).
 * Over every corpus file and the rules' fixtures, the AST must be exactly the one the full
 * conversion builds.
 */
describe('simple expressions read from text equal their converted subtree', () => {
  it('on the corpus and the rule fixtures', async () => {
    await initHcl();
    const { files } = collectFiles([path.resolve(ROOT, '../shared/corpus'), path.resolve(ROOT, 'rules'), path.resolve(ROOT, 'examples')]);
    assert.ok(files.length > 600);
    let differing = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const fast = parseHcl(file, text);
      useSimpleConversion(false);
      let full;
      try {
        full = parseHcl(file, text);
      } finally {
        useSimpleConversion(true);
      }
      try {
        assert.deepStrictEqual(fast, full);
      } catch (e) {
        differing++;
        if (differing <= 3) console.error(`${file}: ${(e as Error).message.slice(0, 2000)}`);
      }
    }
    assert.equal(differing, 0, `${differing} files convert differently`);
  });

  it('edge cases: dashes in names, keywords, escapes, templates', async () => {
    await initHcl();
    const cases = ['a = count.index-1', 'a = null', 'a = true', 'a = "x\\ny"', 'a = "$${x}"', 'a = "${x}"', 'a = 1.5e3', 'a = 0x10', 'a = -1', 'a = for', 'a = var.x[0]', 'a = "%%{x}"', 'a = ""', 'a = "unterminated'];
    for (const src of cases) {
      const fast = parseHcl('t.tf', src);
      useSimpleConversion(false);
      const full = parseHcl('t.tf', src);
      useSimpleConversion(true);
      assert.deepStrictEqual(fast, full, src);
    }
  });
});
