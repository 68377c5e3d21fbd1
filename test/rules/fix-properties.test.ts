import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { ALL_RULES } from '../../rules/index';
import type { Finding } from '../../server/src/engine/finding';
import { scanSources } from '../../server/src/engine/scan';
import { planFixes } from '../../server/src/fix/run';
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

/** Where a fix changed a file: `[start, end)` before, `[start, newEnd)` after; outside it nothing moved but by `delta`. */
export interface Changed {
  readonly start: number;
  readonly end: number;
  readonly newEnd: number;
}

/**
 * A finding's place: its rule, file and span, in the fixed file's offsets. A finding that
 * overlaps the changed text has no exact place there: it is keyed `touched` (by rule and
 * file), and those are compared by count. Messages are not part of it: a fix may change
 * another finding's message (a public ACL lowered once a public access block exists)
 * without that being another finding.
 */
export function placeOf(f: Pick<Finding, 'ruleId' | 'file' | 'span'>, changed: ReadonlyMap<string, Changed>, side: 'before' | 'after'): string {
  const c = changed.get(f.file);
  const at = (s: number, e: number) => `${f.ruleId}|${f.file}|${s}-${e}`;
  if (!c) return at(f.span.start, f.span.end);
  const end = side === 'before' ? c.end : c.newEnd;
  if (f.span.end <= c.start) return at(f.span.start, f.span.end);
  if (f.span.start >= end) {
    const shift = side === 'before' ? c.newEnd - c.end : 0;
    return at(f.span.start + shift, f.span.end + shift);
  }
  return `${f.ruleId}|${f.file}|touched`;
}

/**
 * Fixes known to bring a new finding, each with why: the test accepts exactly these (the
 * fix's title and the rule of the finding it brings) and fails when one no longer occurs.
 */
const KNOWN_ADDED: { fix: string; rule: string; why: string }[] = [
  {
    fix: 'Set attach_public_policy = true in module.no_block',
    rule: 'aws-s3-public-access-block-disabled',
    why: 'rules/aws-s3-public-access-block-disabled/test/registry-s3-bucket: turning the public access block on makes the module create it, with the block_public_policy = false its author wrote, which is then reported (a finding where there was none: the fix could set that flag too)',
  },
];

function tally(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

describe('fix properties', () => {
  const seen = new Set<(typeof KNOWN_ADDED)[number]>();
  const check = async (modules: SourceFile[][]): Promise<number> => {
    let checked = 0;
    for (const sources of modules) {
      const before = scanSources(sources, ALL_RULES);
      const texts = new Map(sources.map((s) => [s.path, s.text]));
      for (const finding of before.findings.filter((f) => f.fix)) {
        const plan = planFixes([finding], (file) => texts.get(file) ?? fs.readFileSync(file, 'utf8'));
        const changed = new Map(texts);
        const envelopes = new Map<string, Changed>();
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
          envelopes.set(file, { start, end, newEnd: end + after.length - old.length });
        }
        // file() reads the fixed JSON too, not the copy on disk.
        const reader = (p: string) => changed.get(p) ?? (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
        const after = scanSources([...changed].filter(([p]) => /\.(tf|tfvars)$/.test(p)).map(([p, text]) => ({ path: p, text })), ALL_RULES, { reader });
        const was = tally(before.findings.map((f) => placeOf(f, envelopes, 'before')));
        const now = tally(after.findings.map((f) => placeOf(f, envelopes, 'after')));
        // (2) the finding is gone: nothing of its rule at its place (or, when the fix rewrote
        // its text, fewer of its rule in the rewritten text).
        const own = placeOf(finding, envelopes, 'before');
        assert.ok((now.get(own) ?? 0) < (was.get(own) ?? 0), `fix "${finding.fix!.title}" left its finding (${own}): ${finding.message}`);
        // (4) nothing new appeared: no place has more findings of a rule than before.
        const added = [...now].filter(([k, n]) => n > (was.get(k) ?? 0)).map(([k]) => k);
        const known = KNOWN_ADDED.filter((k) => k.fix === finding.fix!.title);
        known.forEach((k) => seen.add(k));
        assert.deepEqual(added.filter((a) => !known.some((k) => a.startsWith(`${k.rule}|`))), [], `fix "${finding.fix!.title}" added findings`);
        checked++;
      }
    }
    return checked;
  };

  it('every fix keeps files valid, removes its finding, touches only its range and adds nothing: rule fixtures', async (t) => {
    const checked = await check(modulesUnder(path.join(ROOT, 'rules')));
    t.diagnostic(`${checked} fixes checked`);
    assert.ok(checked >= 15, `checked ${checked} fixes`);
    assert.deepEqual(KNOWN_ADDED.filter((k) => !seen.has(k)).map((k) => k.fix), [], 'KNOWN_ADDED lists a fix that no longer adds a finding: remove it');
  });

  it('the same on the corpus', needsShared('corpus', 'its fixes are applied'), async (t) => {
    const checked = await check(modulesUnder(sharedPath('corpus')));
    t.diagnostic(`${checked} fixes checked`);
    assert.ok(checked > 0, `checked ${checked} fixes`);
  });
});

describe('fix properties: where a finding is', () => {
  it('is its rule, file and span moved past the change; one inside the change is only counted; the message is no part of it', () => {
    const changed = new Map([['/m.tf', { start: 10, end: 14, newEnd: 20 }]]);
    const f = (start: number, end: number, file = '/m.tf') => ({ ruleId: 'r', file, span: { start, end } });
    assert.equal(placeOf(f(2, 8), changed, 'before'), 'r|/m.tf|2-8');
    assert.equal(placeOf(f(2, 8), changed, 'after'), 'r|/m.tf|2-8');
    assert.equal(placeOf(f(14, 16), changed, 'before'), 'r|/m.tf|20-22');
    assert.equal(placeOf(f(20, 22), changed, 'after'), 'r|/m.tf|20-22');
    assert.equal(placeOf(f(12, 13), changed, 'before'), 'r|/m.tf|touched');
    assert.equal(placeOf(f(18, 19), changed, 'after'), 'r|/m.tf|touched');
    assert.equal(placeOf(f(16, 18), changed, 'after'), 'r|/m.tf|touched');
    assert.equal(placeOf(f(12, 13, '/other.tf'), changed, 'after'), 'r|/other.tf|12-13');
  });
});
