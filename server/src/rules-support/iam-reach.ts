import { alternatives, type Value } from '../eval/value';
import type { Policy } from '../iam/model';
import type { BlockRef, TerraformModule } from '../module/module';

/** A resource named by a reference (`aws_iam_group.g.name`) or by its literal name. */
function referencedBlock(m: TerraformModule, v: Value, type: string): BlockRef | undefined {
  for (const x of alternatives(v)) {
    // By address, as the module indexes it (`aws_iam_user.u`, `module.users.aws_iam_user.this`).
    const byRef = x.kind === 'unknown' && x.ref ? m.resources(type).find((r) => r.address === x.ref) : undefined;
    if (byRef) return byRef;
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

/**
 * An IAM identity a policy applies to: a declared user, group or role (by address), or
 * one named by a literal name that no block of the module declares.
 */
export interface Holder {
  readonly kind: 'user' | 'group' | 'role';
  /** `aws_iam_user.alice`, or `user "alice"` for a name the module does not declare. */
  readonly key: string;
}

const HOLDER_TYPES = { user: 'aws_iam_user', group: 'aws_iam_group', role: 'aws_iam_role' } as const;

/** The identities a value names (a reference, a literal name, a list of them); `unknown` when one cannot be read. */
function holdersIn(m: TerraformModule, v: Value | undefined, kind: Holder['kind']): { holders: Holder[]; unknown: boolean } {
  const holders: Holder[] = [];
  let unknown = false;
  if (!v) return { holders, unknown };
  for (const alt of alternatives(v)) {
    for (const item of alt.kind === 'list' ? alt.items.flatMap(alternatives) : [alt]) {
      const block = referencedBlock(m, item, HOLDER_TYPES[kind]);
      if (block) holders.push({ kind, key: block.address });
      else if (item.kind === 'string' && item.known) holders.push({ kind, key: `${kind} ${JSON.stringify(item.value)}` });
      else unknown = true;
    }
  }
  return { holders, unknown };
}

/**
 * Who an identity policy applies to: the user, group or role of an inline policy, and the
 * holders of every attachment of a managed policy (`aws_iam_user_policy_attachment`,
 * `aws_iam_group_policy_attachment`, `aws_iam_role_policy_attachment`,
 * `aws_iam_policy_attachment`). `unknown` is true when some holder cannot be read.
 */
export function policyHolders(m: TerraformModule, p: Policy): { holders: Holder[]; unknown: boolean } {
  const type = p.owner.block.labels[0]?.value;
  if (type && type in INLINE) {
    const kind = INLINE[type as keyof typeof INLINE];
    const r = holdersIn(m, m.attribute(p.owner, kind)?.value, kind);
    return r.holders.length ? r : { holders: r.holders, unknown: true };
  }
  const holders: Holder[] = [];
  let unknown = false;
  if (type !== 'aws_iam_policy') return { holders, unknown: true };
  const add = (r: { holders: Holder[]; unknown: boolean }) => {
    holders.push(...r.holders);
    unknown ||= r.unknown;
  };
  for (const [attachment, attr, kind] of ATTACHMENTS) {
    for (const r of m.resources(attachment)) if (attaches(m, r, p)) add(holdersIn(m, m.attribute(r, attr)?.value, kind));
  }
  return { holders, unknown };
}

/** Inline policy resources and the kind of holder their argument names. */
const INLINE = { aws_iam_user_policy: 'user', aws_iam_group_policy: 'group', aws_iam_role_policy: 'role' } as const;

/** The resources that attach a managed policy to its holders: type, argument, kind of holder. */
const ATTACHMENTS = [
  ['aws_iam_user_policy_attachment', 'user', 'user'],
  ['aws_iam_group_policy_attachment', 'group', 'group'],
  ['aws_iam_role_policy_attachment', 'role', 'role'],
  ['aws_iam_policy_attachment', 'users', 'user'],
  ['aws_iam_policy_attachment', 'groups', 'group'],
  ['aws_iam_policy_attachment', 'roles', 'role'],
] as const;

/**
 * Group memberships the module declares: `aws_iam_user_group_membership` (a user and its
 * groups) and `aws_iam_group_membership` (a group and its users). Keyed by user, then by
 * group. Memberships made outside the module are not known: this is a lower bound.
 */
export function groupMemberships(m: TerraformModule): { groupsOf: Map<string, Set<string>>; membersOf: Map<string, Set<string>>; unknownMembers: Set<string> } {
  const groupsOf = new Map<string, Set<string>>();
  const membersOf = new Map<string, Set<string>>();
  /** Groups given a member that cannot be read statically. */
  const unknownMembers = new Set<string>();
  const link = (user: Holder, group: Holder) => {
    (groupsOf.get(user.key) ?? groupsOf.set(user.key, new Set()).get(user.key)!).add(group.key);
    (membersOf.get(group.key) ?? membersOf.set(group.key, new Set()).get(group.key)!).add(user.key);
  };
  for (const r of m.resources('aws_iam_user_group_membership')) {
    const users = holdersIn(m, m.attribute(r, 'user')?.value, 'user');
    const groups = holdersIn(m, m.attribute(r, 'groups')?.value, 'group').holders;
    for (const u of users.holders) for (const g of groups) link(u, g);
    if (users.unknown || !users.holders.length) for (const g of groups) unknownMembers.add(g.key);
  }
  for (const r of m.resources('aws_iam_group_membership')) {
    const groups = holdersIn(m, m.attribute(r, 'group')?.value, 'group').holders;
    const users = holdersIn(m, m.attribute(r, 'users')?.value, 'user');
    for (const u of users.holders) for (const g of groups) link(u, g);
    if (users.unknown) for (const g of groups) unknownMembers.add(g.key);
  }
  return { groupsOf, membersOf, unknownMembers };
}

/**
 * The access key of a user that signs in only with one: a user of the module with an
 * `aws_iam_access_key` and no `aws_iam_user_login_profile` (no console password). Such a
 * user is a workload's identity, which cannot present MFA. Undefined for anyone else.
 */
export function machineUserKey(m: TerraformModule, holder: Holder): string | undefined {
  if (holder.kind !== 'user') return undefined;
  const names = (type: string) => m.resources(type).filter((r) => holdersIn(m, m.attribute(r, 'user')?.value, 'user').holders.some((h) => h.key === holder.key));
  if (names('aws_iam_user_login_profile').length) return undefined;
  return names('aws_iam_access_key')[0]?.address;
}
