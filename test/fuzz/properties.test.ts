import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { mutation } from './mutations';
import { runPipeline, seedFiles } from './pipeline';

/**
 * Property tests in `npm test` (a few hundred cases; `npm run fuzz` runs many more):
 * no exception escapes the pipeline, every range lies inside its document, and a fix
 * applied to a file HashiCorp's parser accepts keeps it accepted.
 */
const RUNS = Number(process.env.PERIMETER_FUZZ_RUNS ?? 150);

describe('fuzz: parse → evaluate → rules → fixes', () => {
  const seeds = seedFiles(20);

  it('seed files are available', () => {
    assert.ok(seeds.length > 5, `found ${seeds.length} seed files`);
  });

  it('survives mutated real files', async (t) => {
    let cases = 0;
    let fixes = 0;
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: seeds.length - 1 }).chain((i) => mutation(seeds[i].text)),
        async (text) => {
          cases++;
          const started = Date.now();
          fixes += (await runPipeline(text, true)).fixesChecked;
          slowest = Math.max(slowest, Date.now() - started);
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.PERIMETER_FUZZ_SEED ?? 20261124) },
    );
    t.diagnostic(`${cases} mutated files, ${fixes} fixes re-parsed, slowest ${slowest} ms`);
    assert.equal(cases, RUNS);
    // A hang detector, not a benchmark: inputs here are under 1 MB, so 10 s means a loop.
    assert.ok(slowest < 10_000, `one input took ${slowest} ms`);
  });

  it('survives arbitrary text, NUL bytes and lone surrogates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        await runPipeline(text, false);
      }),
      { numRuns: RUNS },
    );
  });

});
