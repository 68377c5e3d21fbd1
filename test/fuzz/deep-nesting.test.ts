import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as fc from 'fast-check';
import { ALL_RULES } from '../../rules/index';
import { scanSources } from '../../server/src/engine/scan';
import { initHcl, parseHcl } from '../../server/src/hcl/parser';
import { deepNesting } from './mutations';
import { AFTER, BEFORE, deepBlock, NESTING_KINDS, type NestingKind } from './nesting';
import { runPipeline } from './pipeline';

describe('fuzz: hostile nesting', () => {
  before(() => initHcl());

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
  if (!kind.startsWith('unclosed') && depth <= (ERRORS_INSIDE_UP_TO[kind] ?? Infinity)) {
    const stray = parseHcl(file, text).syntaxErrors.filter((e) => e.span.start < from || e.span.end > to);
    assert.deepEqual(stray.map((e) => `${e.span.start}-${e.span.end} ${e.message}`), [], `${kind} ${depth} deep: a syntax error outside the deep block`);
  }
  const took = Date.now() - started;
  assert.ok(took < 10_000, `${kind} ${depth} deep took ${took} ms`);
}

/** Known limits, each a todo below: past these depths the property does not hold yet. */
const LIMIT: Partial<Record<NestingKind, number>> = {
  // From about 55 heredocs nested in heredocs' interpolations the HCL grammar's scanner
  // gives up and the whole file is one syntax error (HashiCorp's parser reads 100 fine).
  'heredocs in heredocs': 50,
  // Error recovery re-parses the unclosed chunk up to 40 times, and each parse of
  // thousands of unclosed blocks is slow: 2,000 take 6.5 s, 5,000 take 63 s.
  'unclosed blocks': 1000,
};

/**
 * Past these depths the findings around the block stay, but the syntax error the parse
 * records spans the whole file (from offset 0) instead of the deep block: from 64 quoted
 * templates nested in interpolations the HCL grammar's scanner gives up (HashiCorp's
 * parser reads 200), and recovery keeps every block.
 */
const ERRORS_INSIDE_UP_TO: Partial<Record<NestingKind, number>> = { interpolations: 63 };

describe('fuzz: one block nested thousands deep costs at most itself', () => {
  before(() => initHcl());

  for (const kind of Object.keys(NESTING_KINDS) as NestingKind[]) {
    const depth = LIMIT[kind] ?? 5000;
    it(`${depth.toLocaleString('en')} nested ${kind}`, () => costsAtMostItself(kind, depth));
  }
  it.todo('60 and more heredocs nested in heredocs: today the whole file is lost (one syntax error from offset 0)');
  it.todo('64 and more quoted templates nested in interpolations: today the syntax error spans the whole file, not the deep block');
  it('63 nested interpolations: the syntax error check holds up to there', () => costsAtMostItself('interpolations', 63));
  it.todo('5,000 unclosed nested blocks: today 63 s (error recovery re-parses the chunk)');

  it('any kind, any depth up to 3,000 (within the known limits)', async () => {
    await fc.assert(
      fc.asyncProperty(
        deepBlock.filter(({ kind, depth }) => depth <= (LIMIT[kind] ?? Infinity)),
        async ({ kind, depth }) => costsAtMostItself(kind, depth),
      ),
      { numRuns: 12, seed: Number(process.env.PERIMETER_FUZZ_SEED ?? 20261129) },
    );
  });
});
