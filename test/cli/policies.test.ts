import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

interface Loc {
  value: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The source text at a 1-based range (single-line ranges). */
function at(l: Loc): string {
  const line = fs.readFileSync(path.resolve(ROOT, l.file), 'utf8').split(/\r?\n/)[l.range.start.line - 1];
  return line.slice(l.range.start.column - 1, l.range.end.column - 1);
}

describe('perimeter policies', () => {
  const r = spawnSync(
    process.execPath,
    [CLI, 'policies', '--format', 'json', path.join(CORPUS, 'terraform-aws-modules+terraform-aws-iam'), path.join(CORPUS, 'terraform-aws-modules+terraform-aws-s3-bucket')],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const out = r.status === 0 ? JSON.parse(r.stdout) : undefined;

  it('reads the iam and s3-bucket modules of the corpus without errors', () => {
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(out.errors, []);
    assert.ok(out.policies.length >= 40, `found ${out.policies.length} policies`);
  });

  for (const form of ['jsonencode', 'heredoc', 'policy-document']) {
    it(`finds ${form} policies, with ranges on the exact action strings`, () => {
      const policies = out.policies.filter((p: { form: string }) => p.form === form);
      assert.ok(policies.length > 0, `no ${form} policy`);
      let checked = 0;
      for (const p of policies) {
        for (const s of p.statements) {
          for (const a of s.actions as (Loc & { known: boolean })[]) {
            if (!a.known || a.range.start.line !== a.range.end.line) continue;
            const text = at(a);
            // A templated action ("${statement.value}:List*") points at its template.
            if (text.includes('${')) assert.match(text, /^".*"$/, `${p.owner}: ${a.file}:${a.range.start.line}`);
            else assert.equal(text, JSON.stringify(a.value), `${p.owner}: ${a.file}:${a.range.start.line}`);
            checked++;
          }
        }
      }
      assert.ok(checked > 0, `checked ${checked} action ranges`);
    });
  }
});
