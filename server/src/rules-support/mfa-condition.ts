import type { Condition, Located } from '../iam/model';

/**
 * The one reading of MFA conditions every MFA rule shares: what a condition on
 * `aws:MultiFactorAuthPresent` / `aws:MultiFactorAuthAge` lets through, as AWS evaluates it.
 *
 * - Condition keys and operator names are matched case-insensitively (AWS does for keys;
 *   operators are read the same way so that no rule sees `bool` differently from `Bool`).
 * - `aws:MultiFactorAuthPresent` is absent (not false) from requests signed with long-term
 *   access keys, `false` for temporary credentials obtained without MFA, `true` with MFA.
 *   Only `...IfExists` operators match a request that lacks the key; `Null "true"` matches
 *   exactly those requests.
 * - The key's value is the string "true" or "false": `Bool` compares it case-insensitively,
 *   as do `StringEqualsIgnoreCase`; `StringEquals` compares it exactly. A JSON `true`
 *   and the string "true" are the same value (the policy reader turns both into "true").
 * - The values of one key are alternatives: `["true", "false"]` matches both, so it
 *   requires nothing. Values known only at apply time may be anything: they are never
 *   counted against the author (a condition with one is taken to require what its known
 *   values require).
 * - Set operators (`ForAnyValue:` / `ForAllValues:`) on these single-valued keys are not
 *   read as an MFA requirement.
 */

const PRESENT = 'aws:multifactorauthpresent';
const AGE = 'aws:multifactorauthage';
const EQUALITY = new Set(['bool', 'stringequals', 'stringequalsignorecase']);
const AGE_BOUND = new Set(['numericlessthan', 'numericlessthanequals']);

interface Operator {
  /** Lower case, without `IfExists`. */
  readonly base: string;
  readonly ifExists: boolean;
}

function operatorOf(c: Condition): Operator | undefined {
  if (!c.operator.known) return undefined;
  const op = c.operator.value.trim().toLowerCase();
  if (op.includes(':')) return undefined;
  return op.endsWith('ifexists') ? { base: op.slice(0, -'ifexists'.length), ifExists: true } : { base: op, ifExists: false };
}

function keyOf(c: Condition): 'present' | 'age' | undefined {
  if (!c.key.known) return undefined;
  const key = c.key.value.trim().toLowerCase();
  return key === PRESENT ? 'present' : key === AGE ? 'age' : undefined;
}

/** Whether a known value of an equality operator equals `want` as that operator compares. */
function equals(op: string, v: Located, want: 'true' | 'false'): boolean {
  return v.known && (op === 'stringequals' ? v.value === want : v.value.toLowerCase() === want);
}

/**
 * For an equality test of `aws:MultiFactorAuthPresent` (`Bool`, `StringEquals`,
 * `StringEqualsIgnoreCase`, with or without `IfExists`): whether it matches a request made
 * with MFA (`true`), one made with temporary credentials without MFA (`false`), and one
 * that lacks the key (long-term access keys).
 */
interface MfaPresentTest {
  readonly operator: Operator;
  readonly matchesTrue: boolean;
  readonly matchesFalse: boolean;
  readonly matchesAbsent: boolean;
  /** The first known value that matches `false`, where a finding about it belongs. */
  readonly falseValue?: Located;
}

export function mfaPresentTest(c: Condition): MfaPresentTest | undefined {
  const operator = operatorOf(c);
  if (keyOf(c) !== 'present' || !operator || !EQUALITY.has(operator.base)) return undefined;
  const matchesTrue = c.values.some((v) => equals(operator.base, v, 'true'));
  const falseValue = c.values.find((v) => equals(operator.base, v, 'false'));
  return { operator, matchesTrue, matchesFalse: falseValue !== undefined, matchesAbsent: operator.ifExists, ...(falseValue ? { falseValue } : {}) };
}

/**
 * What an MFA condition requires: `strict` (the present key equal to true, or an
 * `aws:MultiFactorAuthAge` upper bound, so requests signed with long-term keys fail),
 * `if-present` (the same with `IfExists`, which lets such requests through), or undefined
 * when it is no MFA requirement (another key, a test that also matches `false`, `Null`...).
 */
export function mfaRequirement(c: Condition): 'strict' | 'if-present' | undefined {
  const key = keyOf(c);
  if (key === 'present') {
    const t = mfaPresentTest(c);
    if (!t || !t.matchesTrue || t.matchesFalse) return undefined;
    return t.operator.ifExists ? 'if-present' : 'strict';
  }
  if (key === 'age') {
    const op = operatorOf(c);
    if (!op || !AGE_BOUND.has(op.base)) return undefined;
    return op.ifExists ? 'if-present' : 'strict';
  }
  return undefined;
}

/**
 * Whether a condition matches whenever MFA is absent from the request, long-term keys
 * included, so that a Deny carrying it applies to them: an `IfExists` equality test that
 * matches `false` (`BoolIfExists ... "false"`), or `Null ... "true"` (the key is absent:
 * the usual companion of a `Bool ... "false"` statement).
 */
export function mfaAbsenceCondition(c: Condition): boolean {
  const t = mfaPresentTest(c);
  if (t) return t.matchesAbsent && t.matchesFalse;
  const op = operatorOf(c);
  return keyOf(c) === 'present' && op?.base === 'null' && !op.ifExists && c.values.some((v) => v.known && v.value.toLowerCase() === 'true');
}

/**
 * An MFA condition that does not do what it says, for a statement's effect:
 * - `inverted`: an Allow whose present-key test matches only `false`: it allows exactly
 *   the requests without MFA;
 * - `allow-if-exists`: an Allow requiring MFA with `IfExists`: requests signed with
 *   long-term keys carry no MFA key at all, so they pass;
 * - `deny-without-if-exists`: a Deny of `false` without `IfExists`: requests signed with
 *   long-term keys lack the key, so the Deny does not match them.
 */
type MfaMistake = 'inverted' | 'allow-if-exists' | 'deny-without-if-exists';

export function mfaMistake(c: Condition, effect: string | undefined): MfaMistake | undefined {
  const t = mfaPresentTest(c);
  if (effect === 'Allow') {
    if (t && t.matchesFalse && !t.matchesTrue) return 'inverted';
    if (mfaRequirement(c) === 'if-present') return 'allow-if-exists';
  }
  if (effect === 'Deny' && t && t.matchesFalse && !t.matchesTrue && !t.operator.ifExists) return 'deny-without-if-exists';
  return undefined;
}

export function isMfaCondition(c: Condition): boolean {
  return mfaRequirement(c) !== undefined;
}

/** A condition that requires MFA even for requests signed with long-term keys (no IfExists). */
export function requiresMfaStrictly(c: Condition): boolean {
  return mfaRequirement(c) === 'strict';
}

/** A condition on `aws:MultiFactorAuthPresent` or `aws:MultiFactorAuthAge`, in any case. */
export function isMfaKey(c: Condition): boolean {
  return keyOf(c) !== undefined;
}
