import { addAttribute, alternatives, type BlockRef, defineRule, type Expr, memoizedByObject, type TerraformModule, visitReferences } from '../../server/src/rule-api';

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
      const leaks = secretReferencesIn(m, value.expr);
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

// What an output's expression names depends on the text only: instances of a called module share it.
const leaksOf = memoizedByObject((_text: object) => new Map<Expr, string | undefined>());

function secretReferencesIn(m: TerraformModule, expr: Expr): string | undefined {
  const known = leaksOf(m.textKey);
  if (!known.has(expr)) known.set(expr, secretReferences(expr, (n) => m.localExpression(n)));
  return known.get(expr);
}

/** `aws_iam_access_key.x.secret` (or ses_smtp_password_v4), directly or through locals (any depth). */
function secretReferences(expr: Expr, local: (name: string) => Expr | undefined): string | undefined {
  let found: string | undefined;
  visitReferences(expr, local, (chain) => {
    if (chain[0] === 'aws_iam_access_key' && (chain.includes('secret') || chain.includes('ses_smtp_password_v4'))) {
      found = `an access key ${chain.includes('secret') ? 'secret' : 'SMTP password'}`;
      return true;
    }
    return false;
  });
  return found;
}
