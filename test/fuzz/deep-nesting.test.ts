import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { ALL_RULES } from '../../rules/index';
import { scanSources } from '../../server/src/engine/scan';
import { parseHcl } from '../../server/src/hcl/parser';
import { deepNesting } from './mutations';
import { AFTER, BEFORE, deepBlock, NESTING_KINDS, type NestingKind } from './nesting';
import { runPipeline } from './pipeline';

describe('fuzz: hostile nesting', () => {

  for (const [what, open, close] of [
    ['lists', '[', ']'],
    ['objects', '{ a = ', '}'],
    ['calls', 'f(', ')'],
    ['unclosed lists', '[', ''],
  ] as const) {
    it(`10,000 nested ${what} are read without a crash`, async () => {
      const text = `v = ${open.repeat(10_000)}1${close.repeat(10_000)}\nprovider "aws" {\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n`;
      const outcome = await runPipeline(text, false);
      if (close) assert.equal(outcome.findings, 1, 'the finding after the deep expression is still reported');
    });
  }
  it('survives deep nesting without overflowing the stack', async () => {
    await fc.assert(
      fc.asyncProperty(deepNesting, async (text) => {
        await runPipeline(text, false);
      }),
      { numRuns: 30 },
    );
  });
});

/**
 * One block nested thousands deep between two ordinary blocks (./nesting.ts): no
 * exception or stack overflow, and the deep block costs at most itself: the blocks before
 * and after it give exactly the findings (rule and range) they give without it, among
 * them a hard-coded key in the provider block, and a syntax error, if any, lies inside it.
 * A hang detector bounds the time.
 */
const file = '/fuzz/main.tf';
const key = (f: { ruleId: string; span: { start: number; end: number } }, shift = 0) => `${f.ruleId}@${f.span.start - shift}-${f.span.end - shift}`;
const baseline = () => scanSources([{ path: file, text: BEFORE + AFTER }], ALL_RULES).findings.map((f) => key(f)).sort();

async function costsAtMostItself(kind: NestingKind, depth: number): Promise<void> {
  const block = NESTING_KINDS[kind](depth);
  const text = BEFORE + block + AFTER;
  const [from, to] = [BEFORE.length, BEFORE.length + block.length];
  const started = Date.now();
  await runPipeline(text, false);
  const { findings } = scanSources([{ path: file, text }], ALL_RULES);
  const outside = findings.filter((f) => f.span.end <= from || f.span.start >= to).map((f) => key(f, f.span.start >= to ? block.length : 0)).sort();
  const wanted = baseline();
  assert.ok(wanted.some((k) => k.startsWith('aws-provider-static-credentials@')), 'the provider block has a key to find');
  assert.deepEqual(outside, wanted, `${kind} ${depth} deep: the blocks around it lost or gained findings`);
  if (!kind.startsWith('unclosed')) {
    const stray = parseHcl(file, text).syntaxErrors.filter((e) => e.span.start < from || e.span.end > to);
    assert.deepEqual(stray.map((e) => `${e.span.start}-${e.span.end} ${e.message}`), [], `${kind} ${depth} deep: a syntax error outside the deep block`);
  }
  const took = Date.now() - started;
  assert.ok(took < 10_000, `${kind} ${depth} deep took ${took} ms`);
}

describe('fuzz: one block nested thousands deep costs at most itself', () => {

  for (const kind of Object.keys(NESTING_KINDS) as NestingKind[]) {
    it(`5,000 nested ${kind}`, () => costsAtMostItself(kind, 5000));
  }

  it('any kind, any depth up to 3,000', async () => {
    await fc.assert(
      fc.asyncProperty(
        deepBlock,
        async ({ kind, depth }) => costsAtMostItself(kind, depth),
      ),
      { numRuns: 12, seed: Number(process.env.PERIMETER_FUZZ_SEED ?? 20261129) },
    );
  });
});
