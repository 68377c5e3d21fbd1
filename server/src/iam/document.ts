import type { Attribute, Block, HclFile } from '../hcl/ast';
import { evalIn, type EvalEnv, EvalScope, NO_LOCALS } from '../eval/evaluate';
import { policyStatementValue, type ConditionItem, type NestedGroup, type PrincipalItem, type StatementField } from '../eval/policy-statement';
import { alternatives, collectionPairs, type ObjectEntry, type Origin, type Value } from '../eval/value';
import { readPolicyValue } from './read';
import { isPure, pureValue } from '../eval/pure';

/**
 * `data "aws_iam_policy_document"` as the JSON document Terraform renders, but with
 * every value keeping its origin in the HCL blocks, so the same policy reader (and the
 * same rules) handle it like any JSON policy.
 */
export function policyDocumentValue(block: Block, file: HclFile, env: EvalEnv, depth: number): Value {
  const origin: Origin = { file: file.path, span: block.span };
  const scope = (locals: ReadonlyMap<string, Value> = NO_LOCALS) => new EvalScope(env, locals, depth + 1);
  const attr = (b: Block, name: string, locals?: ReadonlyMap<string, Value>): { a: Attribute; v: Value } | undefined => {
    const a = b.body.attributes.find((x) => x.name === name);
    if (!a) return undefined;
    // A literal (an action list) is the same in every module instance and every rebuild: kept with the expression.
    return { a, v: isPure(a.expr) ? pureValue(a.expr, env) : evalIn(a.expr, scope(locals)) };
  };

  const own: Value[] = [];
  for (const b of block.body.blocks) {
    if (b.type === 'statement') own.push(statementValue(b, file, attr));
    else if (b.type === 'dynamic' && b.labels[0]?.value === 'statement') own.push(...dynamicStatements(b, file, attr));
  }

  // source documents first, then this document's statements replace those with the same
  // sid; override documents last, replacing by sid or appending (Terraform's merge order).
  let statements: Value[] = [];
  for (const doc of documentList(attr(block, 'source_policy_documents')?.v)) statements = mergeBySid(statements, doc);
  statements = mergeBySid(statements, own);
  for (const doc of documentList(attr(block, 'override_policy_documents')?.v)) statements = mergeBySid(statements, doc);

  const entries: ObjectEntry[] = [];
  const version = attr(block, 'version');
  entries.push({ key: 'Version', keyOrigin: version ? at(file, version.a) : origin, value: version?.v ?? str('2012-10-17', origin) });
  const policyId = attr(block, 'policy_id');
  if (policyId) entries.push({ key: 'Id', keyOrigin: at(file, policyId.a), value: policyId.v });
  entries.push({ key: 'Statement', keyOrigin: origin, value: { kind: 'list', items: statements, origin } });
  return { kind: 'object', entries, origin };
}

type AttrFn = (b: Block, name: string, locals?: ReadonlyMap<string, Value>) => { a: Attribute; v: Value } | undefined;

function statementValue(b: Block, file: HclFile, attr: AttrFn, locals?: ReadonlyMap<string, Value>): Value {
  const field = (name: string): StatementField | undefined => {
    const r = attr(b, name, locals);
    return r ? { keyOrigin: at(file, r.a), value: r.v } : undefined;
  };
  const group = <T>(type: string, item: (block: Block, locals?: ReadonlyMap<string, Value>) => T): NestedGroup<T> | undefined => {
    const blocks = nestedBlocks(b, type, file, attr, locals);
    if (!blocks.length) return undefined;
    return { keyOrigin: header(file, blocks[0].block), origin: { file: file.path, span: blocks[0].block.span }, items: blocks.map(({ block, locals: l }) => item(block, l)) };
  };
  const principal = (p: Block, l?: ReadonlyMap<string, Value>): PrincipalItem => ({ at: header(file, p), type: attr(p, 'type', l)?.v, identifiers: attr(p, 'identifiers', l)?.v });
  return policyStatementValue({
    origin: { file: file.path, span: b.span },
    sid: field('sid'),
    effect: field('effect'),
    // Terraform's default effect is Allow; a finding about it lands on the statement header.
    defaultEffect: header(file, b),
    actions: field('actions'),
    notActions: field('not_actions'),
    resources: field('resources'),
    notResources: field('not_resources'),
    principals: group('principals', principal),
    notPrincipals: group('not_principals', principal),
    conditions: group('condition', (c, l): ConditionItem => ({ at: header(file, c), test: attr(c, 'test', l)?.v, variable: attr(c, 'variable', l)?.v, values: attr(c, 'values', l)?.v })),
  });
}

/**
 * The `condition` / `principals` blocks of a statement, written or generated: a
 * `dynamic "condition"` gives its content once per item of its collection, read with the
 * iterator bound (once with unknown values when the collection is not known).
 */
function nestedBlocks(b: Block, type: string, file: HclFile, attr: AttrFn, locals?: ReadonlyMap<string, Value>): { block: Block; locals?: ReadonlyMap<string, Value> }[] {
  const out: { block: Block; locals?: ReadonlyMap<string, Value> }[] = [];
  for (const x of b.body.blocks) {
    if (x.type === type) out.push({ block: x, locals });
    else if (x.type === 'dynamic' && x.labels[0]?.value === type) {
      const content = x.body.blocks.find((c) => c.type === 'content');
      if (!content) continue;
      for (const it of dynamicItems(x, type, file, attr, locals)) out.push({ block: content, locals: new Map([...(locals ?? []), it]) });
    }
  }
  return out;
}

/** The iterator bindings of a `dynamic` block: `[name, { key, value }]` per item of its `for_each`. */
function dynamicItems(b: Block, label: string, file: HclFile, attr: AttrFn, locals?: ReadonlyMap<string, Value>): [string, Value][] {
  const iterator = attr(b, 'iterator', locals);
  const name = iterator && iterator.a.expr.type === 'variable' ? iterator.a.expr.name : label;
  const forEach = attr(b, 'for_each', locals);
  const origin: Origin = { file: file.path, span: b.span };
  const unknownItem: Value = { kind: 'unknown', reason: 'dynamic block over a collection not known statically', origin };
  const items = (forEach && collectionPairs(forEach.v, 'index')) ?? [[unknownItem, unknownItem]];
  return items.map(([key, value]) => [name, { kind: 'object', entries: [{ key: 'key', keyOrigin: origin, value: key }, { key: 'value', keyOrigin: origin, value }], origin }]);
}

function dynamicStatements(b: Block, file: HclFile, attr: AttrFn): Value[] {
  const content = b.body.blocks.find((x) => x.type === 'content');
  if (!content) return [];
  // An unknown collection gives one statement whose iterator values are unknown, so what
  // is written literally in the content (an action "*") is still checked.
  return dynamicItems(b, 'statement', file, attr).map(([name, it]) => statementValue(content, file, attr, new Map([[name, it]])));
}

/** Statements of the documents in `source_policy_documents` / `override_policy_documents`. */
function documentList(v: Value | undefined): Value[][] {
  if (!v) return [];
  const docs: Value[][] = [];
  for (const alt of alternatives(v)) {
    const items = alt.kind === 'list' ? alt.items : [alt];
    for (const d of items) {
      const doc = readPolicyValue(d).document;
      const st = doc?.kind === 'object' ? doc.entries.find((e) => e.key === 'Statement')?.value : undefined;
      if (st?.kind === 'list') docs.push([...st.items]);
      else if (st) docs.push([st]);
    }
  }
  return docs;
}

function sidOf(v: Value): string | undefined {
  const s = v.kind === 'object' ? v.entries.find((e) => e.key === 'Sid')?.value : undefined;
  return s?.kind === 'string' && s.known && s.value !== '' ? s.value : undefined;
}

function mergeBySid(base: Value[], incoming: Value[]): Value[] {
  const out = [...base];
  for (const s of incoming) {
    const sid = sidOf(s);
    const at = sid === undefined ? -1 : out.findIndex((x) => sidOf(x) === sid);
    if (at >= 0) out[at] = s;
    else out.push(s);
  }
  return out;
}

function at(file: HclFile, a: Attribute): Origin {
  return { file: file.path, span: a.nameSpan };
}

function header(file: HclFile, b: Block): Origin {
  return { file: file.path, span: b.headerSpan };
}

function str(value: string, origin: Origin): Value {
  return { kind: 'string', value, known: true, origin: { ...origin, offsets: Array.from({ length: value.length + 1 }, () => origin.span.start) } };
}
