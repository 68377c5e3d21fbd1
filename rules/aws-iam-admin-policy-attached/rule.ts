import { alternatives, type BlockRef, defineRule, type Origin, stringAlternatives, type TerraformModule, type Value } from '../../server/src/rule-api';

const ADMIN_NAMES = new Set(['AdministratorAccess', 'IAMFullAccess']);
const ADMIN = /^arn:aws[\w-]*:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;

/** An administrator policy an attachment names: its ARN as written, or the data source that looks it up. */
interface AdminPolicy {
  readonly name: string;
  readonly origin: Origin;
  /** `data.aws_iam_policy.x` when the ARN comes from a lookup, and where the lookup names the policy. */
  readonly lookup?: { readonly address: string; readonly origin: Origin };
}

/**
 * AdministratorAccess or IAMFullAccess attached to a user, group, role or IAM Identity Center
 * permission set: by ARN (literally or through variables and locals), or through
 * `data "aws_iam_policy"` looking the policy up by `name` or `arn`.
 */
export default defineRule({
  id: 'aws-iam-admin-policy-attached',
  title: 'Administrator policy attached',
  severity: 'high',
  family: 'wildcard-iam',
  aliases: ['CKV_AWS_274', 'CKV_AWS_275', 'CKV2_AWS_56'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    const report = (ref: BlockRef, admin: AdminPolicy, holder: string) =>
      ctx.report({
        origin: admin.origin,
        message: `${ref.address} attaches ${admin.name}${admin.lookup ? ` (looked up by ${admin.lookup.address})` : ''} to ${holder}: whoever holds it can do anything in the account, including granting itself more. Attach a policy scoped to the job instead.`,
        block: ref.block.span,
        ...(admin.lookup ? { related: [{ origin: admin.lookup.origin, message: `${admin.lookup.address} looks up ${admin.name}` }] } : {}),
      });
    const attachments: [string, string, string][] = [
      ['aws_iam_role_policy_attachment', 'policy_arn', 'a role'],
      ['aws_iam_user_policy_attachment', 'policy_arn', 'a user'],
      ['aws_iam_group_policy_attachment', 'policy_arn', 'a group'],
      ['aws_iam_policy_attachment', 'policy_arn', 'users, groups or roles'],
      ['aws_ssoadmin_managed_policy_attachment', 'managed_policy_arn', 'an IAM Identity Center permission set (every account it is assigned to)'],
    ];
    for (const [type, name, holder] of attachments) {
      for (const ref of m.resources(type)) {
        const a = m.attribute(ref, name);
        if (a) for (const admin of adminPolicies(m, alternatives(a.value))) report(ref, admin, holder);
      }
    }
    for (const [type, holder] of [
      ['aws_iam_role', 'the role'],
      ['aws_iam_role_policy_attachments_exclusive', 'a role'],
      ['aws_iam_group_policy_attachments_exclusive', 'a group'],
      ['aws_iam_user_policy_attachments_exclusive', 'a user'],
    ]) {
      for (const ref of m.resources(type)) {
        for (const name of ['managed_policy_arns', 'policy_arns']) {
          const a = m.attribute(ref, name);
          if (a) for (const admin of adminPolicies(m, listItems(a.value))) report(ref, admin, holder);
        }
      }
    }
  },
});

function listItems(v: Value): Value[] {
  return alternatives(v).flatMap((x) => (x.kind === 'list' ? x.items.flatMap((i) => alternatives(i)) : [x]));
}

/** The administrator policies among values: written ARNs, and `data.aws_iam_policy.x.arn` lookups of one. */
function adminPolicies(m: TerraformModule, values: Value[]): AdminPolicy[] {
  const out: AdminPolicy[] = [];
  for (const v of values) {
    for (const s of stringAlternatives(v)) if (ADMIN.test(s.value)) out.push({ name: s.value.split('/').pop()!, origin: s.origin });
    if (v.kind === 'unknown' && v.ref?.startsWith('data.aws_iam_policy.')) {
      const lookup = lookedUp(m, v.ref);
      if (lookup) out.push({ name: lookup.name, origin: v.origin, lookup: { address: v.ref, origin: lookup.origin } });
    }
  }
  return out;
}

/**
 * The administrator policy a `data "aws_iam_policy"` finds, when its `arn` is one, or its
 * `name` is one with no `path_prefix` other than `/` (AWS managed policies live at `/`).
 */
function lookedUp(m: TerraformModule, address: string): { name: string; origin: Origin } | undefined {
  const ref = m.block(address);
  if (!ref || ref.block.type !== 'data') return undefined;
  const arn = m.attribute(ref, 'arn');
  if (arn) {
    const hit = stringAlternatives(arn.value).find((s) => ADMIN.test(s.value));
    return hit ? { name: hit.value.split('/').pop()!, origin: hit.origin } : undefined;
  }
  const prefix = m.attribute(ref, 'path_prefix');
  if (prefix && prefix.value.kind !== 'null') {
    const prefixes = stringAlternatives(prefix.value);
    if (!prefixes.length || prefixes.length !== alternatives(prefix.value).length || prefixes.some((s) => s.value !== '/')) return undefined;
  }
  const name = m.attribute(ref, 'name');
  const hit = name ? stringAlternatives(name.value).find((s) => ADMIN_NAMES.has(s.value)) : undefined;
  return hit ? { name: hit.value, origin: hit.origin } : undefined;
}
