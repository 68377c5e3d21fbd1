import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../server/src/eval/evaluate';
import { evalError, toPlain, unknown, type Value } from '../../server/src/eval/value';
import { moduleOf, parse } from '../helpers';

// try() passes over an argument Terraform would reject and stops at one only known at
// plan or apply time. It decides on the unknown value's `cause`, never on its reason text.

const MAIN = `
locals {
  m = { a = "1" }
  l = ["x"]
}
variable "nodefault" {}
resource "aws_s3_bucket" "b" {}
output "missing_attribute" { value = try(local.m.b, "fallback") }
output "index_out_of_range" { value = try(local.l[3], "fallback") }
output "undeclared_local" { value = try(local.missing, "fallback") }
output "undeclared_variable_through_steps" { value = try(var.undeclared.x, "fallback") }
output "undeclared_data_source" { value = try(data.aws_iam_policy_document.none.json, "fallback") }
output "first_known_wins" { value = try(local.m.a, "fallback") }
output "variable_without_value" { value = try(var.nodefault, "fallback") }
output "apply_time_attribute" { value = try(aws_s3_bucket.b.id, "fallback") }
`;

async function outputs(): Promise<Map<string, Value>> {
  const m = await moduleOf({ 'main.tf': MAIN });
  const out = new Map<string, Value>();
  for (const ref of m.blocksOfType('output')) {
    const a = ref.block.body.attributes.find((x) => x.name === 'value')!;
    out.set(ref.block.labels[0].value, m.evaluate(a, ref.file));
  }
  return out;
}

describe('eval: why a value is unknown', () => {
  it('try() passes over what Terraform would reject, including errors carried through later steps', async () => {
    const o = await outputs();
    for (const name of ['missing_attribute', 'index_out_of_range', 'undeclared_local', 'undeclared_variable_through_steps', 'undeclared_data_source']) {
      assert.equal(toPlain(o.get(name)!), 'fallback', name);
    }
    assert.equal(toPlain(o.get('first_known_wins')!), '1');
  });

  it('try() over a value known only later stays unknown', async () => {
    const o = await outputs();
    for (const name of ['variable_without_value', 'apply_time_attribute']) {
      const v = o.get(name)!;
      assert.equal(v.kind, 'unknown', name);
      assert.equal(v.kind === 'unknown' && v.cause, undefined, name);
    }
  });

  it('the cause decides, not the reason text', async () => {
    const f = await parse('v = try(var.x, "fallback")\n');
    const run = (resolved: (o: Value['origin']) => Value) => evaluate(f.body.attributes[0].expr, { file: f.path, resolve: (_r, _s, o) => resolved(o) });
    // A reason that reads like an error but is not one: still unknown.
    const notAnError = run((o) => unknown('var.x is not declared', o));
    assert.equal(notAnError.kind, 'unknown');
    // An error whatever its wording: passed over.
    assert.equal(toPlain(run((o) => evalError('anything at all', o))), 'fallback');
  });

  it('marks only errors: values not known statically carry no cause', async () => {
    const f = await parse('a = { k = 1 }.z\nb = [1][4]\nc = "s".k\nd = var.x\n');
    const env = { file: f.path, resolve: (_r: string, _s: unknown, o: Value['origin']) => unknown('apply time', o) };
    const causes = f.body.attributes.map((a) => {
      const v = evaluate(a.expr, env);
      return v.kind === 'unknown' ? (v.cause ?? 'not-static') : v.kind;
    });
    assert.deepEqual(causes, ['error', 'error', 'error', 'not-static']);
  });
});
