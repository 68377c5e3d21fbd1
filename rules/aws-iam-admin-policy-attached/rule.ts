import { defineRule } from '../../server/src/engine/rule';
import { stringAlternatives } from '../../server/src/rules-support/values';
import type { BlockRef } from '../../server/src/module/module';
import { alternatives, type Origin, type Value } from '../../server/src/eval/value';

const ADMIN = /^arn:aws[\w-]*:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;

/** AdministratorAccess or IAMFullAccess attached to a user, group or role. */
export default defineRule({
  id: 'aws-iam-admin-policy-attached',
  title: 'Administrator policy attached',
  severity: 'high',
  family: 'wildcard-iam',
  aliases: ['CKV_AWS_274', 'CKV_AWS_275', 'CKV2_AWS_56'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    const report = (ref: BlockRef, arn: { value: string; origin: Origin }) =>
      ctx.report({
        origin: arn.origin,
        message: `${ref.address} attaches ${arn.value.split('/').pop()}: whoever holds it can do anything in the account, including granting itself more. Attach a policy scoped to the job instead.`,
        block: ref.block.span,
      });
    for (const type of ['aws_iam_role_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_policy_attachment']) {
      for (const ref of m.resources(type)) {
        const a = m.attribute(ref, 'policy_arn');
        if (a) for (const v of stringAlternatives(a.value)) if (ADMIN.test(v.value)) report(ref, v);
      }
    }
    for (const ref of [...m.resources('aws_iam_role'), ...m.resources('aws_iam_role_policy_attachments_exclusive'), ...m.resources('aws_iam_group_policy_attachments_exclusive'), ...m.resources('aws_iam_user_policy_attachments_exclusive')]) {
      for (const name of ['managed_policy_arns', 'policy_arns']) {
        const a = m.attribute(ref, name);
        if (a) for (const v of listStrings(a.value)) if (ADMIN.test(v.value)) report(ref, v);
      }
    }
  },
});

function listStrings(v: Value) {
  return alternatives(v).flatMap((x) => (x.kind === 'list' ? x.items.flatMap((i) => stringAlternatives(i)) : stringAlternatives(x)));
}
