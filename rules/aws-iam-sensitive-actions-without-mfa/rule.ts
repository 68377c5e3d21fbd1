import { defineRule } from '../../server/src/engine/rule';
import { collectPolicies, isAllow, patternAccessLevels } from '../../server/src/iam';
import { isMfaCondition } from '../../server/src/rules-support/iam';
import { reachesPeople } from '../../server/src/rules-support/iam-reach';

/**
 * A policy that reaches IAM users or groups (people with long-term keys) and allows
 * permission management, everything, or assuming roles, without requiring MFA.
 */
export default defineRule({
  id: 'aws-iam-sensitive-actions-without-mfa',
  title: 'Sensitive actions allowed to users without MFA',
  severity: 'medium',
  family: 'missing-mfa',
  aliases: ['authentication_without_mfa', 'iam_user_policy_without_mfa'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    for (const p of collectPolicies(m)) {
      if (p.kind !== 'identity' || !reachesPeople(m, p)) continue;
      for (const s of p.statements) {
        if (!isAllow(s) || s.conditions.some(isMfaCondition)) continue;
        for (const a of s.actions) {
          if (!a.known) continue;
          const assume = /^(sts:\*|sts:assumerole)$/i.test(a.value);
          const sensitive = a.value === '*' || assume || patternAccessLevels(a.value).has('Permissions management');
          if (!sensitive) continue;
          ctx.report({
            origin: a.origin,
            message: `${p.owner.address} lets IAM users ${assume ? 'assume roles' : `use ${JSON.stringify(a.value)}`} without MFA: a leaked access key is enough. Add a condition requiring aws:MultiFactorAuthPresent = true (Bool).`,
            block: p.owner.block.span,
          });
        }
      }
    }
  },
});
