import type { Expr } from '../hcl/ast';
import type { Span } from '../hcl/span';
import { type NestedGroup, type PrincipalItem, policyStatementValue, type StatementField } from '../eval/policy-statement';
import type { BuiltFunction } from '../eval/scope';
import { type Origin, unknown, type Value } from '../eval/value';

/**
 * The policy a terraform-aws-modules module writes from its `*_statements` inputs (maps or
 * lists of { actions, principals = [{ type, identifiers }], condition... }) and the
 * statements it generates itself. This is no Terraform function: synthesize.ts builds a
 * call expression for it (moduleStatementsCall) that only the module layer's EvalEnv
 * recognizes, by the expression object (EvalEnv.builtCall), never by a name a user could
 * write. Its arguments are evaluated in the caller, so every value keeps its origin there.
 */

/** Calls built by moduleStatementsCall; a user's text never produces one of these objects. */
const calls = new WeakSet<Expr>();

/**
 * A call of moduleStatements over `sources`, each evaluating to a map or a list of
 * statements (the module's own, then the caller's), placed at `at`.
 */
export function moduleStatementsCall(sources: Expr[], at: Span): Expr {
  // The name is for people reading a dump: it cannot be written in HCL, so nothing else matches it.
  const call: Expr = { type: 'call', name: '(registry module statements)', nameSpan: at, args: sources, expandLast: false, span: at };
  calls.add(call);
  return call;
}

/** For EvalEnv.builtCall: the function of a call built here, else undefined. */
export function registryBuiltCall(expr: Expr): BuiltFunction | undefined {
  return calls.has(expr) ? moduleStatements : undefined;
}

/** `{ Statement = [...] }` from sources of statements in the modules' statement form. */
export function moduleStatements(args: readonly Value[], origin: Origin): Value {
  const items: Value[] = [];
  for (const v of args) {
    if (v.kind !== 'object' && v.kind !== 'list') return unknown('module statements not known statically', origin);
    items.push(...(v.kind === 'object' ? v.entries.map((e) => e.value) : v.items));
  }
  const statements: Value[] = [];
  for (const st of items) {
    if (st.kind !== 'object') return unknown('a module statement not known statically', origin);
    const get = (k: string) => st.entries.find((e) => e.key === k);
    const field = (key: string): StatementField | undefined => {
      const e = get(key);
      return e ? { keyOrigin: e.keyOrigin, value: e.value } : undefined;
    };
    const objects = (v: Value): Extract<Value, { kind: 'object' }>[] => (v.kind === 'list' ? v.items.filter((x): x is Extract<Value, { kind: 'object' }> => x.kind === 'object') : []);
    const member = (o: Extract<Value, { kind: 'object' }>, k: string) => o.entries.find((x) => x.key === k)?.value;
    const principals = (key: string): NestedGroup<PrincipalItem> | undefined => {
      const e = get(key);
      if (!e || e.value.kind !== 'list') return undefined;
      return { keyOrigin: e.keyOrigin, origin: e.value.origin, items: objects(e.value).map((p) => ({ at: p.origin, type: member(p, 'type'), identifiers: member(p, 'identifiers') })) };
    };
    const cond = get('condition') ?? get('conditions');
    statements.push(
      policyStatementValue({
        origin: st.origin,
        sid: field('sid'),
        effect: field('effect'),
        defaultEffect: st.origin,
        actions: field('actions'),
        notActions: field('not_actions'),
        resources: field('resources'),
        notResources: field('not_resources'),
        principals: principals('principals'),
        notPrincipals: principals('not_principals'),
        ...(cond && cond.value.kind === 'list'
          ? { conditions: { keyOrigin: cond.keyOrigin, origin: cond.value.origin, items: objects(cond.value).map((c) => ({ at: c.origin, test: member(c, 'test'), variable: member(c, 'variable'), values: member(c, 'values') })) } }
          : {}),
      }),
    );
  }
  return { kind: 'object', entries: [{ key: 'Statement', keyOrigin: origin, value: { kind: 'list', items: statements, origin } }], origin };
}
