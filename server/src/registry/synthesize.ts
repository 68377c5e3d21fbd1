import type { Attribute, Block, Body, Expr, HclFile } from '../hcl/ast';
import type { Span } from '../hcl/span';
import type { Value } from '../eval/value';
import { type AttributeSpec, type Condition, knownModule, type ResourceSpec } from './table';
import { allowsAtLeast, parseVersion } from './version';

/** A resource a known registry module would create, written as if the caller declared it. */
export interface SynthesizedResource {
  readonly block: Block;
  readonly file: HclFile;
  /** `aws_s3_bucket.module.assets.this`: the label Perimeter gives it (see displayAddress). */
  readonly address: string;
  /** `module.assets`. */
  readonly call: string;
  /** Which module input each argument came from, by the span it points at in the caller. */
  readonly inputsBySpan: ReadonlyMap<string, { input: string; fromDefault: boolean }>;
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
  const out: SynthesizedResource[] = [];
  for (const spec of known.resources) {
    if (!created(spec.when, args, version, evaluateInput)) continue;
    const inputsBySpan = new Map<string, { input: string; fromDefault: boolean }>();
    // Constant arguments land on the input that made the module create the resource.
    const whenArg = spec.when ? args.get(spec.when.input) : undefined;
    const attributes = attributesFor(spec.attributes, call, args, version, callName, inputsBySpan, whenArg);
    const blocks: Block[] = Object.entries(spec.blocks ?? {}).map(([type, attrs]) => {
      const nested = attributesFor(attrs, call, args, version, callName, inputsBySpan);
      return syntheticBlock(type, [], nested, call);
    });
    if (spec.statementsPolicy) {
      const arg = args.get(spec.statementsPolicy.input);
      if (arg) {
        const at = call.headerSpan;
        const inner: Expr = { type: 'call', name: 'perimeter_module_statements', nameSpan: at, args: [arg.expr], expandLast: false, span: at };
        attributes.push(attribute(spec.statementsPolicy.attribute, { type: 'call', name: 'jsonencode', nameSpan: at, args: [inner], expandLast: false, span: at }, call));
      }
    }
    if (spec.trustPolicy) {
      const policy = trustPolicy(spec.trustPolicy, call, args, evaluateInput, inputsBySpan);
      if (policy) attributes.push(attribute(spec.trustPolicy.attribute, policy, call));
    }
    const label = `module.${callName}.${spec.name}`;
    const block = syntheticBlock('resource', [spec.type, label], attributes, call, blocks);
    out.push({ block, file, address: `${spec.type}.${label}`, call: `module.${callName}`, inputsBySpan });
  }
  return out;
}

function created(when: Condition | undefined, args: Map<string, Attribute>, version: string | undefined, evaluate: (a: Attribute) => Value): boolean {
  if (!when) return true;
  const name = when.alias && !allowsAtLeast(version, parseVersion(when.alias.until)!) ? when.alias.input : when.input;
  const arg = args.get(name);
  if (!arg) {
    if (when.notNull || when.notEmpty) return when.default !== undefined && when.default !== null;
    return when.default === true;
  }
  const v = evaluate(arg);
  if (v.kind === 'null') return false;
  if (when.notNull) return true;
  if (when.notEmpty) return !((v.kind === 'object' && v.entries.length === 0) || (v.kind === 'list' && v.items.length === 0));
  // Unknown or conditional values: assume the resource exists, so its settings are checked.
  return !(v.kind === 'bool' && !v.value);
}

function attributesFor(
  specs: Readonly<Record<string, AttributeSpec>>,
  call: Block,
  args: Map<string, Attribute>,
  version: string | undefined,
  callName: string,
  inputsBySpan: Map<string, { input: string; fromDefault: boolean }>,
  whenArg?: Attribute,
): Attribute[] {
  const out: Attribute[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    if (!spec.input && !spec.ref) {
      const at = whenArg ? whenArg.expr.span : call.headerSpan;
      const literal = literalExpr(spec.default, at);
      if (literal) out.push({ kind: 'attribute', name, nameSpan: at, expr: literal, span: at });
      if (literal && whenArg) inputsBySpan.set(spanKey(at), { input: whenArg.name, fromDefault: false });
      continue;
    }
    if (spec.ref) {
      const [type, resName] = spec.ref.split('.');
      out.push(attribute(name, reference(type, `module.${callName}.${resName}`, call.headerSpan), call));
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
    out.push(attribute(name, literal, call));
    inputsBySpan.set(spanKey(call.headerSpan), { input: spec.input, fromDefault: true });
  }
  return out;
}

/**
 * `jsonencode({ Statement = [...] })` as the module would write it: one statement per
 * principal input the caller sets, whose principal list is the caller's own expression
 * (findings land on it), with the MFA condition when the module adds one.
 */
function trustPolicy(
  spec: NonNullable<ResourceSpec['trustPolicy']>,
  call: Block,
  args: Map<string, Attribute>,
  evaluate: (a: Attribute) => Value,
  inputsBySpan: Map<string, { input: string; fromDefault: boolean }>,
): Expr | undefined {
  const at = call.headerSpan;
  const str = (value: string): Expr => literalExpr(value, at)!;
  const obj = (items: [string, Expr][]): Expr => ({ type: 'object', items: items.map(([k, v]) => ({ key: str(k), value: v, span: at })), span: at });
  const mfaArg = spec.mfaInput ? args.get(spec.mfaInput) : undefined;
  const mfaValue = mfaArg ? evaluate(mfaArg) : undefined;
  const mfa = mfaValue ? !(mfaValue.kind === 'bool' && !mfaValue.value) : spec.mfaDefault === true;
  const statements: Expr[] = [];
  for (const [type, input] of Object.entries(spec.principals)) {
    const arg = args.get(input);
    if (!arg) continue;
    inputsBySpan.set(spanKey(arg.expr.span), { input, fromDefault: false });
    const items: [string, Expr][] = [
      ['Effect', str('Allow')],
      ['Action', { type: 'tuple', items: spec.actions.map(str), span: at }],
      ['Principal', obj([[type, arg.expr]])],
    ];
    if (mfa && type === 'AWS') items.push(['Condition', obj([['Bool', obj([['aws:MultiFactorAuthPresent', str('true')]])]])]);
    statements.push(obj(items));
  }
  if (!statements.length) return undefined;
  return { type: 'call', name: 'jsonencode', nameSpan: at, args: [obj([['Statement', { type: 'tuple', items: statements, span: at }]])], expandLast: false, span: at };
}

function attribute(name: string, expr: Expr, call: Block): Attribute {
  return { kind: 'attribute', name, nameSpan: call.headerSpan, expr, span: call.headerSpan };
}

function literalExpr(value: unknown, at: Span): Expr | undefined {
  if (typeof value === 'boolean') return { type: 'bool', value, span: at };
  if (typeof value === 'number') return { type: 'number', value, raw: String(value), span: at };
  if (typeof value === 'string') {
    // Every character points at the header: a finding on a default lands there.
    const offsets = Array.from({ length: value.length + 1 }, () => at.start);
    return { type: 'template', parts: [{ kind: 'text', piece: { value, span: at, offsets } }], heredoc: false, span: at, contentSpan: at };
  }
  return undefined;
}

function reference(type: string, name: string, at: Span): Expr {
  return {
    type: 'getattr',
    object: { type: 'getattr', object: { type: 'variable', name: type, span: at }, name, nameSpan: at, span: at },
    name: 'id',
    nameSpan: at,
    span: at,
  };
}

function syntheticBlock(type: string, labels: string[], attributes: Attribute[], call: Block, blocks: Block[] = []): Block {
  const body: Body = { span: call.body.span, attributes, blocks };
  return {
    kind: 'block',
    type,
    typeSpan: call.typeSpan,
    labels: labels.map((value) => ({ value, span: call.headerSpan })),
    body,
    span: call.span,
    headerSpan: call.headerSpan,
  };
}

/** `aws_s3_bucket.module.assets.this` → `module.assets.aws_s3_bucket.this`, as Terraform writes it. */
export function displayAddress(text: string): string {
  return text.replace(/\b(aws_[a-z0-9_]+)\.module\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/g, 'module.$2.$1.$3');
}
