import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { ALL_RULES } from '../../rules/index';
import { scanSources } from '../../server/src/engine/scan';
import { planFixes } from '../../server/src/fix/run';
import { parseHcl } from '../../server/src/hcl/parser';
import type { Body } from '../../server/src/hcl/ast';
import { ROOT, sharedPath } from '../helpers';

/** Sample inputs for mutation: rule fixtures, examples and a slice of the corpus. */
export function seedFiles(limitCorpus = 60): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string, limit: number): void => {
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir).sort()) {
      if (out.length >= limit) return;
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p, limit);
      else if (/\.(tf|tfvars)$/.test(name)) out.push({ name: p, text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(ROOT, 'rules'), 10_000);
  walk(path.join(ROOT, 'examples'), 10_000);
  walk(sharedPath('corpus'), out.length + limitCorpus);
  return out;
}

function assertSpansInside(body: Body, length: number, where: string): void {
  const check = (s: { start: number; end: number }, what: string): void => {
    if (!(0 <= s.start && s.start <= s.end && s.end <= length)) throw new Error(`${where}: ${what} span ${s.start}-${s.end} outside 0-${length}`);
  };
  check(body.span, 'body');
  for (const a of body.attributes) {
    check(a.span, `attribute ${a.name}`);
    check(a.expr.span, `value of ${a.name}`);
  }
  for (const b of body.blocks) {
    check(b.span, `block ${b.type}`);
    assertSpansInside(b.body, length, where);
  }
}

export interface PipelineOutcome {
  findings: number;
  fixesChecked: number;
}

/**
 * Runs one text through everything the product does with it: parse, module analysis with
 * every rule, fixes. Throws (with a description) when a property is broken.
 */
export async function runPipeline(text: string, checkFixes: boolean): Promise<PipelineOutcome> {
  const file = '/fuzz/main.tf';
  const parsed = parseHcl(file, text);
  assertSpansInside(parsed.body, text.length, 'parse');
  for (const c of parsed.comments) if (c.span.end > text.length) throw new Error('comment span outside the text');
  const result = scanSources([{ path: file, text }], ALL_RULES);
  const crashed = result.errors.filter((e) => /failed/.test(e.message));
  if (crashed.length) throw new Error(`rule crashed: ${crashed.map((e) => e.message).join('; ')}`);
  for (const f of result.findings) {
    if (f.file === file && !(0 <= f.span.start && f.span.start <= f.span.end && f.span.end <= text.length)) {
      throw new Error(`finding ${f.ruleId} range ${f.span.start}-${f.span.end} outside the document (${text.length})`);
    }
  }
  let fixesChecked = 0;
  if (checkFixes && result.findings.some((f) => f.fix)) {
    let valid = true;
    try {
      await hcl2json('main.tf', text);
    } catch {
      valid = false;
    }
    if (valid) {
      for (const f of result.findings.filter((x) => x.fix && x.fix.edits.every((e) => e.file === file))) {
        const plan = planFixes([f], () => text);
        const after = plan.files.get(file)?.after;
        if (after === undefined) continue;
        try {
          await hcl2json('main.tf', after);
        } catch (e) {
          throw new Error(`fix "${f.fix!.title}" for ${f.ruleId} made a valid file invalid: ${(e as Error).message}`);
        }
        fixesChecked++;
      }
    }
  }
  return { findings: result.findings.length, fixesChecked };
}
