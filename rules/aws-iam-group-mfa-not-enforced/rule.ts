import { defineRule } from '../../server/src/engine/rule';
import { collectPolicies } from '../../server/src/iam';
import { switchedOffBy } from '../../server/src/registry/describe';
import { isMfaCondition } from '../../server/src/rules-support/iam';
import { groupPolicies } from '../../server/src/rules-support/iam-reach';

/** An IAM group none of whose policies enforces MFA (an MFA condition that actually works). */
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
    for (const group of m.resources('aws_iam_group')) {
      const mine = groupPolicies(m, group, policies);
      const enforced = mine.some((p) =>
        p.statements.some((s) =>
          s.conditions.some((c) => {
            const op = c.operator.value.toLowerCase();
            const denyWithout = s.effect?.value === 'Deny' && op === 'boolifexists' && c.key.value.toLowerCase() === 'aws:multifactorauthpresent' && c.values.some((v) => v.value === 'false');
            return denyWithout || (s.effect?.value === 'Allow' && isMfaCondition(c) && op === 'bool');
          }),
        ),
      );
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
