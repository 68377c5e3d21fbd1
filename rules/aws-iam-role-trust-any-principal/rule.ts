import { collectPolicies, defineRule, publicStatements } from '../../server/src/rule-api';

/** A role anyone can assume: a trust policy allowing `"*"`-like principals with no narrowing condition. */
export default defineRule({
  id: 'aws-iam-role-trust-any-principal',
  title: 'Role can be assumed by anyone',
  severity: 'critical',
  family: 'wildcard-iam',
  aliases: ['CKV_AWS_60', 'iam_policy_grants_assumerole_permission_across_all_services', 'AssumableByAnyPrincipal'],
  fixable: false,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      if (p.kind !== 'trust') continue;
      // One finding per statement, on its first public principal.
      for (const { principals: one } of publicStatements(p, 'any AWS account too')) {
        ctx.report({
          origin: one.first.origin,
          message: `${p.owner.address} can be assumed by any AWS account (${one.names}) with no condition narrowing the caller: whoever assumes it gets its permissions. Name the accounts or roles that may assume it (a vendor's account with sts:ExternalId), or add an aws:PrincipalOrgID condition.`,
          block: p.owner.block.span,
          ...(one.related.length ? { related: one.related } : {}),
        });
      }
    }
  },
});
