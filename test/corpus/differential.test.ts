import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import type { Body } from '../../server/src/hcl/ast';
import { evaluate } from '../../server/src/eval/evaluate';
import { toPlain, unknown } from '../../server/src/eval/value';
import { parseHcl } from '../../server/src/hcl/parser';
import { LineIndex } from '../../server/src/hcl/span';
import { collectFiles } from '../../server/src/module/workspace';
import { needsShared, sharedPath } from '../helpers';
import { blockJson, hasTemplate, type Json } from '../support/hcl2json';

/**
 * Differential test against HashiCorp's parser (@cdktf/hcl2json, hclsyntax compiled to
 * WASM): for every attribute of every file of ../shared/corpus and ../shared/field whose
 * value Perimeter knows completely without module context, the value must equal hcl2json's.
 * hcl2json renders what it does not evaluate as "${...}" text; those attributes are not
 * comparable and are skipped.
 */
for (const [set, minFiles, minCompared] of [
  ['corpus', 600, 5000],
  ['field', 1500, 5000],
] as const) {
  describe(`differential: Perimeter values equal HashiCorp parser values on ../shared/${set}`, needsShared(set, `the differential test reads ../shared/${set}`), () => {
    it(`every ${set} file parses and every attribute evaluates without an exception; known values match`, (t) => compareWithHashiCorp(sharedPath(set), minFiles, minCompared, t));
  });
}

async function compareWithHashiCorp(root: string, minFiles: number, minCompared: number, t: { diagnostic(message: string): void }): Promise<void> {
  const { files } = collectFiles([root]);
  assert.ok(files.length >= minFiles, `${root} has ${files.length} files`);
  let compared = 0;
  let heredocs = 0;
  let skipped = 0;
  const mismatches: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseHcl(file, text);
    const env = { file, resolve: (_r: string, _s: unknown, o: { file: string; span: { start: number; end: number } }) => unknown('no module context', o) };
    let json: Record<string, Json>;
    try {
      json = (await hcl2json(path.basename(file), text)) as Record<string, Json>;
    } catch {
      // Files HashiCorp's parser rejects are still evaluated (below), just not compared.
      json = {};
    }
    const idx = new LineIndex(text);
    const walk = (body: Body, node: Json): void => {
      for (const a of body.attributes) {
        const v = evaluate(a.expr, env);
        const mine = toPlain(v);
        const theirs = node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, Json>)[a.name] : undefined;
        if (mine === undefined || theirs === undefined || hasTemplate(theirs)) {
          skipped++;
          continue;
        }
        compared++;
        if (a.expr.type === 'template' && a.expr.heredoc) heredocs++;
        try {
          assert.deepEqual(mine, theirs);
        } catch {
          const line = idx.position(a.span.start).line + 1;
          mismatches.push(`${path.relative(root, file)}:${line} ${a.name}: perimeter ${JSON.stringify(mine)} vs hcl2json ${JSON.stringify(theirs)}`);
        }
      }
      const seen = new Map<string, number>();
      for (const b of body.blocks) {
        const key = [b.type, ...b.labels.map((l) => l.value)].join('\0');
        const i = seen.get(key) ?? 0;
        seen.set(key, i + 1);
        walk(b.body, blockJson(node, b, i));
      }
    };
    walk(parsed.body, json);
  }
  t.diagnostic(`compared ${compared} values (${heredocs} heredocs; skipped ${skipped} not comparable) in ${files.length} files`);
  console.log(`differential: compared ${compared} values (${heredocs} heredocs), skipped ${skipped}, mismatches ${mismatches.length}`);
  assert.deepEqual(mismatches, []);
  assert.ok(compared > minCompared && heredocs > 0, `compared ${compared} values, ${heredocs} heredocs`);
}
