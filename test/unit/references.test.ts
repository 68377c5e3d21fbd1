import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referencedAddresses, visitReferences } from '../../server/src/rules-support/ast';
import { moduleOf } from '../helpers';

describe('references followed through locals (one walker for every rule)', () => {
  it('names managed resources of any type, not variables, data sources or module outputs', async () => {
    const m = await moduleOf({
      'main.tf': `
locals {
  a = local.b
  b = [aws_s3_bucket.logs.id, google_storage_bucket.x.name, data.aws_s3_bucket.d.id, var.v, module.m.out]
}
output "o" { value = join(",", local.a, aws_sqs_queue.q[0].arn) }
`,
    });
    const out = m.blocksOfType('output')[0];
    const expr = out.block.body.attributes[0].expr;
    assert.deepEqual([...referencedAddresses(expr, (n) => m.localExpression(n))].sort(), ['aws_s3_bucket.logs', 'aws_sqs_queue.q', 'google_storage_bucket.x']);
  });

  it('follows a long chain of locals without recursion, and a cycle ends', async () => {
    const n = 5000;
    const lines = Array.from({ length: n }, (_, i) => `  l${i} = local.l${i + 1}`);
    const m = await moduleOf({ 'main.tf': `locals {\n${lines.join('\n')}\n  l${n} = [aws_kms_key.k.arn, local.l0]\n}\noutput "o" { value = local.l0 }\n` });
    const expr = m.blocksOfType('output')[0].block.body.attributes[0].expr;
    assert.deepEqual([...referencedAddresses(expr, (x) => m.localExpression(x))], ['aws_kms_key.k']);
  });

  it("visits an expression's own references before those of its locals, and stops when asked", async () => {
    const m = await moduleOf({ 'main.tf': 'locals {\n  x = aws_a.one.id\n}\noutput "o" { value = [local.x, aws_b.two.id, aws_c.three.id] }\n' });
    const expr = m.blocksOfType('output')[0].block.body.attributes[0].expr;
    const seen: string[] = [];
    visitReferences(expr, (x) => m.localExpression(x), (chain) => {
      seen.push(chain.slice(0, 2).join('.'));
      return chain[0] === 'aws_c';
    });
    assert.deepEqual(seen, ['aws_b.two', 'aws_c.three']);
  });
});
