import {
  collectPolicies,
  defineRule,
  groupMemberships,
  isAllow,
  isMfaDenyGuard,
  type Policy,
  policyHolders,
  requiresMfaStrictly,
  switchedOffBy,
} from '../../server/src/rule-api';

/**
 * An IAM group none of whose policies enforces MFA (an MFA condition that actually works),
 * unless every member the module puts in it has MFA enforced through its own policies or
 * another of its groups.
 */
export default defineRule({
  id: 'aws-iam-group-mfa-not-enforced',
  title: 'IAM group does not enforce MFA',
  severity: 'low',
  family: 'missing-mfa',
  aliases: ['AVD-AWS-0123'],
  fixable: true,
  check(ctx) {
    const m = ctx.module;
    const policies = collectPolicies(m);
    const holders = new Map(policies.filter((p) => p.kind === 'identity').map((p) => [p, policyHolders(m, p).holders.map((h) => h.key)]));
    const policiesOf = (key: string) => policies.filter((p) => holders.get(p)?.includes(key));
    const enforces = (ps: readonly Policy[]) => ps.some((p) => p.statements.some((s) => isMfaDenyGuard(s) || (isAllow(s) && s.conditions.some(requiresMfaStrictly))));
    const { groupsOf, membersOf, unknownMembers } = groupMemberships(m);
    for (const group of m.resources('aws_iam_group')) {
      // `count = var.create ? 1 : 0` with create false: no group is created.
      if (m.instanceCount(group.address) === 0) continue;
      const mine = policiesOf(group.address);
      // A group that enforces nothing itself is fine when each of its known members is
      // made to use MFA by their own policies or by another group they belong to.
      const members = [...(membersOf.get(group.address) ?? [])];
      const memberEnforced = (user: string) => enforces([user, ...(groupsOf.get(user) ?? [])].flatMap(policiesOf));
      const enforced = enforces(mine) || (members.length > 0 && !unknownMembers.has(group.address) && members.every(memberEnforced));
      if (enforced) continue;
      // A registry module call that turned the module's MFA enforcement off: report that argument.
      const off = switchedOffBy(m.synthesized, group.block, 'mfa-enforcement') ?? switchedOffBy(m.synthesized, group.block, 'aws_iam_policy');
      if (off) {
        ctx.report({
          origin: { file: group.file.path, span: off.argument.expr.span },
          message: `${group.address}: ${off.argument.name} = false stops ${off.call} from writing the statement that denies everything but MFA setup without MFA, so the group's members act with a password or access key alone. Remove the argument or set it to true.`,
          block: group.block.span,
          fix: off.fix,
        });
        continue;
      }
      ctx.report({
        origin: { file: group.file.path, span: group.block.headerSpan },
        message: `${group.address}: none of its ${mine.length ? mine.length + ' ' : ''}polic${mine.length === 1 ? 'y' : 'ies'} enforces MFA, so its members act with a password or access key alone. Attach a policy that denies everything but MFA setup when aws:MultiFactorAuthPresent is false (BoolIfExists).`,
        block: group.block.span,
      });
    }
  },
});
