import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as fc from 'fast-check';
import { initHcl } from '../../server/src/hcl/parser';
import { deepNesting } from './mutations';
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
