import { parseJsonString } from '../eval/json';
import { alternatives, type Value } from '../eval/value';
import type { Condition, Located, PolicyError, Principal, Statement } from './model';

/**
 * Reads a policy Value in any written form into normalized statements. A string is
 * parsed as JSON (its `json` field, for `jsonencode` and policy documents, is used
 * directly, so ranges point into the HCL); then the JSON-shaped value is walked.
 */
export function readPolicyValue(v: Value): { statements: Statement[]; errors: PolicyError[]; document?: Value } {
  if (v.kind === 'choice') {
    // `cond ? policy_a : policy_b`: both may be applied, so both are read.
    const parts = v.options.filter((o) => o.kind !== 'null').map(readPolicyValue);
    return { statements: parts.flatMap((p) => p.statements), errors: parts.flatMap((p) => p.errors), document: parts[0]?.document };
  }
  const errors: PolicyError[] = [];
  let doc: Value = v;
  if (v.kind === 'string') {
    if (v.json) doc = v.json;
    else if (v.known || v.value.includes('"')) {
      // Text with parts known only at apply time (`"Resource": "${aws_sqs_queue.q.arn}"`)
      // is read anyway: those parts become unknown strings or values, the rest is exact.
      const parsed = parseJsonString(v);
      errors.push(...parsed.errors);
      doc = parsed.value;
    } else {
      return { statements: [], errors: [{ message: 'policy text is not known statically', origin: v.origin }] };
    }
  }
  // Known text that holds no JSON object (an ARN where a document goes) is a syntax error of
  // its own; an empty text (a variable's default) is left alone.
  const written = v.kind === 'string' && v.known && !v.json ? v.value.trim() : '';
  const problem = (message: string, code: string): PolicyError => ({ message, origin: doc.origin, ...(written ? { syntax: { code, text: written, line: 0, certain: true } } : {}) });
  if (doc.kind === 'unknown') return { statements: [], errors: [problem(`policy not known statically: ${doc.reason}`, 'NotJson')] };
  if (doc.kind !== 'object') return { statements: [], errors: [problem('a policy must be a JSON object', 'NotAnObject')], document: doc };
  const st = entry(doc, 'Statement');
  const statements: Statement[] = [];
  if (st) {
    for (const s of alternatives(st)) {
      if (s.kind === 'list') for (const item of s.items) for (const alt of alternatives(item)) statements.push(readStatement(alt));
      else if (s.kind === 'object') statements.push(readStatement(s));
      else statements.push(unknownStatement(s));
    }
  }
  return { statements, errors, document: doc };
}

/** Object keys in policies are case-sensitive in AWS, but Terraform users write `statement`-style keys only in HCL blocks; JSON keys are matched exactly, then case-insensitively. */
function entry(obj: Value, key: string): Value | undefined {
  if (obj.kind !== 'object') return undefined;
  return (obj.entries.find((e) => e.key === key) ?? obj.entries.find((e) => e.key.toLowerCase() === key.toLowerCase()))?.value;
}

function unknownStatement(v: Value): Statement {
  return { actions: [], notActions: [], resources: [], notResources: [], principals: [], notPrincipals: [], conditions: [], partial: true, origin: v.origin, raw: v };
}

function readStatement(s: Value): Statement {
  if (s.kind !== 'object') return unknownStatement(s);
  let partial = false;
  const strings = (key: string): Located[] => {
    const v = entry(s, key);
    if (!v) return [];
    const r = located(v);
    if (r.some((l) => !l.known)) partial = true;
    return r;
  };
  const principals = (key: string): Principal[] => {
    const v = entry(s, key);
    if (!v) return [];
    const out: Principal[] = [];
    for (const alt of alternatives(v)) {
      if (alt.kind === 'string') {
        out.push({ type: alt.known && alt.value === '*' ? '*' : 'AWS', id: { value: alt.value, origin: alt.origin, known: alt.known } });
      } else if (alt.kind === 'object') {
        for (const e of alt.entries) for (const id of located(e.value)) out.push({ type: e.key, id });
      } else {
        partial = true;
      }
    }
    if (out.some((p) => !p.id.known)) partial = true;
    return out;
  };
  const conditions: Condition[] = [];
  const cond = entry(s, 'Condition');
  if (cond) {
    for (const c of alternatives(cond)) {
      if (c.kind !== 'object') {
        partial = true;
        continue;
      }
      for (const op of c.entries) {
        const operator: Located = { value: op.key, origin: op.keyOrigin, known: true };
        for (const inner of alternatives(op.value)) {
          if (inner.kind !== 'object') {
            partial = true;
            continue;
          }
          for (const k of inner.entries) {
            conditions.push({ operator, key: { value: k.key, origin: k.keyOrigin, known: true }, values: located(k.value) });
          }
        }
      }
    }
  }
  const effectValue = entry(s, 'Effect');
  const effect = effectValue ? located(effectValue)[0] : undefined;
  const sidValue = entry(s, 'Sid');
  const sid = sidValue ? located(sidValue)[0] : undefined;
  // Reading the elements sets `partial` when one is not known: read them before using it.
  const actions = strings('Action');
  const notActions = strings('NotAction');
  const resources = strings('Resource');
  const notResources = strings('NotResource');
  const allowed = principals('Principal');
  const notPrincipals = principals('NotPrincipal');
  return {
    ...(sid ? { sid } : {}),
    ...(effect ? { effect } : {}),
    actions,
    notActions,
    resources,
    notResources,
    principals: allowed,
    notPrincipals,
    conditions,
    partial: partial || (effect !== undefined && !effect.known),
    origin: s.origin,
    raw: s,
  };
}

/** A string or list of strings (conditional branches included), each with its origin. */
function located(v: Value): Located[] {
  const out: Located[] = [];
  for (const alt of alternatives(v)) {
    if (alt.kind === 'string') out.push({ value: alt.value, origin: alt.origin, known: alt.known });
    else if (alt.kind === 'bool' || alt.kind === 'number') out.push({ value: String(alt.value), origin: alt.origin, known: true });
    else if (alt.kind === 'list') for (const i of alt.items) out.push(...located(i));
    else if (alt.kind === 'unknown') out.push({ value: alt.ref ? `\${${alt.ref}}` : '${…}', origin: alt.origin, known: false });
  }
  return out;
}
