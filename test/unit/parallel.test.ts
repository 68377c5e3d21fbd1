import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { scanPathsParallel } from '../../server/src/engine/parallel';
import { scanPaths } from '../../server/src/engine/scan';
import { needsShared, ROOT, SHARED, sharedPath } from '../helpers';

// The bundled worker (npm test builds first); the same file the CLI uses.
const WORKER = path.join(ROOT, 'dist/scan-worker.js');

describe('scan with worker threads', () => {
  const dirs = [path.join(ROOT, 'examples'), path.join(ROOT, 'rules'), sharedPath('corpus', 'aws-ia+terraform-aws-eks-blueprints'), sharedPath('corpus')];
  for (const target of dirs) {
    const dir = target.startsWith(ROOT + path.sep) ? path.relative(ROOT, target) : path.join('../shared', path.relative(SHARED, target));
    it(`gives exactly the single-threaded result on ${dir}`, target.startsWith(ROOT + path.sep) ? {} : needsShared('corpus', 'corpus modules are scanned'), async () => {
      const single = await scanPaths([target], ALL_RULES);
      const parallel = await scanPathsParallel([target], WORKER, ALL_RULES, { threads: 2 });
      const strip = (r: typeof single) => JSON.stringify({ findings: r.findings, errors: r.errors });
      assert.ok(single.findings.length > 0 || dir.includes('corpus'), 'the target has findings to compare');
      assert.equal(strip(parallel), strip(single));
    });
  }
});

describe('scan with worker threads: modules and the modules they call', () => {
  it('a child module called through ${path.module} is scanned with its caller, so nothing is reported twice', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perimeter-parallel-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('modules/site/main.tf', 'resource "aws_s3_bucket_acl" "this" {\n  bucket = "site"\n  acl    = "public-read"\n}\n');
    write('app/main.tf', 'module "site" {\n  source = "${path.module}/../modules/site"\n}\n');
    write('other/main.tf', 'resource "aws_s3_bucket_acl" "other" {\n  bucket = "other"\n  acl    = "public-read-write"\n}\n');
    const single = await scanPaths([root], ALL_RULES);
    const parallel = await scanPathsParallel([root], WORKER, ALL_RULES, { threads: 2 });
    assert.equal(single.findings.filter((f) => f.ruleId === 'aws-s3-public-acl').length, 2);
    assert.equal(JSON.stringify(parallel), JSON.stringify(single));
  });
});
