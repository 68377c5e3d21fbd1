import type { Condition, Located, Statement } from '../iam/model';
import { patternAccessLevels } from '../iam/catalogue';

/**
 * Condition keys that, with fixed values, restrict who or where the caller is: the keys AWS
 * names when it decides a policy is not public (S3 "The meaning of public", IAM Access
 * Analyzer), plus kms:CallerAccount for key policies. Keys any account can satisfy
 * (aws:username, aws:PrincipalType, aws:SecureTransport, kms:ViaService...) are not here.
 */
const NARROWING_KEYS = new Set(
  [
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpcArn',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:VpceAccount',
    'aws:VpceOrgID',
    'aws:VpceOrgPaths',
    // A unique user or role id (AIDA..., AROA...:session): S3 counts a fixed one as not public.
    'aws:userid',
    'kms:CallerAccount',
  ].map((k) => k.toLowerCase()),
);

/** Keys every authenticated request carries: `...IfExists` on them still requires a match. */
const ALWAYS_PRESENT = new Set(['aws:principalaccount', 'aws:principalarn', 'aws:userid']);

/** Operators that require the key to match one of the values (negations never narrow). */
const MATCHING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike', 'ipaddress']);
/** Operators whose values are patterns (`*`, `?`): ArnEquals matches like ArnLike in AWS. */
const PATTERN_OPERATORS = new Set(['stringlike', 'arnequals', 'arnlike']);

/**
 * Whether a condition, as AWS evaluates it, lets only callers from fixed accounts, orgs,
 * networks or resources through. Not narrowing: keys any account satisfies, negated
 * operators, `ForAllValues:` (true when the request lacks the key), `...IfExists` on keys a
 * request may lack, values that are or (with a Like / Arn operator) contain a wildcard or a
 * policy variable, and aws:SourceIp of `0.0.0.0/0` or `::/0`. Apply-time values of a
 * narrowing key do narrow: the author wrote a fixed key.
 */
export function conditionNarrowsCaller(c: Condition): boolean {
  if (!c.key.known) return true; // a condition we cannot read may narrow: do not accuse
  const key = c.key.value.toLowerCase();
  if (!NARROWING_KEYS.has(key)) return false;
  if (!c.operator.known) return true;
  let op = c.operator.value.toLowerCase();
  if (op.startsWith('forallvalues:')) return false;
  if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
  if (op.endsWith('ifexists')) {
    if (!ALWAYS_PRESENT.has(key)) return false;
    op = op.slice(0, -'ifexists'.length);
  }
  if (!MATCHING_OPERATORS.has(op)) return false;
  if (!c.values.length) return false;
  return c.values.every((v) => {
    if (!v.known) return true;
    const value = v.value.trim();
    if (value === '' || value === '*') return false;
    if (PATTERN_OPERATORS.has(op) && (/[*?]/.test(value) || value.includes('${'))) return false;
    if (op === 'stringequals' || op === 'stringequalsignorecase') {
      if (value.includes('${')) return false; // a policy variable: the caller's own value
    }
    if (key === 'aws:sourceip') return !/\/0$/.test(value);
    if (key === 'aws:userid') return value.toLowerCase() !== 'anonymous';
    return true;
  });
}

/** Whether any condition of a statement (they all must hold) narrows the caller. */
export function narrowsCaller(conditions: readonly Condition[]): boolean {
  return conditions.some(conditionNarrowsCaller);
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

// MFA semantics live in one place (mfa-condition.ts); re-exported for the rules that read them here.
export { isMfaCondition, mfaRequirement } from './mfa-condition';
