import { alternatives, type Value } from '../eval/value';
import type { Policy } from '../iam/model';
import type { BlockRef, TerraformModule } from '../module/module';

/** A resource named by a reference (`aws_iam_group.g.name`) or by its literal name. */
export function referencedBlock(m: TerraformModule, v: Value, type: string): BlockRef | undefined {
  for (const x of alternatives(v)) {
    if (x.kind === 'unknown' && x.ref?.startsWith(`${type}.`)) return m.resources(type).find((r) => r.address === x.ref);
    if (x.kind === 'string' && x.known) {
      const byName = m.resources(type).find((r) => {
        const n = m.attribute(r, 'name')?.value;
        return n?.kind === 'string' && n.known && n.value === x.value;
      });
      if (byName) return byName;
    }
  }
  return undefined;
}

/**
 * Whether a policy reaches IAM users or groups (people with long-term keys): inline user
 * and group policies, and managed policies attached to users or groups.
 */
/** Whether an attachment resource's `policy_arn` refers to the policy's owner. */
function attaches(m: TerraformModule, attachment: BlockRef, p: Policy): boolean {
  const arn = m.attribute(attachment, 'policy_arn')?.value;
  return !!arn && alternatives(arn).some((x) => x.kind === 'unknown' && x.ref === p.owner.address);
}

export function reachesPeople(m: TerraformModule, p: Policy): boolean {
  const type = p.owner.block.labels[0]?.value;
  if (type === 'aws_iam_user_policy' || type === 'aws_iam_group_policy') return true;
  if (type !== 'aws_iam_policy') return false;
  const attached = (r: BlockRef) => attaches(m, r, p);
  if ([...m.resources('aws_iam_user_policy_attachment'), ...m.resources('aws_iam_group_policy_attachment')].some(attached)) return true;
  return m.resources('aws_iam_policy_attachment').some((r) => attached(r) && (m.attribute(r, 'users') || m.attribute(r, 'groups')));
}

/** The policies that apply to an IAM group: its inline policies and attached managed ones. */
export function groupPolicies(m: TerraformModule, group: BlockRef, policies: readonly Policy[]): Policy[] {
  const out: Policy[] = [];
  for (const p of policies) {
    const type = p.owner.block.labels[0]?.value;
    if (type === 'aws_iam_group_policy') {
      const g = m.attribute(p.owner, 'group');
      if (g && referencedBlock(m, g.value, 'aws_iam_group') === group) out.push(p);
    } else if (type === 'aws_iam_policy') {
      const attached = m.resources('aws_iam_group_policy_attachment').some((r) => {
        const g = m.attribute(r, 'group');
        return !!g && referencedBlock(m, g.value, 'aws_iam_group') === group && attaches(m, r, p);
      });
      if (attached) out.push(p);
    }
  }
  return out;
}
