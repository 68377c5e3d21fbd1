import { checkOperator, collectPolicies, defineRule, didYouMean, writtenPlaces } from '../../server/src/rule-api';

/**
 * Condition operators that cannot work: a name AWS does not define (`StringEqual`), or an
 * operator whose comparison cannot apply to its key's type (`Bool` on a string key,
 * `IpAddress` on an ARN key). One finding per written operator and key.
 */
export default defineRule({
  id: 'aws-iam-condition-operator-mismatch',
  title: 'IAM policy condition uses an operator that cannot apply',
  severity: 'medium',
  family: 'wildcard-iam',
  aliases: [],
  fixable: false,
  check(ctx) {
    const writtenAt = writtenPlaces(ctx.module);
    for (const p of collectPolicies(ctx.module)) {
      for (const s of p.statements) {
        for (const c of s.conditions) {
          if (!c.operator.known) continue;
          const problem = checkOperator(c.operator.value, c.key.known ? c.key.value : undefined);
          if (!problem) continue;
          const origin = writtenAt(c.operator);
          if (!origin) continue;
          ctx.report({
            origin,
            message: `${p.owner.address}: ${problem.what}, so this condition never matches as intended.${didYouMean(problem.suggestions)}`,
            block: p.owner.block.span,
          });
        }
      }
    }
  },
});
