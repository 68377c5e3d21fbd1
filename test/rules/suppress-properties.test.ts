import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { ALL_RULES } from '../../rules/index';
import type { Finding } from '../../server/src/engine/finding';
import { analysedModules, scanSources } from '../../server/src/engine/scan';
import { collectPolicies } from '../../server/src/iam';
import { LineIndex } from '../../server/src/hcl/span';
import { suppressFileEdit, suppressLineEdit, type RangeEdit } from '../../server/src/lsp/edits';
import { collectFiles, parseSources, readSources, type SourceFile } from '../../server/src/module/workspace';
import { needsShared, ROOT, sharedPath } from '../helpers';

/**
 * Every "suppress" action the editor offers, applied alone to every finding of the rule
 * fixtures and the corpus: HashiCorp's parser accepts the file, every policy still reads
 * without a JSON error, and a re-scan no longer reports the finding (a suppression written
 * inside a heredoc would break the policy and only look as if it worked).
 */
function modulesUnder(root: string): SourceFile[][] {
  const { files } = collectFiles([root]);
  const byDir = new Map<string, string[]>();
  for (const f of files) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  return [...byDir.values()].map((list) => readSources(list).sources);
}

function apply(text: string, edit: RangeEdit): string {
  const idx = new LineIndex(text);
  return text.slice(0, idx.offset(edit.range.start)) + edit.newText + text.slice(idx.offset(edit.range.end));
}

const place = (f: Finding) => `${f.ruleId}|${f.file}|${f.message}`;

/** Statements and JSON errors of every policy: a comment written into policy text changes them. */
function policyShape(sources: readonly SourceFile[], reader: (p: string) => string | undefined): string {
  const modules = analysedModules(parseSources(sources).files, reader);
  return modules
    .flatMap(({ module }) => collectPolicies(module))
    .map((p) => `${p.owner.address}:${p.statements.length}:${p.errors.length}`)
    .join(' ');
}

describe('suppression properties', () => {
  const check = async (modules: SourceFile[][]): Promise<{ checked: number; inHeredoc: number }> => {
    let checked = 0;
    let inHeredoc = 0;
    for (const sources of modules) {
      const before = scanSources(sources, ALL_RULES);
      const texts = new Map(sources.map((s) => [s.path, s.text]));
      const reader = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
      const shapeBefore = before.findings.length ? policyShape(sources, reader) : '';
      for (const finding of before.findings) {
        if (finding.ruleId === 'perimeter-unused-suppression') continue;
        const text = texts.get(finding.file);
        if (text === undefined) continue;
        for (const [kind, edit] of [
          ['line', suppressLineEdit(finding, text)],
          ['file', suppressFileEdit(finding, text)],
        ] as const) {
          if (!edit) continue;
          const after = apply(text, edit);
          await hcl2json(path.basename(finding.file), after);
          if (kind === 'line' && edit.range.start.line !== finding.range.start.line) inHeredoc++;
          const changed = sources.map((s) => (s.path === finding.file ? { path: s.path, text: after } : s));
          const rescan = scanSources(changed, ALL_RULES, { reader });
          assert.equal(policyShape(changed, reader), shapeBefore, `${kind} suppression of ${place(finding)} changed how a policy reads`);
          // Two findings may read alike (two lines of one script): count them.
          const count = (fs_: Finding[]) => fs_.filter((f) => place(f) === place(finding)).length;
          assert.ok(count(rescan.findings) < count(before.findings), `${kind} suppression of ${place(finding)} did not silence it`);
          checked++;
        }
      }
    }
    return { checked, inHeredoc };
  };

  it('every suppression keeps files valid HCL and policies valid JSON, and silences its finding: rule fixtures', async () => {
    const { checked, inHeredoc } = await check(modulesUnder(path.join(ROOT, 'rules')));
    assert.ok(checked > 100, `checked ${checked} suppressions`);
    assert.ok(inHeredoc > 0, 'some findings sit in heredoc text and were suppressed on their block');
  });

  it('the same on the corpus', needsShared('corpus', 'its findings are suppressed'), async () => {
    const { checked } = await check(modulesUnder(sharedPath('corpus')));
    assert.ok(checked > 10, `checked ${checked} suppressions`);
  });
});
