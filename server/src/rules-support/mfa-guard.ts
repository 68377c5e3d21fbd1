import { accessLevels, expandPattern, iamPatternRegExp } from '../iam/catalogue';
import type { Located, Policy, Statement } from '../iam/model';
import type { BlockRef, TerraformModule } from '../module/module';
import { groupMemberships, policyHolders, type Holder } from './iam-reach';
import { mfaAbsenceCondition, requiresMfaStrictly } from './mfa-condition';
import { parseIamArn } from './principal-kind';

/**
 * The "deny everything without MFA" guard, as AWS evaluates it. A `Deny` wins over every
 * `Allow` of the same principal, so a Deny that applies whenever MFA is absent makes the
 * Allows it covers require MFA: its conditions must each say "MFA is absent"
 * (mfaAbsenceCondition, in mfa-condition.ts). Every other condition of the statement is
 * ANDed with them and narrows the Deny, so a statement with any other condition is not
 * counted as a guard.
 */
/** A Deny statement whose only conditions say "MFA is absent". */
export function isMfaDenyGuard(s: Statement): boolean {
  return s.effect?.known === true && s.effect.value === 'Deny' && s.conditions.length > 0 && s.conditions.every(mfaAbsenceCondition) && s.principals.length === 0 && s.notPrincipals.length === 0;
}

/**
 * Actions the sensitive-actions rule cares about inside a pattern: permissions management
 * (per the action catalogue) and role assumption. `*` and `iam:*` contain many of them.
 */
const sensitiveCache = new Map<string, string[]>();
function sensitiveActionsIn(pattern: string): string[] {
  const key = pattern.toLowerCase();
  let out = sensitiveCache.get(key);
  if (!out) {
    const expanded = expandPattern(pattern);
    // A literal the catalogue does not know is kept as itself: it can only be matched by text.
    out = expanded.length ? expanded.filter(isSensitiveAction) : [pattern];
    sensitiveCache.set(key, out);
  }
  return out;
}

/** For a catalogued action name (what expandPattern returns): a direct lookup. */
function isSensitiveAction(action: string): boolean {
  return /^sts:assumerole$/i.test(action) || (accessLevels(action)?.includes('Permissions management') ?? false);
}

/**
 * Whether a guard's Deny applies to everything sensitive an allowed action pattern grants,
 * on every resource the Allow names.
 * - `Action` list: each sensitive action the pattern grants must be matched by a denied
 *   pattern (or the whole allowed pattern be contained in a denied one: `iam:*` ⊇ `iam:Put*`).
 * - `NotAction` list: the Deny applies to every action except those listed, so the guard
 *   covers the pattern only when no listed exemption matches one of its sensitive actions.
 *   The standard guard exempts MFA-device setup, `iam:ChangePassword`, `sts:GetSessionToken`:
 *   none of those is permissions management or role assumption, so it covers `*`; a guard
 *   exempting `iam:*` or `sts:AssumeRole` is no guard for them. An exemption we cannot
 *   read (apply-time value) could be anything: the guard does not count.
 * - Resources: the Deny must name `*` or patterns matching each allowed resource; a Deny
 *   with `NotResource` does not count.
 */
export function guardCovers(guard: Statement, allowed: Located, allowedResources: readonly Located[]): boolean {
  if (!allowed.known || !resourcesCovered(guard, allowedResources)) return false;
  const sensitive = sensitiveActionsIn(allowed.value);
  if (guard.actions.length && !guard.notActions.length) {
    const denied = guard.actions.filter((a) => a.known).map((a) => a.value);
    if (denied.some((d) => patternContains(d, allowed.value))) return true;
    return sensitive.length > 0 && sensitive.every((x) => denied.some((d) => iamPatternRegExp(d).test(x)));
  }
  if (guard.notActions.length && !guard.actions.length) {
    if (guard.notActions.some((n) => !n.known)) return false;
    return !guard.notActions.some((n) => sensitive.some((x) => iamPatternRegExp(n.value).test(x)));
  }
  return false;
}

function resourcesCovered(guard: Statement, allowed: readonly Located[]): boolean {
  if (guard.notResources.length || !guard.resources.length) return false;
  const denied = guard.resources.filter((r) => r.known).map((r) => r.value);
  if (denied.includes('*')) return true;
  return allowed.length > 0 && allowed.every((r) => r.known && denied.some((d) => patternContains(d, r.value)));
}

/** The guard statements of some policies. */
function mfaGuards(policies: Iterable<Policy>): Statement[] {
  const out: Statement[] = [];
  for (const p of policies) for (const s of p.statements) if (isMfaDenyGuard(s)) out.push(s);
  return out;
}

/**
 * Whether every string `inner` matches is matched by `outer` (both IAM patterns): outer's
 * `*` may absorb anything, including inner's wildcards; its `?` and literal characters must
 * meet literal characters of inner. A sufficient test, which is all a guard needs.
 */
export function patternContains(outer: string, inner: string): boolean {
  const o = outer.toLowerCase();
  const i = inner.toLowerCase();
  // Dynamic programming over (position in outer, position in inner).
  let row = new Array<boolean>(i.length + 1).fill(false);
  row[0] = true;
  for (let a = 0; a < o.length; a++) {
    const next = new Array<boolean>(i.length + 1).fill(false);
    const c = o[a];
    for (let b = 0; b <= i.length; b++) {
      if (c === '*') {
        next[b] = row[b] || (b > 0 && next[b - 1]);
      } else if (b > 0 && row[b - 1]) {
        const d = i[b - 1];
        next[b] = d !== '*' && d !== '?' && (c === '?' || c === d);
      }
    }
    row = next;
  }
  return row[i.length];
}

/**
 * The MFA guards that apply to each IAM user and group of a module: those in its own
 * policies (inline or attached) and, for a user, those of the groups it belongs to.
 */
export class GuardIndex {
  private readonly own = new Map<string, Statement[]>();
  private readonly groupsOf: Map<string, Set<string>>;
  private readonly membersOf: Map<string, Set<string>>;
  private readonly unknownMembers: Set<string>;
  readonly holders = new Map<Policy, { holders: Holder[]; unknown: boolean }>();

  constructor(m: TerraformModule, policies: readonly Policy[]) {
    ({ groupsOf: this.groupsOf, membersOf: this.membersOf, unknownMembers: this.unknownMembers } = groupMemberships(m));
    for (const p of policies) {
      if (p.kind !== 'identity') continue;
      const h = policyHolders(m, p);
      this.holders.set(p, h);
      const guards = mfaGuards([p]);
      if (!guards.length) continue;
      for (const x of h.holders) this.own.set(x.key, [...(this.own.get(x.key) ?? []), ...guards]);
    }
  }

  /** Guards applying to a user (its own and its groups') or to a group (its own). */
  guardsOf(h: Holder): Statement[] {
    const out = [...(this.own.get(h.key) ?? [])];
    if (h.kind === 'user') for (const g of this.groupsOf.get(h.key) ?? []) out.push(...(this.own.get(g) ?? []));
    return out;
  }

  /**
   * Whether some guard of the identity passes `test`. For a group without a passing guard
   * of its own: whether every member the module puts in it (none unknown, at least one)
   * has one through its own policies or its other groups.
   */
  covered(h: Holder, test: (guard: Statement) => boolean): boolean {
    if (this.guardsOf(h).some(test)) return true;
    if (h.kind !== 'group' || this.unknownMembers.has(h.key)) return false;
    const members = [...(this.membersOf.get(h.key) ?? [])];
    return members.length > 0 && members.every((key) => this.guardsOf({ kind: 'user', key }).some(test));
  }
}

export { requiresMfaStrictly };

/**
 * Whether a role's trust policy lets IAM identities (`AWS` principals) assume it only with
 * MFA: the role has a readable trust policy, at least one statement that may allow
 * `sts:AssumeRole` to an `AWS` principal, and every such statement requires MFA (`Bool`
 * true or an `aws:MultiFactorAuthAge` bound). Statements for services and identity
 * providers do not matter: an IAM user cannot assume the role through them.
 */
export function trustRequiresMfa(role: BlockRef, policies: readonly Policy[]): boolean {
  const trust = policies.filter((p) => p.kind === 'trust' && p.owner === role);
  if (trust.length !== 1 || trust[0].errors.length) return false;
  let relevant = 0;
  for (const s of trust[0].statements) {
    if (s.effect?.known && s.effect.value !== 'Allow') continue;
    const mayAssume = s.notActions.length > 0 || s.actions.length === 0 || s.actions.some((a) => !a.known || iamPatternRegExp(a.value).test('sts:AssumeRole'));
    const mayBeIam = s.notPrincipals.length > 0 || s.principals.length === 0 || s.principals.some((p) => p.type === 'AWS' || p.type === '*' || !['Service', 'Federated', 'CanonicalUser'].includes(p.type));
    if (!mayAssume || !mayBeIam) continue;
    relevant++;
    if (!s.conditions.some(requiresMfaStrictly)) return false;
  }
  return relevant > 0;
}

/**
 * The role of the module a `Resource` names: a reference (`aws_iam_role.admin.arn`, read
 * as `${aws_iam_role.admin}`), or an ARN, literal or with apply-time parts, whose role
 * name (the last path segment) is the known `name` of one role. Wildcards name no role.
 */
export function namedRole(m: TerraformModule, r: Located): BlockRef | undefined {
  // A reference reads as `${address}` (iam/read.ts): the role of that address, as the module
  // indexes it (`aws_iam_role.admin`, `module.admin.aws_iam_role.this`).
  if (!r.known && r.value.startsWith('${')) {
    const role = m.resources('aws_iam_role').find((x) => r.value === `\${${x.address}}`);
    if (role) return role;
  }
  const arn = parseIamArn(r);
  if (!arn || arn.service !== 'iam' || arn.resourceType !== 'role') return undefined;
  const name = arn.resourceName.split('/').pop() ?? '';
  if (!name || /[*?]|\$\{/.test(name)) return undefined;
  const matches = m.resources('aws_iam_role').filter((x) => {
    const n = m.attribute(x, 'name')?.value;
    return n?.kind === 'string' && n.known && n.value === name;
  });
  return matches.length === 1 ? matches[0] : undefined;
}
