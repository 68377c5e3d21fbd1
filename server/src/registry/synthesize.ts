import type { Attribute, Block, Body, Expr, HclFile } from '../hcl/ast';
import type { Span } from '../hcl/span';
import type { Value } from '../eval/value';
import { type AttributeSpec, type Condition, knownModule, type PolicySpec, type RepeatedBlockSpec } from './table';
import type { ModuleResourceAddress } from './address';
import { moduleStatementsCall } from './statements';
import { allowsAtLeast, parseVersion } from './version';

/** A resource a known registry module would create, written as if the caller declared it. */
export interface SynthesizedResource {
  readonly block: Block;
  readonly file: HclFile;
  /** Its module path, type and name (`formatAddress`: `module.assets.aws_s3_bucket.this`). */
  readonly address: ModuleResourceAddress;
  /** `module.assets`. */
  readonly call: string;
  /** The caller's `module` block. */
  readonly callBlock: Block;
  /** Which module input each argument came from, by the span it points at in the caller. */
  readonly inputsBySpan: ReadonlyMap<string, { input: string; fromDefault: boolean }>;
  /** The arguments that hold a module default, with the input that would set them. */
  readonly defaultInputs: ReadonlyMap<Attribute, string>;
  /**
   * What the module writes by default that this call turned off, and the caller's argument
   * that did: a resource type, or the `id` of a fixed statement (`mfa-enforcement`).
   */
  readonly switchedOff: readonly SwitchedOff[];
  /** The caller's argument that made the module create this resource (`website_configuration`). */
  readonly createdBy?: string;
}

interface SwitchedOff {
  readonly type: string;
  readonly argument: Attribute;
}

export const spanKey = (s: Span): string => `${s.start}:${s.end}`;

/**
 * For a `module` block whose source is a well-known registry module, the resources it
 * creates, with arguments that are the caller's own expressions (so findings land on the
 * argument in the caller) or, for defaults, literals placed on the module block's header.
 * `evaluateInput` evaluates a caller argument in the caller's module.
 */
export function synthesizeModuleCall(
  call: Block,
  file: HclFile,
  source: string,
  version: string | undefined,
  evaluateInput: (attribute: Attribute) => Value,
): SynthesizedResource[] {
  const known = knownModule(source);
  const callName = call.labels[0]?.value;
  if (!known || !callName) return [];
  const args = new Map(call.body.attributes.map((a) => [a.name, a]));
  // `create = false` / `enabled = false`: the module creates nothing.
  if (known.enabled && !created(known.enabled, args, version, evaluateInput)) return [];
  const out: SynthesizedResource[] = [];
  const switchedOff: SwitchedOff[] = [];
  const inputMaps: Map<string, { input: string; fromDefault: boolean }>[] = [];
  for (const spec of known.resources) {
    // A resource that later versions added does not exist in the versions the constraint allows.
    if (spec.since && !allowsAtLeast(version, parseVersion(spec.since)!)) continue;
    if (spec.whenAll && !spec.whenAll.every((c) => created(c, args, version, evaluateInput))) continue;
    if (!created(spec.when, args, version, evaluateInput)) {
      const argument = spec.when && !Array.isArray(spec.when) ? turnedOffBy(spec.when as Condition, args, version) : undefined;
      if (argument) switchedOff.push({ type: spec.type, argument });
      continue;
    }
    const whenArgs = spec.when ? [spec.when].flat().map((c) => args.get(c.input)) : [];
    // Which of the caller's arguments made the module create it (a condition it satisfies).
    const conditions = [...(spec.when ? [spec.when].flat() : []), ...(spec.whenAll ?? [])];
    const createdBy = conditions.find((c) => args.has(c.input) && created(c, args, version, evaluateInput))?.input;
    const forEachArg = spec.forEach ? args.get(spec.forEach) : undefined;
    const entries: (Entry | undefined)[] = spec.forEach ? entriesOf(forEachArg, evaluateInput) : [undefined];
    for (const entry of entries) {
      const inputsBySpan = new Map<string, { input: string; fromDefault: boolean }>();
      if (forEachArg) inputsBySpan.set(spanKey(forEachArg.expr.span), { input: forEachArg.name, fromDefault: false });
      const defaultInputs = new Map<Attribute, string>();
      const extraBlocks: Block[] = [];
      const ctx: Context = { call, args, version, callName, inputsBySpan, defaultInputs, switchedOff, evaluate: evaluateInput, item: entry?.expr, extraBlocks, resourceName: `${spec.name}${entry ? `[${entry.key}]` : ''}` };
      // Constant arguments land on the input that made the module create the resource.
      const attributes = attributesFor(spec.attributes, ctx, whenArgs.find((a) => a !== undefined));
      const blocks: Block[] = Object.entries(spec.blocks ?? {}).map(([type, attrs]) => syntheticBlock(type, [], attributesFor(attrs, ctx), call));
      for (const repeated of spec.repeatedBlocks ?? []) blocks.push(...repeatedBlocks(repeated, ctx));
      if (spec.policy) {
        const policy = modulePolicy(spec.policy, ctx);
        if (policy) attributes.push(policy);
      }
      // Labelled as in the module; the module path is kept in `address` (the module indexes it there).
      const address: ModuleResourceAddress = { modulePath: [callName], mode: 'managed', type: spec.type, name: ctx.resourceName };
      // Findings about the resource itself land on the argument that asked for it.
      const block = syntheticBlock('resource', [spec.type, ctx.resourceName], attributes, call, blocks, createdBy ? args.get(createdBy)!.expr.span : undefined);
      out.push({ block, file, address, call: `module.${callName}`, callBlock: call, inputsBySpan, defaultInputs, switchedOff, createdBy });
      // The policy document a module merges documents in (see modulePolicy), read like the caller's own.
      for (const extra of extraBlocks) {
        const doc: ModuleResourceAddress = { modulePath: [callName], mode: 'data', type: extra.labels[0].value, name: extra.labels[1].value };
        out.push({ block: extra, file, address: doc, call: `module.${callName}`, callBlock: call, inputsBySpan, defaultInputs, switchedOff });
      }
      inputMaps.push(inputsBySpan);
    }
  }
  // A finding about what an argument turned off lands on it: it is the caller's own input.
  for (const { argument } of switchedOff) {
    for (const inputs of inputMaps) inputs.set(spanKey(argument.expr.span), { input: argument.name, fromDefault: false });
  }
  return out;
}

interface Context {
  readonly call: Block;
  readonly args: ReadonlyMap<string, Attribute>;
  readonly version: string | undefined;
  readonly callName: string;
  readonly inputsBySpan: Map<string, { input: string; fromDefault: boolean }>;
  readonly defaultInputs: Map<Attribute, string>;
  readonly switchedOff: SwitchedOff[];
  readonly evaluate: (a: Attribute) => Value;
  /** Inside a `forEach` resource or a repeated block: the current entry, `input[key]`. */
  readonly item?: Expr;
  /** Blocks the resource needs besides itself (the policy document of modulePolicy). */
  readonly extraBlocks: Block[];
  /** The resource's name in the module, with its entry key: `default`, `this["a"]`. */
  readonly resourceName: string;
}

/** One entry of a map or list input, as an index into the caller's own expression. */
interface Entry {
  readonly key: string;
  readonly expr: Expr;
}

/**
 * The entries of a caller argument, each as `argument[key]`, so that whatever a rule reads
 * from it keeps its place in the caller. An argument whose entries are not known statically
 * yields none: the module's resources for it cannot be told apart.
 */
function entriesOf(arg: Attribute | undefined, evaluate: (a: Attribute) => Value): Entry[] {
  if (!arg) return [];
  const v = evaluate(arg);
  const at = arg.expr.span;
  if (v.kind === 'object') {
    return v.entries.map((e) => ({ key: JSON.stringify(e.key), expr: { type: 'index', object: arg.expr, key: literalExpr(e.key, at)!, span: at } }));
  }
  if (v.kind === 'list') {
    return v.items.map((_, i) => ({ key: String(i), expr: { type: 'index', object: arg.expr, key: literalExpr(i, at)!, span: at } }));
  }
  return [];
}

/** The caller's argument for a condition's input (under its older name for older versions). */
function conditionArgument(condition: Condition, args: ReadonlyMap<string, Attribute>, version: string | undefined): Attribute | undefined {
  const name = condition.alias && !allowsAtLeast(version, parseVersion(condition.alias.until)!) ? condition.alias.input : condition.input;
  return args.get(name);
}

/** For a condition that does not hold although its default is on, the argument that turned it off. */
function turnedOffBy(condition: Condition, args: ReadonlyMap<string, Attribute>, version: string | undefined): Attribute | undefined {
  return condition.default === true ? conditionArgument(condition, args, version) : undefined;
}

function created(when: Condition | readonly Condition[] | undefined, args: ReadonlyMap<string, Attribute>, version: string | undefined, evaluate: (a: Attribute) => Value): boolean {
  if (!when) return true;
  if (Array.isArray(when)) return when.some((c) => created(c, args, version, evaluate));
  const condition = when as Condition;
  const arg = conditionArgument(condition, args, version);
  if (condition.empty || condition.in || condition.notIn) {
    const v = arg ? evaluate(arg) : undefined;
    // Unknown values: assume the condition holds, so what depends on it is checked.
    if (condition.empty) {
      if (!v) return [undefined, null, ''].includes(condition.default as never) || (Array.isArray(condition.default) && condition.default.length === 0);
      return v.kind === 'null' || isEmpty(v) || !isKnownScalarOrCollection(v);
    }
    const value = v ? scalarOf(v) : { value: condition.default ?? null };
    if (!value) return true;
    return condition.in ? condition.in.includes(value.value) : !condition.notIn!.includes(value.value);
  }
  if (!arg) {
    if (condition.notNull || condition.notEmpty) return condition.default !== undefined && condition.default !== null;
    return condition.default === true;
  }
  const v = evaluate(arg);
  if (v.kind === 'null') return false;
  if (condition.notNull) return true;
  if (condition.notEmpty) return !isEmpty(v);
  // Unknown or conditional values: assume the resource exists, so its settings are checked.
  return !(v.kind === 'bool' && !v.value);
}

function isEmpty(v: Value): boolean {
  return (v.kind === 'object' && v.entries.length === 0) || (v.kind === 'list' && v.items.length === 0) || (v.kind === 'string' && v.known && v.value === '');
}

function isKnownScalarOrCollection(v: Value): boolean {
  return v.kind === 'object' || v.kind === 'list' || v.kind === 'bool' || v.kind === 'number' || (v.kind === 'string' && v.known);
}

/** A value known statically as a JSON scalar (null, bool, number, string), else undefined. */
function scalarOf(v: Value): { value: unknown } | undefined {
  if (v.kind === 'null') return { value: null };
  if (v.kind === 'bool' || v.kind === 'number') return { value: v.value };
  if (v.kind === 'string' && v.known) return { value: v.value };
  return undefined;
}

function attributesFor(specs: Readonly<Record<string, AttributeSpec>>, ctx: Context, whenArg?: Attribute): Attribute[] {
  const { call, args, version, callName, inputsBySpan } = ctx;
  const out: Attribute[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.when && !created(spec.when, args, version, ctx.evaluate)) continue;
    if (spec.each) {
      if (!ctx.item) continue;
      const at = ctx.item.span;
      const expr: Expr =
        spec.each === 'value'
          ? ctx.item
          : { type: 'call', name: 'try', nameSpan: at, args: [{ type: 'getattr', object: ctx.item, name: spec.each, nameSpan: at, span: at }, { type: 'null', span: at }], expandLast: false, span: at };
      out.push({ kind: 'attribute', name, nameSpan: at, expr, span: at });
      continue;
    }
    if (!spec.input && !spec.ref) {
      const at = whenArg ? whenArg.expr.span : call.headerSpan;
      const literal = literalExpr(spec.default, at);
      if (literal) out.push({ kind: 'attribute', name, nameSpan: at, expr: literal, span: at });
      if (literal && whenArg) inputsBySpan.set(spanKey(at), { input: whenArg.name, fromDefault: false });
      continue;
    }
    if (spec.ref) {
      const [type, resName, attr] = spec.ref.split('.');
      out.push(attribute(name, reference({ modulePath: [callName], mode: 'managed', type, name: resName }, call.headerSpan, attr), call));
      continue;
    }
    if (!spec.input) continue;
    const arg = args.get(spec.input);
    if (arg) {
      out.push({ kind: 'attribute', name, nameSpan: arg.nameSpan, expr: arg.expr, span: arg.span });
      inputsBySpan.set(spanKey(arg.expr.span), { input: spec.input, fromDefault: false });
      continue;
    }
    const value = spec.since && !allowsAtLeast(version, parseVersion(spec.since)!) ? spec.before : spec.default;
    const literal = value === undefined || value === null ? undefined : literalExpr(value, call.headerSpan);
    if (!literal) continue;
    const defaulted = attribute(name, literal, call);
    out.push(defaulted);
    ctx.defaultInputs.set(defaulted, spec.input);
    inputsBySpan.set(spanKey(call.headerSpan), { input: spec.input, fromDefault: true });
  }
  return out;
}

/** `dynamic` blocks: one block per entry of the input, inside their enclosing blocks. */
function repeatedBlocks(spec: RepeatedBlockSpec, ctx: Context): Block[] {
  if (spec.when && !created(spec.when, ctx.args, ctx.version, ctx.evaluate)) return [];
  const arg = ctx.args.get(spec.input);
  const entries = entriesOf(arg, ctx.evaluate);
  if (!arg || !entries.length) return [];
  ctx.inputsBySpan.set(spanKey(arg.expr.span), { input: spec.input, fromDefault: false });
  const type = spec.path[spec.path.length - 1];
  let blocks = entries.map((e) => {
    const inner = { ...ctx, item: e.expr };
    const nested = Object.entries(spec.blocks ?? {}).map(([t, attrs]) => syntheticBlock(t, [], attributesFor(attrs, inner), ctx.call));
    return syntheticBlock(type, [], attributesFor(spec.attributes, inner), ctx.call, nested);
  });
  for (const outer of spec.path.slice(0, -1).reverse()) blocks = [syntheticBlock(outer, [], [], ctx.call, blocks)];
  return blocks;
}

/**
 * The policy a module writes: the caller's whole policy when it passes one, otherwise the
 * statements the module generates, in the module's statement form and converted by
 * moduleStatements (statements.ts): one per principal-list input the caller sets (its
 * constants placed on that input, so findings land there) and the caller's own statements.
 */
function modulePolicy(spec: PolicySpec, ctx: Context): Attribute | undefined {
  const { call, args, inputsBySpan } = ctx;
  const override = spec.overrideInput ? args.get(spec.overrideInput) : undefined;
  if (override) {
    inputsBySpan.set(spanKey(override.expr.span), { input: override.name, fromDefault: false });
    return { kind: 'attribute', name: spec.attribute, nameSpan: override.nameSpan, expr: override.expr, span: override.span };
  }
  const mfaArg = spec.mfaInput ? args.get(spec.mfaInput) : undefined;
  const mfaValue = mfaArg ? ctx.evaluate(mfaArg) : undefined;
  const mfa = mfaValue ? !(mfaValue.kind === 'bool' && !mfaValue.value) : spec.mfaDefault === true;
  const generated: Expr[] = [];
  for (const st of spec.principalStatements ?? []) {
    const arg = args.get(st.input);
    if (!arg) continue;
    inputsBySpan.set(spanKey(arg.expr.span), { input: st.input, fromDefault: false });
    const at = arg.expr.span;
    const str = (value: string): Expr => literalExpr(value, at)!;
    const list = (values: readonly string[]): Expr => ({ type: 'tuple', items: values.map(str), span: at });
    const obj = (items: [string, Expr][]): Expr => ({ type: 'object', items: items.map(([k, v]) => ({ key: str(k), value: v, span: at })), span: at });
    const items: [string, Expr][] = [
      ['actions', list(st.actions)],
      ['principals', { type: 'tuple', items: [obj([['type', str(st.principal)], ['identifiers', arg.expr]])], span: at }],
    ];
    if (st.sid) items.push(['sid', str(st.sid)]);
    if (st.resources) items.push(['resources', list(st.resources)]);
    if (st.mfa && mfa) items.push(['condition', literalExpr([{ test: 'Bool', variable: 'aws:MultiFactorAuthPresent', values: ['true'] }], at)!]);
    generated.push(obj(items));
  }
  for (const fixed of spec.fixedStatements ?? []) {
    const failed = (fixed.when ?? []).find((c) => !created(c, args, ctx.version, ctx.evaluate));
    if (!failed) generated.push(literalExpr(fixed.statement, call.headerSpan)!);
    const argument = failed && fixed.id ? turnedOffBy(failed, args, ctx.version) : undefined;
    if (argument && !ctx.switchedOff.some((x) => x.type === fixed.id)) ctx.switchedOff.push({ type: fixed.id!, argument });
  }
  for (const st of spec.actionStatements ?? []) {
    const arg = args.get(st.actionsInput);
    if (arg) inputsBySpan.set(spanKey(arg.expr.span), { input: st.actionsInput, fromDefault: false });
    const at = arg ? arg.expr.span : call.headerSpan;
    const resourcesArg = st.resourcesInput ? args.get(st.resourcesInput) : undefined;
    if (resourcesArg) inputsBySpan.set(spanKey(resourcesArg.expr.span), { input: resourcesArg.name, fromDefault: false });
    const resources: Expr = resourcesArg ? resourcesArg.expr : {
      type: 'tuple',
      items: (st.resourceRefs ?? []).map((ref) => {
        const [type, name, attr] = ref.split('.');
        return reference({ modulePath: [ctx.callName], mode: 'managed', type, name }, call.headerSpan, attr);
      }),
      span: call.headerSpan,
    };
    const statement: Record<string, Expr> = { actions: arg ? arg.expr : literalExpr(st.actionsDefault, at)!, resources };
    if (st.sid) statement.sid = literalExpr(st.sid, at)!;
    generated.push({ type: 'object', items: Object.entries(statement).map(([k, v]) => ({ key: literalExpr(k, at)!, value: v, span: at })), span: at });
  }
  const statementsArg = spec.statementsInput ? args.get(spec.statementsInput) : undefined;
  if (statementsArg) inputsBySpan.set(spanKey(statementsArg.expr.span), { input: statementsArg.name, fromDefault: false });
  const sourceArgs = (spec.sourceDocumentInputs ?? []).flatMap((name) => args.get(name) ?? []);
  const overrideArg = spec.overrideDocumentsInput ? args.get(spec.overrideDocumentsInput) : undefined;
  for (const a of [...sourceArgs, ...(overrideArg ? [overrideArg] : [])]) inputsBySpan.set(spanKey(a.expr.span), { input: a.name, fromDefault: false });
  if (!generated.length && !statementsArg && !sourceArgs.length && !overrideArg) return undefined;
  const at = call.headerSpan;
  const statements: Expr[] = [{ type: 'tuple', items: generated, span: at }, ...(statementsArg ? [statementsArg.expr] : [])];
  const inner = moduleStatementsCall(statements, at);
  const own: Expr = { type: 'call', name: 'jsonencode', nameSpan: at, args: [inner], expandLast: false, span: at };
  if (!sourceArgs.length && !overrideArg) return attribute(spec.attribute, own, call);
  // Whole documents the caller passes are merged by sid with what the module writes, as the
  // module does with an aws_iam_policy_document: one is synthesized with the caller's
  // expressions, and the policy reads its json (so documents it names are read there once).
  const name = `${ctx.resourceName}_${spec.attribute}`;
  const docAttrs: Attribute[] = [attribute('source_policy_documents', { type: 'tuple', items: [own, ...sourceArgs.map((a) => a.expr)], span: at }, call)];
  if (overrideArg) docAttrs.push({ kind: 'attribute', name: 'override_policy_documents', nameSpan: overrideArg.nameSpan, expr: overrideArg.expr, span: overrideArg.span });
  ctx.extraBlocks.push(syntheticBlock('data', ['aws_iam_policy_document', name], docAttrs, call));
  const json = reference({ modulePath: [ctx.callName], mode: 'data', type: 'aws_iam_policy_document', name }, at, 'json');
  return attribute(spec.attribute, json, call);
}

function attribute(name: string, expr: Expr, call: Block): Attribute {
  return { kind: 'attribute', name, nameSpan: call.headerSpan, expr, span: call.headerSpan };
}

/** A JSON value from the table as an expression whose every part points at `at`. */
function literalExpr(value: unknown, at: Span): Expr | undefined {
  if (Array.isArray(value)) return { type: 'tuple', items: value.flatMap((v) => literalExpr(v, at) ?? []), span: at };
  if (value && typeof value === 'object') {
    const items = Object.entries(value).flatMap(([k, v]) => {
      const item = literalExpr(v, at);
      return item ? [{ key: literalExpr(k, at)!, value: item, span: at }] : [];
    });
    return { type: 'object', items, span: at };
  }
  if (typeof value === 'boolean') return { type: 'bool', value, span: at };
  if (typeof value === 'number') return { type: 'number', value, raw: String(value), span: at };
  if (typeof value === 'string') {
    // Every character points at the header: a finding on a default lands there.
    const offsets = Array.from({ length: value.length + 1 }, () => at.start);
    return { type: 'template', parts: [{ kind: 'text', piece: { value, span: at, offsets } }], heredoc: false, span: at, contentSpan: at };
  }
  return undefined;
}

/**
 * `module.<call>.aws_s3_bucket.this.id`: a reference to a resource the call creates, written
 * as Terraform prints its address (formatAddress); the module resolves it to that resource.
 */
function reference(target: ModuleResourceAddress, at: Span, attr = 'id'): Expr {
  // The steps after `module` of formatAddress's text; the name is one step even with a key in it.
  const names = [...target.modulePath.flatMap((m, i) => (i ? ['module', m] : [m])), ...(target.mode === 'data' ? ['data'] : []), target.type, target.name, attr];
  let expr: Expr = { type: 'variable', name: 'module', span: at };
  for (const name of names) expr = { type: 'getattr', object: expr, name, nameSpan: at, span: at };
  return expr;
}

function syntheticBlock(type: string, labels: string[], attributes: Attribute[], call: Block, blocks: Block[] = [], headerSpan: Span = call.headerSpan): Block {
  const body: Body = { span: call.body.span, attributes, blocks };
  return {
    kind: 'block',
    type,
    typeSpan: call.typeSpan,
    labels: labels.map((value) => ({ value, span: headerSpan })),
    body,
    span: call.span,
    headerSpan,
  };
}

