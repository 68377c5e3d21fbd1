import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../server/src/eval/evaluate';
import { substringOrigin, toPlain, unknown } from '../../server/src/eval/value';
import { moduleOf, parse, textAt } from '../helpers';

async function value(expr: string): Promise<unknown> {
  const f = await parse(`v = ${expr}\n`);
  return toPlain(evaluate(f.body.attributes[0].expr, { file: f.path, resolve: (_r, _s, o) => unknown('test', o) }));
}

describe('eval: functions policies are written with', () => {
  const cases: [string, unknown][] = [
    ['concat(["a"], ["b", "c"])', ['a', 'b', 'c']],
    ['merge({ a = 1, b = 2 }, { b = 3 })', { a: 1, b: 3 }],
    ['flatten([["a"], [["b"]], "c"])', ['a', 'b', 'c']],
    ['distinct(["a", "b", "a"])', ['a', 'b']],
    ['compact(["a", "", "b"])', ['a', 'b']],
    ['tolist(["a"])', ['a']],
    ['toset(["a", "a"])', ['a']],
    ['coalesce(null, "", "x")', 'x'],
    ['lookup({ a = "1" }, "a", "d")', '1'],
    ['lookup({ a = "1" }, "z", "d")', 'd'],
    ['element(["a", "b"], 3)', 'b'],
    ['format("arn:aws:s3:::%s/*", "b")', 'arn:aws:s3:::b/*'],
    ['format("%d%%", 5)', '5%'],
    ['join(",", ["a", "b"])', 'a,b'],
    ['join("-", ["a"], [], ["b", "c"])', 'a-b-c'],
    ['[for k, v in { b = 1, a = 2 } : "${k}${v}"]', ['a2', 'b1']],
    ['split(",", "a,b")', ['a', 'b']],
    ['lower("AbC")', 'abc'],
    ['upper("a")', 'A'],
    ['replace("a-b-c", "-", "_")', 'a_b_c'],
    ['replace("s3:GetObject", "/^s3:(.*)$/", "$1")', 'GetObject'],
    ['try({ a = 1 }.b, "fallback")', 'fallback'],
    ['length(["a", "b"])', 2],
    ['keys({ b = 1, a = 2 })', ['a', 'b']],
    ['contains(["a"], "a")', true],
    ['jsondecode("{\\"a\\": [1, true]}")', { a: [1, true] }],
    ['jsonencode({ a = 1 })', '{"a":1}'],
    ['[for s in ["a", "b"] : upper(s) if s != "b"]', ['A']],
    ['{ for k, v in { a = 1 } : "${k}x" => v }', { ax: 1 }],
    ['true ? "yes" : "no"', 'yes'],
    ['<<-EOT\n    a\n      b\n    EOT', 'a\n  b\n'],
    ['"tab\\there \\u00e9 $${literal}"', 'tab\there é ${literal}'],
  ];
  for (const [expr, expected] of cases) {
    it(`${expr.replace(/\n/g, '⏎')} = ${JSON.stringify(expected)}`, async () => {
      assert.deepEqual(await value(expr), expected);
    });
  }

  it('keeps unknown what is not known, never guesses', async () => {
    for (const e of ['try(var.x, "d")', 'upper(var.x)', 'concat(var.x, ["a"])', 'can(var.x)', 'aws_s3_bucket.b.id', 'formatlist("%s", ["a"])', 'timestamp()']) {
      assert.equal(await value(e), undefined, e);
    }
  });

  it('keeps the known parts of a template and where each came from', async () => {
    const f = await parse('v = "arn:aws:s3:::${var.b}/*"\n');
    const v = evaluate(f.body.attributes[0].expr, { file: f.path, resolve: (_r, _s, o) => unknown('test', o, 'var.b') });
    assert.equal(v.kind, 'string');
    if (v.kind !== 'string') return;
    assert.equal(v.known, false);
    assert.equal(v.value, 'arn:aws:s3:::${var.b}/*');
    assert.equal(textAt(f, { start: v.origin.offsets![v.value.length - 1], end: v.origin.offsets![v.value.length - 1] + 1 }), '*');
  });

  it('keeps both branches of an unknown conditional', async () => {
    const f = await parse('v = var.public ? "public-read" : "private"\n');
    const v = evaluate(f.body.attributes[0].expr, { file: f.path, resolve: (_r, _s, o) => unknown('test', o) });
    assert.equal(v.kind, 'choice');
  });

  it('renders templatefile() with its vars, with ranges in the template file', async () => {
    const tpl = '{\n  "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "arn:aws:s3:::${bucket}/*"}]\n}';
    const m = await moduleOf({
      'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = templatefile("${path.module}/policy.json.tpl", { action = "s3:*", bucket = var.b })\n}\n',
      'policy.json.tpl': tpl,
    });
    const v = m.attribute(m.resources('aws_iam_policy')[0], 'policy')!.value;
    assert.equal(v.kind, 'string');
    if (v.kind !== 'string') return;
    assert.equal(v.known, false, 'var.b is not known');
    assert.equal(v.value, tpl.replace('${action}', 's3:*').replace('${bucket}', '${…}'));
    assert.equal(v.origin.file, '/virtual/policy.json.tpl');
    const at = v.value.indexOf('Allow');
    assert.equal(tpl.slice(v.origin.offsets![at], v.origin.offsets![at] + 5), 'Allow');
  });

  it('ends cyclic locals in unknown', async () => {
    const m = await moduleOf({ 'main.tf': 'locals {\n  a = local.b\n  b = local.a\n}\nresource "x" "y" {\n  v = local.a\n}\n' });
    const ref = m.resources('x')[0];
    const a = m.attribute(ref, 'v')!;
    assert.equal(a.value.kind, 'unknown');
  });

  it('reads variables from defaults, terraform.tfvars and *.auto.tfvars in order', async () => {
    const m = await moduleOf({
      'main.tf': 'variable "a" {\n  default = "default"\n}\nvariable "b" {\n  default = "default"\n}\nresource "x" "y" {\n  a = var.a\n  b = var.b\n}\n',
      'terraform.tfvars': 'a = "tfvars"\nb = "tfvars"\n',
      'z.auto.tfvars': 'b = "auto"\n',
    });
    const ref = m.resources('x')[0];
    assert.deepEqual([toPlain(m.attribute(ref, 'a')!.value), toPlain(m.attribute(ref, 'b')!.value)], ['tfvars', 'auto']);
  });
});

describe('eval: values of expressions that depend only on their text', () => {
  it('tells pure expressions from those that read references, iteration variables or files', async () => {
    const { isPure } = await import('../../server/src/eval/pure');
    const expr = async (src: string) => (await parse(`v = ${src}\n`)).body.attributes[0].expr;
    for (const src of ['"a"', '1', 'jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*" }] })', '{ "k" = ["a", true] }', 'true ? "a" : "b"']) {
      assert.equal(isPure(await expr(src)), true, src);
    }
    for (const src of ['var.x', 'jsonencode({ Resource = aws_s3_bucket.b.arn })', '"${local.name}-x"', 'file("p.json")', '[for s in ["a"] : s]', '{ (local.k) = 1 }', 'templatefile("t", {})']) {
      assert.equal(isPure(await expr(src)), false, src);
    }
  });

  it('a module rebuilt over the same blocks reuses pure values, and re-evaluates the rest', async () => {
    const { TerraformModule } = await import('../../server/src/module/module');
    const f = await parse('locals {\n  n = "x"\n}\nresource "aws_iam_policy" "p" {\n  name   = local.n\n  policy = jsonencode({ Statement = [] })\n}\n', '/v/main.tf');
    const ref = (m: InstanceType<typeof TerraformModule>) => m.resources('aws_iam_policy')[0];
    const a = new TerraformModule('/v', [f], [], () => undefined);
    const b = new TerraformModule('/v', [f], [], () => undefined);
    assert.equal(a.attribute(ref(a), 'policy')!.value, b.attribute(ref(b), 'policy')!.value, 'the same value object');
    assert.notEqual(a.attribute(ref(a), 'name')!.value, b.attribute(ref(b), 'name')!.value);
    assert.deepEqual(toPlain(b.attribute(ref(b), 'name')!.value), 'x');
  });
});

describe('eval: where the characters of a string come from', () => {
  const at = async (src: string, sub: string) => {
    const f = await parse(`v = ${src}\n`);
    const v = evaluate(f.body.attributes[0].expr, { file: f.path, resolve: (_r, _s, o) => unknown('test', o) });
    assert.equal(v.kind, 'string');
    const s = v as Extract<typeof v, { kind: 'string' }>;
    const from = s.value.indexOf(sub);
    return textAt(f, substringOrigin(s, from, from + sub.length).span);
  };

  it('a literal with no escape maps its characters by its start, without an offset array', async () => {
    const f = await parse('v = "arn:aws:s3:::reports/*"\n');
    const v = evaluate(f.body.attributes[0].expr, { file: f.path, resolve: (_r, _s, o) => unknown('test', o) });
    assert.equal(v.origin.offsets, undefined);
    assert.deepEqual(v.origin.linear, { start: 5, length: 'arn:aws:s3:::reports/*'.length });
    assert.equal(await at('"arn:aws:s3:::reports/*"', 'reports'), 'reports');
  });

  it('through escapes, interpolations and heredoc indentation, a substring is its source text', async () => {
    assert.equal(await at('"a\\tb:reports"', 'reports'), 'reports');
    assert.equal(await at('"x-${"y"}-reports"', 'reports'), 'reports');
    assert.equal(await at('<<-EOT\n    line\n    reports\n  EOT', 'reports'), 'reports');
  });

  it('a mapping made for another text is not used: the whole origin is', () => {
    const origin = { file: '/v/main.tf', span: { start: 4, end: 12 }, linear: { start: 5, length: 6 } };
    // A value of another length than its mapping (a function result that kept the origin).
    assert.deepEqual(substringOrigin({ value: 'longer text', origin }, 0, 6), origin);
    assert.deepEqual(substringOrigin({ value: 'abcdef', origin }, 1, 3).span, { start: 6, end: 8 });
  });
});
