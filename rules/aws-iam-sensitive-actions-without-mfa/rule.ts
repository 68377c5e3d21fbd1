import {
  collectPolicies,
  defineRule,
  guardCovers,
  GuardIndex,
  isAllow,
  isMfaCondition,
  isMfaDenyGuard,
  type Located,
  machineUserKey,
  namedRole,
  oneFindingFor,
  patternAccessLevels,
  type Policy,
  reachesPeople,
  type Statement,
  trustRequiresMfa,
} from '../../server/src/rule-api';

/**
 * A policy that reaches IAM users or groups (people with long-term keys) and allows
 * permission management, everything, or assuming roles, without requiring MFA: no MFA
 * condition on the Allow, and no "deny without MFA" guard covering it in the same policy
 * or in another policy of every user and group it reaches (a user's groups included).
 * Assuming roles whose own trust policy requires MFA is not "without MFA".
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
    const policies = collectPolicies(m);
    let index: GuardIndex | undefined;
    const guarded = (p: Policy, s: Statement, a: Located): boolean => {
      if (p.statements.some((g) => isMfaDenyGuard(g) && guardCovers(g, a, s.resources))) return true;
      index ??= new GuardIndex(m, policies);
      const { holders, unknown } = index.holders.get(p) ?? { holders: [], unknown: true };
      const people = holders.filter((h) => h.kind !== 'role');
      if (unknown || !people.length) return false;
      return people.every((h) => index!.covered(h, (g) => guardCovers(g, a, s.resources)));
    };
    for (const p of policies) {
      if (p.kind !== 'identity' || !reachesPeople(m, p)) continue;
      for (const s of p.statements) {
        if (!isAllow(s) || s.conditions.some(isMfaCondition)) continue;
        const offending: { value: string; origin: Located['origin']; assume: boolean }[] = [];
        for (const a of s.actions) {
          if (!a.known) continue;
          const assume = /^(sts:\*|sts:assumerole)$/i.test(a.value);
          const sensitive = a.value === '*' || assume || patternAccessLevels(a.value).has('Permissions management');
          if (!sensitive) continue;
          // Assuming only roles whose trust policy requires MFA: the MFA is asked there.
          if (assume && s.resources.length && s.resources.every((r) => {
            const role = namedRole(m, r);
            return !!role && trustRequiresMfa(role, policies);
          })) continue;
          if (guarded(p, s, a)) continue;
          offending.push({ value: a.value, origin: a.origin, assume });
        }
        // One finding per statement, on its first unguarded sensitive action.
        const one = oneFindingFor(offending, 'sensitive actions', (x) => `${JSON.stringify(x.value)}: also without MFA`);
        if (!one) continue;
        const uses = offending.every((x) => x.assume) ? 'assume roles' : `use ${one.names}`;
        // A workload's user (an access key, no console password) cannot present MFA: the
        // advice for it is a role, not an MFA condition that would lock it out.
        index ??= new GuardIndex(m, policies);
        const held = index.holders.get(p) ?? { holders: [], unknown: true };
        const keys = held.unknown ? [] : held.holders.filter((h) => h.kind !== 'role').map((h) => machineUserKey(m, h));
        const machine = keys.length > 0 && keys.every((k) => k !== undefined);
        ctx.report({
          origin: one.first.origin,
          message: machine
            ? `${p.owner.address} lets a user that signs in only with a long-lived access key (${keys.join(', ')}) ${uses} without MFA: a leaked key is enough, and such a user cannot present MFA. Give these permissions to a role the workload assumes, or narrow them.`
            : `${p.owner.address} lets IAM users ${uses} without MFA: a leaked access key is enough. Add a condition requiring aws:MultiFactorAuthPresent = true (Bool), or a Deny of these actions when aws:MultiFactorAuthPresent is false (BoolIfExists).`,
          block: p.owner.block.span,
          ...(one.related.length ? { related: one.related } : {}),
        });
      }
    }
  },
});
