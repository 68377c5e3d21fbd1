import { defineRule } from '../../server/src/engine/rule';
import { collectPolicies } from '../../server/src/iam';
import { isMfaCondition } from '../../server/src/rules-support/iam';
import { groupPolicies } from '../../server/src/rules-support/iam-reach';

/** An IAM group none of whose policies enforces MFA (an MFA condition that actually works). */
export default defineRule({
  id: 'aws-iam-group-mfa-not-enforced',
  title: 'IAM group does not enforce MFA',
  severity: 'low',
  family: 'missing-mfa',
  aliases: ['AVD-AWS-0123'],
  fixable: false,
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
      ctx.report({
        origin: { file: group.file.path, span: group.block.headerSpan },
        message: `${group.address}: none of its ${mine.length ? mine.length + ' ' : ''}polic${mine.length === 1 ? 'y' : 'ies'} enforces MFA, so its members act with a password or access key alone. Attach a policy that denies everything but MFA setup when aws:MultiFactorAuthPresent is false (BoolIfExists).`,
        block: group.block.span,
      });
    }
  },
});
