import { alternatives, type ObjectEntry, type Origin, type Value } from './value';

/**
 * One IAM statement as the JSON object AWS reads (`Sid`, `Effect`, `Action`...,
 * `Principal`, `Condition`), built from Terraform's statement fields: the one builder
 * for `data "aws_iam_policy_document"` statement blocks (iam/document.ts) and for the
 * `*_statements` inputs of registry modules (moduleStatements in registry/statements.ts),
 * which write the same fields as attributes of an object. Every value keeps its origin.
 *
 * As Terraform renders them:
 * - Effect defaults to Allow (its origin is where a finding about it should land);
 * - `principals` items of one type are merged under that type, their identifiers
 *   concatenated (each alternative of a conditional one included);
 * - `condition` items of one test are merged under that test, one key per variable;
 * - a type, test or variable not known statically is kept under `?` rather than dropped,
 *   so what is written beside it (an identifier `"*"`) is still read.
 */

/** A statement argument (`actions`) with where its name is written. */
export interface StatementField {
  readonly keyOrigin: Origin;
  readonly value: Value;
}

/** The `principals` / `condition` items of a statement, written or generated. */
export interface NestedGroup<T> {
  /** Where the group's key (`Principal`, `Condition`) belongs, and the group itself. */
  readonly keyOrigin: Origin;
  readonly origin: Origin;
  readonly items: readonly T[];
}

export interface PrincipalItem {
  /** Where the item is written (its block header, or the object). */
  readonly at: Origin;
  readonly type?: Value;
  readonly identifiers?: Value;
}

export interface ConditionItem {
  readonly at: Origin;
  readonly test?: Value;
  readonly variable?: Value;
  readonly values?: Value;
}

interface StatementParts {
  readonly origin: Origin;
  readonly sid?: StatementField;
  readonly effect?: StatementField;
  /** Where the default `Allow` is placed when no effect is written. */
  readonly defaultEffect: Origin;
  readonly actions?: StatementField;
  readonly notActions?: StatementField;
  readonly resources?: StatementField;
  readonly notResources?: StatementField;
  readonly principals?: NestedGroup<PrincipalItem>;
  readonly notPrincipals?: NestedGroup<PrincipalItem>;
  readonly conditions?: NestedGroup<ConditionItem>;
}

export function policyStatementValue(parts: StatementParts): Value {
  const entries: ObjectEntry[] = [];
  const put = (key: string, f: StatementField | undefined): void => {
    if (f) entries.push({ key, keyOrigin: f.keyOrigin, value: f.value });
  };
  put('Sid', parts.sid);
  entries.push(parts.effect ? { key: 'Effect', keyOrigin: parts.effect.keyOrigin, value: parts.effect.value } : { key: 'Effect', keyOrigin: parts.defaultEffect, value: knownString('Allow', parts.defaultEffect) });
  put('Action', parts.actions);
  put('NotAction', parts.notActions);
  put('Resource', parts.resources);
  put('NotResource', parts.notResources);
  for (const [key, group] of [
    ['Principal', parts.principals],
    ['NotPrincipal', parts.notPrincipals],
  ] as const) {
    if (!group) continue;
    const byType = new Map<string, { keyOrigin: Origin; items: Value[] }>();
    for (const p of group.items) {
      const typeName = knownText(p.type) ?? '?';
      const slot = byType.get(typeName) ?? { keyOrigin: p.type ? p.type.origin : p.at, items: [] };
      if (p.identifiers) for (const alt of alternatives(p.identifiers)) slot.items.push(...(alt.kind === 'list' ? alt.items : [alt]));
      byType.set(typeName, slot);
    }
    const byTypeEntries: ObjectEntry[] = [...byType].map(([k, s]) => ({ key: k, keyOrigin: s.keyOrigin, value: { kind: 'list', items: s.items, origin: s.keyOrigin } }));
    entries.push({ key, keyOrigin: group.keyOrigin, value: { kind: 'object', entries: byTypeEntries, origin: group.origin } });
  }
  if (parts.conditions) {
    const byTest = new Map<string, { keyOrigin: Origin; entries: ObjectEntry[] }>();
    for (const c of parts.conditions.items) {
      const testName = knownText(c.test) ?? '?';
      const slot = byTest.get(testName) ?? { keyOrigin: c.test ? c.test.origin : c.at, entries: [] };
      slot.entries.push({ key: knownText(c.variable) ?? '?', keyOrigin: c.variable ? c.variable.origin : c.at, value: c.values ?? { kind: 'list', items: [], origin: c.at } });
      byTest.set(testName, slot);
    }
    const byTestEntries: ObjectEntry[] = [...byTest].map(([k, s]) => ({ key: k, keyOrigin: s.keyOrigin, value: { kind: 'object', entries: s.entries, origin: s.keyOrigin } }));
    entries.push({ key: 'Condition', keyOrigin: parts.conditions.keyOrigin, value: { kind: 'object', entries: byTestEntries, origin: parts.conditions.origin } });
  }
  return { kind: 'object', entries, origin: parts.origin };
}

function knownText(v: Value | undefined): string | undefined {
  return v?.kind === 'string' && v.known ? v.value : undefined;
}

/** A literal the policy gets though nobody wrote it: every character maps to `origin`'s start. */
function knownString(value: string, origin: Origin): Value {
  return { kind: 'string', value, known: true, origin: { ...origin, offsets: Array.from({ length: value.length + 1 }, () => origin.span.start) } };
}
