import * as path from 'node:path';
import type { Attribute, Block, BlockRef, Expr, HclFile } from '../hcl/ast';
import { LineIndex, lineIndexOf } from '../hcl/span';
import { applySteps, type EvalEnv, EvalScope, evaluate, MAX_EVAL_DEPTH, NO_LOCALS, renderTemplate, type Step } from '../eval/evaluate';
import { isPure, pureValue } from '../eval/pure';
import { holdsObjectSlots, memoizedByObject, ObjectSlot } from '../memo';
import { collectionPairs, evalError, type Origin, type Value, unknown } from '../eval/value';
import { registryResources } from '../registry/calls';
import { formatAddress, parseModuleResource } from '../registry/address';
import { registryBuiltCall } from '../registry/statements';
import type { PolicySource } from '../iam/collect';
import { policyDocumentValue } from '../iam/document';
import type { SynthesizedResource } from '../registry/synthesize';

export type { BlockRef } from '../hcl/ast';

export interface AttributeRef {
  readonly attribute: Attribute;
  readonly block: BlockRef;
  readonly value: Value;
}

/**
 * A Terraform module: every `.tf` file of one directory, plus the `.tfvars` files that
 * set its variables. Indexes blocks by address and evaluates expressions in context.
 */
export class TerraformModule implements PolicySource {
  private index: BlockIndex;
  private readonly localsByName: ReadonlyMap<string, { attribute: Attribute; file: HclFile }>;
  private readonly tfvars = new Map<string, { attribute: Attribute; file: HclFile }>();
  private readonly resolving = new Set<string>();
  private readonly cache = new Map<string, Value>();
  private readonly texts = new Map<string, LineIndex>();
  /** Values of this module's input variables set by the calling module (module calls). */
  inputs = new Map<string, Value>();
  /**
   * The same object for every module read from the same files (each instance of a called
   * module): a WeakMap key for results that depend on the text alone.
   */
  readonly textKey: object;
  /** Resources that calls to well-known registry modules create (see registry/). */
  readonly synthesized: readonly SynthesizedResource[];

  constructor(
    readonly dir: string,
    readonly files: readonly HclFile[],
    readonly varFiles: readonly HclFile[] = [],
    /** Reads a file relative to the module (`file()`); absent in tests that need none. */
    private readonly reader?: (absPath: string) => string | undefined,
    /** Values of input variables given by a calling module (see module/calls.ts). */
    inputs?: ReadonlyMap<string, Value>,
    /**
     * Files of the modules that call this instance: a finding can land on a caller's
     * argument (a heredoc passed as an input), and the comments there suppress it.
     */
    readonly callerFiles: readonly HclFile[] = [],
  ) {
    // Rules and the policy reader keep values per module (ObjectSlot): one shape for all.
    holdsObjectSlots(this);
    if (inputs) this.inputs = new Map(inputs);
    // Every instance of a called module shares its files' index (see blockIndexOf).
    const shared = blockIndexOf(files);
    this.textKey = shared;
    this.index = shared;
    this.localsByName = shared.localsByName;
    // terraform.tfvars first, then *.auto.tfvars in lexical order: later ones win.
    const ordered = [...varFiles].sort((a, b) => tfvarsRank(a.path) - tfvarsRank(b.path) || a.path.localeCompare(b.path));
    for (const vf of ordered) for (const a of vf.body.attributes) this.tfvars.set(a.name, { attribute: a, file: vf });
    this.synthesized = registryResources(dir, this.blocksOfType('module'), (f) => this.env(f));
    if (!this.synthesized.length) return;
    // Under their address as Terraform prints it (module.assets.aws_s3_bucket.this), in
    // this module's own copy of the index.
    this.index = copyIndex(shared);
    for (const r of this.synthesized) {
      const address = formatAddress(r.address);
      this.synthesizedAddresses.add(address);
      addToIndex(this.index, { block: r.block, file: r.file, address }, address);
    }
  }

  /** Addresses of the resources registry module calls create (see resolve: `module`). */
  private readonly synthesizedAddresses = new Set<string>();

  /** `resource` blocks of a type, e.g. `resources('aws_s3_bucket_acl')`. */
  resources(type: string): readonly BlockRef[] {
    return this.index.resources.get(type) ?? NONE;
  }

  dataSources(type: string): readonly BlockRef[] {
    return this.index.dataSources.get(type) ?? NONE;
  }

  /** Blocks by their top-level type: `provider`, `terraform`, `module`, `variable`... */
  blocksOfType(type: string): readonly BlockRef[] {
    return this.index.byType.get(type) ?? NONE;
  }

  block(address: string): BlockRef | undefined {
    return this.index.byAddress.get(address);
  }

  /** A file's line index, for converting offsets (also of files read with `file()`). */
  lineIndex(filePath: string): LineIndex | undefined {
    let idx = this.texts.get(filePath);
    if (!idx) {
      const f = this.files.find((x) => x.path === filePath) ?? this.varFiles.find((x) => x.path === filePath) ?? this.callerFiles.find((x) => x.path === filePath);
      if (f) return lineIndexOf(f);
      const text = this.reader?.(filePath);
      if (text === undefined) return undefined;
      idx = new LineIndex(text);
      this.texts.set(filePath, idx);
    }
    return idx;
  }

  /** Evaluates an attribute of a block, in the block's file. */
  attribute(ref: BlockRef, name: string): AttributeRef | undefined {
    const attributes = ref.block.body.attributes;
    let attribute: Attribute | undefined;
    for (let i = 0; i < attributes.length && !attribute; i++) if (attributes[i].name === name) attribute = attributes[i];
    if (!attribute) return undefined;
    // Rules ask for the same attributes of the same blocks many times: one answer each.
    const known = this.attributeRefs.get(attribute);
    if (known?.block === ref) return known;
    const answer = { attribute, block: ref, value: this.evaluate(attribute, ref.file) };
    this.attributeRefs.set(attribute, answer);
    return answer;
  }

  private readonly attributeRefs = new Map<Attribute, AttributeRef>();

  /** The expression a local is defined with, for rules that follow references in source. */
  localExpression(name: string): Expr | undefined {
    return this.localsByName.get(name)?.attribute.expr;
  }

  /** Evaluates a reference written as text (`data.x.y.json`) as if in `from`'s file. */
  evaluateReference(reference: string, from: BlockRef): Value {
    const [root, ...names] = reference.split('.');
    const origin: Origin = { file: from.file.path, span: from.block.span };
    return this.resolve(root, names.map((name) => ({ kind: 'attr' as const, name })), origin, 0);
  }

  /**
   * How many instances a resource or data source has, when `count` (or `for_each`) is known
   * statically: `count = var.enabled ? 1 : 0` with `enabled = false` is 0, and the block
   * then does not exist. Undefined when not known (or when neither is written: one instance).
   */
  instanceCount(address: string): number | undefined {
    const ref = this.block(address);
    if (!ref) return undefined;
    const count = this.attribute(ref, 'count')?.value;
    if (count?.kind === 'number') return count.value;
    const each = this.attribute(ref, 'for_each')?.value;
    if (each?.kind === 'list') return each.items.length;
    if (each?.kind === 'object') return each.entries.length;
    return undefined;
  }

  /**
   * Inside a block with `for_each` over a collection known statically, `each.key` and
   * `each.value` are one of its entries: a choice of them, so every instance is judged.
   */
  private instanceLocals(attribute: Attribute, file: HclFile): ReadonlyMap<string, Value> {
    const block = file.body.blocks.find((b) => b.span.start <= attribute.span.start && attribute.span.end <= b.span.end);
    const forEach = block?.body.attributes.find((a) => a.name === 'for_each');
    if (!block || !forEach || forEach === attribute) return NO_LOCALS;
    let each = this.eachOf.get(block);
    if (each === undefined) {
      // The same (cached) value instanceCount reads.
      each = eachValue(this.evaluate(forEach, file));
      this.eachOf.set(block, each);
    }
    return each ? new Map([['each', each]]) : NO_LOCALS;
  }

  private readonly eachOf = new Map<Block, Value | null>();

  /** Every rule reads the same attributes: evaluate each once per module instance. */
  private readonly evaluated = new Map<Attribute, Value>();

  evaluate(attribute: Attribute, file: HclFile, depth = 0): Value {
    // A literal is kept with its expression (eval/pure.ts), for every module that reads it.
    if (depth === 0 && isPure(attribute.expr)) return pureValue(attribute.expr, this.env(file));
    const hit = this.evaluated.get(attribute);
    if (hit) return hit;
    const v = evaluate(attribute.expr, this.env(file), depth, this.instanceLocals(attribute, file));
    // Only top-level evaluations are cached: a nested one may have hit the depth limit.
    if (depth === 0) this.evaluated.set(attribute, v);
    return v;
  }

  private readonly envs = new Map<HclFile, EvalEnv>();

  env(file: HclFile): EvalEnv {
    let env = this.envs.get(file);
    if (!env) this.envs.set(file, (env = this.newEnv(file)));
    return env;
  }

  private newEnv(file: HclFile): EvalEnv {
    return {
      file: file.path,
      resolve: (root, steps, origin, depth) => this.resolve(root, steps, origin, depth),
      instanceCount: (address) => this.instanceCount(address),
      builtCall: registryBuiltCall,
      readFile: (rel) => {
        const abs = path.resolve(this.dir, rel);
        const text = this.reader?.(abs);
        return text === undefined ? undefined : { path: abs, text };
      },
    };
  }

  private resolve(root: string, steps: readonly Step[], origin: Origin, depth: number): Value {
    if (depth > MAX_EVAL_DEPTH) return unknown('references nested too deeply', origin);
    const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    switch (root) {
      case 'local':
        if (!first) return unknown('bare `local`', origin);
        return applySteps(this.memo(`local.${first}`, origin, () => this.local(first, depth)), steps.slice(1), origin);
      case 'var':
        if (!first) return unknown('bare `var`', origin);
        return applySteps(this.memo(`var.${first}`, origin, () => this.variable(first, origin, depth)), steps.slice(1), origin);
      case 'path':
        if (first === 'module' || first === 'root' || first === 'cwd') return { kind: 'string', value: '.', known: true, origin };
        return unknown(`path.${first ?? ''} is not known statically`, origin);
      case 'data': {
        const second = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
        const ref = first && second ? `data.${first}.${second}` : 'data';
        // An index selects an instance of a data source with count or for_each; every instance
        // is rendered from the same blocks, so `data.x.y[0].json`, `data.x.y["k"].json` and
        // `data.x.y.json` read the same text. This holds for every data source rendered here
        // (policy documents and template_file alike), whatever the index.
        const rest = steps.slice(2).filter((st) => st.kind !== 'index');
        const third = rest[0]?.kind === 'attr' ? rest[0].name : undefined;
        if (first === 'aws_iam_policy_document' && second && (third === 'json' || third === 'minified_json')) {
          return this.memo(`${ref}.json`, origin, () => this.policyDocument(ref, origin, depth));
        }
        if (first === 'template_file' && second && third === 'rendered') {
          return this.memo(`${ref}.rendered`, origin, () => this.templateFile(ref, origin, depth));
        }
        return unknown('data sources are read at plan time', origin, ref);
      }
      case 'each':
      case 'count':
      case 'self':
      case 'terraform':
        return unknown(`${root} is known only at plan time`, origin);
      case 'module': {
        const created = this.synthesizedReference(steps, origin, depth);
        if (created) return created;
        return unknown('module outputs are known at apply time', origin, first ? `module.${first}` : 'module');
      }
      default:
        // A resource reference: kept symbolic, e.g. aws_s3_bucket.b.id → aws_s3_bucket.b.
        return unknown('resource attributes are known at apply time', origin, first ? `${root}.${first}` : root);
    }
  }

  /**
   * `module.assets.aws_s3_bucket.this.id`, `module.assets.data.aws_iam_policy_document.p.json`:
   * a resource a registry module call creates, as the expressions synthesized for the call
   * refer to it (registry/synthesize.ts). Read like a reference to a resource (or policy
   * document) of the module's own; undefined when the call creates no such resource.
   */
  private synthesizedReference(steps: readonly Step[], origin: Origin, depth: number): Value | undefined {
    if (this.synthesizedAddresses.size === 0) return undefined;
    const names = steps.slice(0, 4).map((st) => (st.kind === 'attr' ? st.name : undefined));
    const parsed = parseModuleResource(names);
    if (!parsed) return undefined;
    const address = formatAddress(parsed.address);
    if (!this.synthesizedAddresses.has(address)) return undefined;
    if (parsed.address.mode === 'managed') return unknown('resource attributes are known at apply time', origin, address);
    // As for `data.` references: an index selects an instance rendered from the same blocks.
    const rest = steps.slice(parsed.rest).filter((st) => st.kind !== 'index');
    const attr = rest[0]?.kind === 'attr' ? rest[0].name : undefined;
    if (parsed.address.type === 'aws_iam_policy_document' && (attr === 'json' || attr === 'minified_json')) {
      return this.memo(`${address}.json`, origin, () => this.policyDocument(address, origin, depth));
    }
    return unknown('data sources are read at plan time', origin, address);
  }

  /**
   * `data.aws_iam_policy_document.x.json`: the rendered JSON is apply-time text, but the
   * document is known from its blocks; the string carries it in `json`, with origins in
   * the blocks, like `jsonencode` does.
   */
  private policyDocument(ref: string, origin: Origin, depth: number): Value {
    const decl = this.block(ref);
    if (!decl) return evalError(`${ref} is not declared in this module`, origin, ref);
    const json = policyDocumentValue(decl.block, decl.file, this.env(decl.file), depth + 1);
    this.policyDocumentsByJson.set(json, decl);
    return { kind: 'string', value: '', known: false, origin, json };
  }

  /**
   * `data.template_file.x.rendered` (the template provider, before templatefile() existed):
   * `template` is usually `file("policy.json")`, rendered with `vars` like templatefile().
   * A template written inline is text Terraform has already interpolated: read as it is.
   */
  private templateFile(ref: string, origin: Origin, depth: number): Value {
    const decl = this.block(ref);
    if (!decl) return evalError(`${ref} is not declared in this module`, origin, ref);
    const attr = (name: string) => decl.block.body.attributes.find((a) => a.name === name);
    const templateAttr = attr('template');
    if (!templateAttr) return unknown(`${ref} has no template`, origin, ref);
    const env = this.env(decl.file);
    const text = evaluate(templateAttr.expr, env, depth + 1);
    if (text.kind !== 'string' || !text.known) return text.kind === 'string' ? text : unknown(`${ref}: template not known statically`, origin, ref);
    const fromFile = text.origin.file !== decl.file.path && text.origin.span.start === 0 && text.origin.span.end === text.value.length;
    if (!fromFile) return text;
    const varsAttr = attr('vars');
    const vars = varsAttr ? evaluate(varsAttr.expr, env, depth + 1) : { kind: 'object' as const, entries: [], origin };
    return renderTemplate(text.origin.file, text.value, vars, origin, new EvalScope(env, NO_LOCALS, depth + 1)) ?? unknown(`${ref}: not a valid template`, origin, ref);
  }

  /** Which data source a policy-document Value came from (for `perimeter policies`). */
  readonly policyDocumentsByJson = DOCUMENTS_BY_JSON;

  /** Caches each local/variable, and turns a reference cycle into unknown. */
  private memo(key: string, origin: Origin, compute: () => Value): Value {
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.resolving.has(key)) return unknown(`${key} refers to itself`, origin);
    this.resolving.add(key);
    try {
      const v = compute();
      this.cache.set(key, v);
      return v;
    } finally {
      this.resolving.delete(key);
    }
  }

  private local(name: string, depth: number): Value {
    const def = this.localsByName.get(name);
    if (!def) return evalError(`local.${name} is not defined`, { file: this.files[0]?.path ?? this.dir, span: { start: 0, end: 0 } });
    return evaluate(def.attribute.expr, this.env(def.file), depth + 1);
  }

  private variable(name: string, origin: Origin, depth: number): Value {
    const input = this.inputs.get(name);
    if (input) return input;
    const set = this.tfvars.get(name);
    if (set) return evaluate(set.attribute.expr, this.env(set.file), depth + 1);
    const decl = this.block(`var.${name}`);
    if (!decl) return evalError(`var.${name} is not declared`, origin);
    const def = decl.block.body.attributes.find((a) => a.name === 'default');
    if (!def) return unknown(`var.${name} has no default and no value in .tfvars`, origin, `var.${name}`);
    return evaluate(def.expr, this.env(decl.file), depth + 1);
  }
}

const MAX_INSTANCES = 256;

/** `each` for a `for_each` collection: `{ key, value }`, each a choice over the instances; null when not known. */
function eachValue(coll: Value): Value | null {
  const pairs = collectionPairs(coll, 'item');
  if (!pairs || pairs.length === 0 || pairs.length > MAX_INSTANCES) return null;
  const choice = (vs: Value[]): Value => (vs.length === 1 ? vs[0] : { kind: 'choice', options: vs, origin: coll.origin });
  return {
    kind: 'object',
    entries: [
      { key: 'key', keyOrigin: coll.origin, value: choice(pairs.map(([k]) => k)) },
      { key: 'value', keyOrigin: coll.origin, value: choice(pairs.map(([, v]) => v)) },
    ],
    origin: coll.origin,
  };
}

/**
 * One map for every module: a document passed to a child module as an input is still known
 * there as the caller's document. Keyed by the (unique) Value object, so modules never mix.
 */
const DOCUMENTS_BY_JSON = new ObjectSlot<Value, BlockRef>();

function tfvarsRank(p: string): number {
  const base = path.basename(p);
  if (base === 'terraform.tfvars' || base === 'terraform.tfvars.json') return 0;
  return 1;
}

interface BlockIndex {
  /** The first block of each address (Terraform rejects a second). */
  readonly byAddress: Map<string, BlockRef>;
  /** `resource` and `data` blocks by their type label. */
  readonly resources: Map<string, BlockRef[]>;
  readonly dataSources: Map<string, BlockRef[]>;
  /** Other blocks (and those without a type label) by block type. */
  readonly byType: Map<string, BlockRef[]>;
  readonly localsByName: Map<string, { attribute: Attribute; file: HclFile }>;
}

const NONE: readonly BlockRef[] = [];

// One index per list of files: a module called from many places is indexed once.
const blockIndexOf = memoizedByObject((files: readonly HclFile[]): BlockIndex => {
  const index: BlockIndex = { byAddress: new Map(), resources: new Map(), dataSources: new Map(), byType: new Map(), localsByName: new Map() };
  for (const file of files) {
    for (const block of file.body.blocks) {
      const address = blockAddress(block);
      addToIndex(index, { block, file, address: address ?? block.type }, address);
      if (block.type === 'locals') for (const a of block.body.attributes) index.localsByName.set(a.name, { attribute: a, file });
    }
  }
  return index;
});

function addToIndex(index: BlockIndex, ref: BlockRef, address: string | undefined): void {
  if (address && !index.byAddress.has(address)) index.byAddress.set(address, ref);
  const { type, labels } = ref.block;
  const label = labels[0]?.value;
  if (type === 'resource' && label) push(index.resources, label, ref);
  else if (type === 'data' && label) push(index.dataSources, label, ref);
  else push(index.byType, type, ref);
}

/** A module's own copy of a shared index, to add to. */
function copyIndex(index: BlockIndex): BlockIndex {
  return { byAddress: new Map(index.byAddress), resources: copyLists(index.resources), dataSources: copyLists(index.dataSources), byType: copyLists(index.byType), localsByName: index.localsByName };
}

function copyLists<K, V>(m: ReadonlyMap<K, V[]>): Map<K, V[]> {
  const copy = new Map<K, V[]>();
  for (const [k, list] of m) copy.set(k, [...list]);
  return copy;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The address Terraform gives a top-level block, or undefined for unlabeled blocks. */
export function blockAddress(block: Block): string | undefined {
  const [a, b] = block.labels.map((l) => l.value);
  switch (block.type) {
    case 'resource':
      return a && b ? `${a}.${b}` : undefined;
    case 'data':
      return a && b ? `data.${a}.${b}` : undefined;
    case 'module':
      return a ? `module.${a}` : undefined;
    case 'variable':
      return a ? `var.${a}` : undefined;
    case 'output':
      return a ? `output.${a}` : undefined;
    case 'provider':
      return a ? `provider.${a}` : undefined;
    default:
      return undefined;
  }
}
