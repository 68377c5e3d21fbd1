import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { useSimpleConversion } from '../../server/src/hcl/convert';
import { initHcl, parseHcl } from '../../server/src/hcl/parser';
import { collectFiles } from '../../server/src/module/workspace';
import { needsShared, ROOT, sharedPath } from '../helpers';

/**
 * Simple expressions are read from their text instead of their subtree (hcl/simple-expr.ts).
 * Over every corpus file and the rules' fixtures, the AST must be exactly the one the full
 * conversion builds.
 */
describe('simple expressions read from text equal their converted subtree', () => {
  const sameAst = async (roots: string[], atLeast: number): Promise<void> => {
    await initHcl();
    const { files } = collectFiles(roots);
    assert.ok(files.length > atLeast, `${files.length} files`);
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
  };

  it('on the rule fixtures and examples', () => sameAst([path.resolve(ROOT, 'rules'), path.resolve(ROOT, 'examples')], 100));
  it('on the corpus', needsShared('corpus', 'its files are parsed'), () => sameAst([sharedPath('corpus')], 600));

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
