import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { ALL_RULES } from '../../rules/index';
import type { Finding } from '../../server/src/engine/finding';
import { scanSources } from '../../server/src/engine/scan';
import { planFixes } from '../../server/src/fix/run';
import { initHcl } from '../../server/src/hcl/parser';
import { collectFiles, readSources, type SourceFile } from '../../server/src/module/workspace';
import { needsShared, ROOT, sharedPath } from '../helpers';

/**
 * Every offered fix, applied alone, over every rule fixture and the corpus: (1) HashiCorp's
 * parser accepts the result, (2) a re-scan no longer reports that finding, (3) nothing
 * outside the edit's range changed, (4) no new finding appears.
 */
function modulesUnder(root: string): SourceFile[][] {
  const { files } = collectFiles([root]);
  const byDir = new Map<string, string[]>();
  for (const f of files) byDir.set(path.dirname(f), [...(byDir.get(path.dirname(f)) ?? []), f]);
  return [...byDir.values()].map((list) => readSources(list).sources);
}

/** The same finding, before and after an edit elsewhere: its rule, file and message. */
const identity = (f: Finding) => `${f.ruleId}|${path.basename(f.file)}|${f.message}`;
/**
 * A finding at the same place: rule, file and the text it points at. A fix may change
 * another finding's message (a public ACL lowered once a public access block exists)
 * without that being a new finding.
 */
const place = (f: Finding, text: (file: string) => string | undefined) => `${f.ruleId}|${path.basename(f.file)}|${text(f.file)?.slice(f.span.start, f.span.end)}`;

describe('fix properties', () => {
  const check = async (modules: SourceFile[][]): Promise<number> => {
    await initHcl();
    let checked = 0;
    for (const sources of modules) {
      const before = scanSources(sources, ALL_RULES);
      const texts = new Map(sources.map((s) => [s.path, s.text]));
      for (const finding of before.findings.filter((f) => f.fix)) {
        const plan = planFixes([finding], (file) => texts.get(file) ?? fs.readFileSync(file, 'utf8'));
        const changed = new Map(texts);
        for (const [file, { before: old, after }] of plan.files) {
          // (3) outside the edits' span, every character is unchanged.
          const edits = finding.fix!.edits.filter((e) => e.file === file);
          const start = Math.min(...edits.map((e) => e.span.start));
          const end = Math.max(...edits.map((e) => e.span.end));
          assert.equal(after.slice(0, start), old.slice(0, start), `${finding.ruleId}: text before the edit changed in ${file}`);
          assert.equal(after.slice(after.length - (old.length - end)), old.slice(end), `${finding.ruleId}: text after the edit changed in ${file}`);
          // (1) HashiCorp's parser accepts the fixed file.
          if (file.endsWith('.tf')) await hcl2json(path.basename(file), after);
          changed.set(file, after);
        }
        // file() reads the fixed JSON too, not the copy on disk.
        const reader = (p: string) => changed.get(p) ?? (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
        const after = scanSources([...changed].filter(([p]) => /\.(tf|tfvars)$/.test(p)).map(([p, text]) => ({ path: p, text })), ALL_RULES, { reader });
        const ids = new Set(after.findings.map(identity));
        // (2) the finding is gone.
        assert.ok(!ids.has(identity(finding)), `fix "${finding.fix!.title}" left its finding: ${finding.message}`);
        // (4) nothing new appeared.
        const old = new Set(before.findings.map((f) => place(f, (file) => texts.get(file))));
        const added = after.findings.filter((f) => !old.has(place(f, (file) => changed.get(file))));
        assert.deepEqual(added.map((f) => `${f.ruleId}: ${f.message}`), [], `fix "${finding.fix!.title}" added findings`);
        checked++;
      }
    }
    return checked;
  };

  it('every fix keeps files valid, removes its finding, touches only its range and adds nothing: rule fixtures', async (t) => {
    const checked = await check(modulesUnder(path.join(ROOT, 'rules')));
    t.diagnostic(`${checked} fixes checked`);
    assert.ok(checked >= 15, `checked ${checked} fixes`);
  });

  it('the same on the corpus', needsShared('corpus', 'its fixes are applied'), async (t) => {
    const checked = await check(modulesUnder(sharedPath('corpus')));
    t.diagnostic(`${checked} fixes checked`);
    assert.ok(checked > 0, `checked ${checked} fixes`);
  });
});
