import { defineRule } from '../../server/src/engine/rule';
import { alternatives } from '../../server/src/eval/value';
import type { Expr } from '../../server/src/hcl/ast';
import type { BlockRef } from '../../server/src/module/module';
import { addAttribute } from '../../server/src/fix/hcl-edits';

/** An output that prints an access key's secret without `sensitive = true`. */
export default defineRule({
  id: 'aws-iam-secret-output-exposed',
  title: 'Access key secret in a non-sensitive output',
  severity: 'high',
  family: 'static-credentials',
  aliases: [],
  fixable: true,
  check(ctx) {
    const m = ctx.module;
    for (const out of m.blocksOfType('output')) {
      const value = out.block.body.attributes.find((a) => a.name === 'value');
      if (!value) continue;
      const sensitive = m.attribute(out, 'sensitive');
      if (sensitive && alternatives(sensitive.value).every((v) => v.kind === 'bool' && v.value)) continue;
      const leaks = secretReferences(value.expr, (n) => m.localExpression(n));
      if (!leaks) continue;
      ctx.report({
        origin: { file: out.file.path, span: value.expr.span },
        message: `${out.address} prints ${leaks} without sensitive = true: it appears in plan and apply output and CI logs. Mark the output sensitive (or do not output the secret).`,
        block: out.block.span,
        fix: { title: `Mark ${out.address} sensitive`, edits: [sensitive ? { file: out.file.path, span: sensitive.attribute.expr.span, newText: 'true' } : addSensitive(out)] },
      });
    }
  },
});

function addSensitive(out: BlockRef) {
  return addAttribute(out.file, out.block, 'sensitive', 'true');
}

/** `aws_iam_access_key.x.secret` (or ses_smtp_password_v4), directly or through locals. */
function secretReferences(expr: Expr, local: (name: string) => Expr | undefined): string | undefined {
  const stack: Expr[] = [expr];
  let depth = 0;
  while (stack.length && depth++ < 10_000) {
    const e = stack.pop()!;
    if (e.type === 'getattr' && (e.name === 'secret' || e.name === 'ses_smtp_password_v4')) {
      let base: Expr = e.object;
      while (base.type === 'getattr' || base.type === 'index' || base.type === 'splat') base = base.object;
      if (base.type === 'variable' && base.name === 'aws_iam_access_key') return `an access key ${e.name === 'secret' ? 'secret' : 'SMTP password'}`;
    }
    if (e.type === 'getattr' && e.object.type === 'variable' && e.object.name === 'local') {
      const d = local(e.name);
      if (d) stack.push(d);
    }
    switch (e.type) {
      case 'getattr':
      case 'index':
      case 'splat':
        stack.push(e.object);
        break;
      case 'template':
        for (const p of e.parts) if (p.kind === 'interpolation' && p.expr) stack.push(p.expr);
        break;
      case 'tuple':
        stack.push(...e.items);
        break;
      case 'object':
        for (const i of e.items) stack.push(i.value);
        break;
      case 'call':
        stack.push(...e.args);
        break;
      case 'conditional':
        stack.push(e.then, e.else);
        break;
      case 'paren':
        stack.push(e.expr);
        break;
      case 'for':
        stack.push(e.value, e.collection);
        break;
      default:
        break;
    }
  }
  return undefined;
}
