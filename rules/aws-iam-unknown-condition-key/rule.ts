import { checkConditionKey, collectPolicies, defineRule, didYouMean, perhapsNewerThanCatalogue, writtenPlaces } from '../../server/src/rule-api';

/**
 * Condition keys that AWS does not define: a key of a catalogued service or a global `aws:`
 * key that is not in the catalogue. AWS evaluates a missing key as absent, so the condition
 * never holds (or, with ...IfExists and negated operators, always does): usually a typo.
 * Keys of identity providers (`saml:`, `token.actions.githubusercontent.com:`) are not checked.
 */
export default defineRule({
  id: 'aws-iam-unknown-condition-key',
  title: 'IAM policy condition tests a key that does not exist',
  severity: 'medium',
  family: 'wildcard-iam',
  aliases: [],
  fixable: false,
  check(ctx) {
    const writtenAt = writtenPlaces(ctx.module);
    for (const p of collectPolicies(ctx.module)) {
      for (const s of p.statements) {
        for (const c of s.conditions) {
          if (!c.key.known) continue;
          // A misspelt MFA key is aws-iam-mfa-condition-ineffective's finding (high): not twice.
          if (/^aws:/i.test(c.key.value) && /multi.?factor|mfa/i.test(c.key.value)) continue;
          const problem = checkConditionKey(c.key.value);
          if (!problem) continue;
          const origin = writtenAt(c.key);
          if (!origin) continue;
          ctx.report({
            origin,
            ...(problem.certain
              ? { message: `${p.owner.address}: ${problem.what}; a request never carries it, so this condition tests an absent key.${didYouMean(problem.suggestions)}` }
              : perhapsNewerThanCatalogue(p.owner.address, problem.what, 'no request carries it and this condition tests an absent key')),
            block: p.owner.block.span,
          });
        }
      }
    }
  },
});
