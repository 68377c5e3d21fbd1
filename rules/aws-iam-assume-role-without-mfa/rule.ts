import {
  addMfaCondition,
  collectPolicies,
  defineRule,
  isAllow,
  isMfaCondition,
  parseIamArn,
  type Principal,
  principalKind,
  type Statement,
} from '../../server/src/rule-api';

/**
 * A trust policy that lets people (an account's root, meaning any of its IAM users and
 * roles allowed to, or named IAM users) assume the role without MFA. Service, federated
 * and OIDC principals are machines; role principals cannot carry MFA through role
 * chaining; a required sts:ExternalId marks third-party machine access.
 */
export default defineRule({
  id: 'aws-iam-assume-role-without-mfa',
  title: 'Role can be assumed by people without MFA',
  severity: 'high',
  family: 'missing-mfa',
  aliases: ['CKV_AWS_61', 'cross_account_iam_assume_role_policy_without_external_id_or_mfa', 'iam_role_allows_all_principals_to_assume'],
  fixable: true,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      if (p.kind !== 'trust') continue;
      for (const s of p.statements) {
        if (!isAllow(s) || !allowsAssumeRole(s)) continue;
        if (s.conditions.some(isMfaCondition) || s.conditions.some((c) => c.key.value.toLowerCase() === 'sts:externalid')) continue;
        const humans = s.principals.filter(isHumanPrincipal);
        const fix = humans.length ? addMfaCondition(ctx.module, s) : undefined;
        for (const h of humans) {
          ctx.report({
            origin: h.id.origin,
            message: `${p.owner.address} lets ${describe(h)} assume the role without MFA: a leaked access key is enough to take its permissions. Add a condition requiring aws:MultiFactorAuthPresent = true (Bool).`,
            block: p.owner.block.span,
            ...(fix ? { fix } : {}),
          });
        }
      }
    }
  },
});

function allowsAssumeRole(s: Statement): boolean {
  return s.actions.some((a) => a.known && /^(\*|sts:\*|sts:assumerole)$/i.test(a.value));
}

/**
 * Account roots and IAM users: principals that are people holding long-term keys, judged
 * from their known parts (`arn:aws:iam::${var.account_id}:root` is an account).
 */
function isHumanPrincipal(p: Principal): boolean {
  const kind = principalKind(p);
  return kind === 'account' || kind === 'user';
}

function describe(p: Principal): string {
  if (principalKind(p) === 'user') return `the IAM user ${p.id.value}`;
  const account = /^\d{12}$/.test(p.id.value) ? p.id.value : parseIamArn(p.id)?.account;
  // An account only known at apply time is named by the whole principal, which says more than `${…}`.
  return `every IAM user of account ${account && /^\d{12}$/.test(account) ? account : p.id.value} who is allowed to`;
}
