import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPathsParallel } from '../../server/src/engine/parallel';
import { scanPaths } from '../../server/src/engine/scan';
import { ROOT } from '../helpers';

// The bundled worker (npm test builds first); the same file the CLI uses.
const WORKER = path.join(ROOT, 'dist/scan-worker.js');

describe('scan with worker threads', () => {
  for (const dir of ['examples', 'rules', '../shared/corpus/aws-ia+terraform-aws-eks-blueprints', '../shared/corpus']) {
    it(`gives exactly the single-threaded result on ${dir}`, async () => {
      const target = path.resolve(ROOT, dir);
      const single = await scanPaths([target], ALL_RULES);
      const parallel = await scanPathsParallel([target], WORKER, ALL_RULES, { threads: 2 });
      const strip = (r: typeof single) => JSON.stringify({ findings: r.findings, errors: r.errors });
      assert.ok(single.findings.length > 0 || dir.includes('corpus'), 'the target has findings to compare');
      assert.equal(strip(parallel), strip(single));
    });
  }
});
