import type { Condition, Located, Statement } from '../iam/model';
import { patternAccessLevels } from '../iam/catalogue';

/** Condition keys that restrict who or where the caller is: a "public" grant with one is not public. */
const NARROWING_KEYS = new Set(
  [
    'aws:SourceVpce',
    'aws:SourceVpc',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceIp',
    'aws:SourceOwner',
    'aws:userid',
    'aws:username',
    'kms:CallerAccount',
    'kms:ViaService',
    'sns:Endpoint',
  ].map((k) => k.toLowerCase()),
);

export function narrowsCaller(conditions: readonly Condition[]): boolean {
  return conditions.some((c) => {
    if (!c.key.known) return true; // a condition we cannot read may narrow: do not accuse
    const key = c.key.value.toLowerCase();
    if (!NARROWING_KEYS.has(key)) return false;
    // `StringLike aws:PrincipalArn "*"` narrows nothing.
    return c.values.some((v) => !v.known || (v.value !== '*' && v.value !== ''));
  });
}

/** Principals that mean "anyone": `"*"`, `{"AWS": "*"}`, `{"AWS": "arn:aws:iam::*:root"}`. */
export function publicPrincipals(s: Statement): Located[] {
  return s.principals
    .filter((p) => p.id.known && (p.type === '*' || p.type === 'AWS') && (p.id.value === '*' || /^arn:aws[\w-]*:iam::\*:root$/.test(p.id.value)))
    .map((p) => p.id);
}

/** True when any action grants more than reading: write, permissions management, tagging, or `*`. */
export function grantsWrite(actions: readonly Located[]): boolean {
  return actions.some((a) => {
    if (!a.known) return false;
    if (a.value === '*' || /:\*$/.test(a.value)) return true;
    const levels = patternAccessLevels(a.value);
    return levels.has('Write') || levels.has('Permissions management') || levels.has('Tagging');
  });
}

export function isMfaCondition(c: Condition): boolean {
  const key = c.key.value.toLowerCase();
  const op = c.operator.value.toLowerCase();
  if (key === 'aws:multifactorauthpresent') return (op === 'bool' || op === 'boolifexists') && c.values.some((v) => v.known && v.value.toLowerCase() === 'true');
  if (key === 'aws:multifactorauthage') return /^numeric(lessthan|lessthanequals)(ifexists)?$/.test(op);
  return false;
}
