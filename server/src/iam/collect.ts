import type { Attribute, BlockRef, Expr, HclFile } from '../hcl/ast';
import { traversal, walkExpr } from '../hcl/walk';
import type { Origin, Value } from '../eval/value';
import type { Policy, PolicyForm, PolicyKind } from './model';
import { readPolicyValue } from './read';
import { memoizedByObject, ObjectSlot } from '../memo';
import { POLICY_ATTRIBUTES } from './policy-attributes';


/**
 * What collectPolicies reads of a module. iam/ sits below module/ (the module evaluates
 * `aws_iam_policy_document` through iam/document.ts), so it names only what it needs;
 * module/module.ts's TerraformModule implements it.
 */
export interface PolicySource {
  resources(type: string): readonly BlockRef[];
  dataSources(type: string): readonly BlockRef[];
  block(address: string): BlockRef | undefined;
  attribute(ref: BlockRef, name: string): { readonly attribute?: Attribute; readonly value: Value } | undefined;
  evaluate(attribute: Attribute, file: HclFile): Value;
  evaluateReference(reference: string, from: BlockRef): Value;
  instanceCount(address: string): number | undefined;
  lineIndex(filePath: string): { readonly text: string } | undefined;
  /** Which `aws_iam_policy_document` a rendered document's JSON value came from. */
  readonly policyDocumentsByJson: { get(json: Value): BlockRef | undefined };
}

/**
 * Every IAM policy of a module: the arguments of POLICY_ATTRIBUTES (policy-attributes.ts; with
 * nested blocks such as a role's `inline_policy`), and `aws_iam_policy_document` data sources
 * no argument of the module uses (they are often passed to modules or outputs; their kind is
 * guessed from whether they name principals).
 */
const collected = new ObjectSlot<PolicySource, Policy[]>();

/** A policy value kept across module rebuilds (see eval/pure.ts) is read once. */
const readOnce = memoizedByObject(readPolicyValue);

export function collectPolicies(module: PolicySource): Policy[] {
  // Several rules read the policies of one module: collect them once.
  const hit = collected.get(module);
  if (hit) return hit;
  const out: Policy[] = [];
  const usedDocuments = new Set<BlockRef>();
  const add = (owner: BlockRef, attribute: string, kind: PolicyKind, value: Value, written?: Origin): void => {
    // Through a conditional or coalesce(), each document the value may be is used here.
    const docs = policyDocumentsIn(module, value);
    for (const d of docs) usedDocuments.add(d);
    const fromDocument = docs.length > 0;
    const read = readSafely(value);
    // A document shared by several consumers is listed at each consumer's own argument.
    const origin = fromDocument && written ? written : value.origin;
    out.push({ kind, form: formOf(module, owner, value, fromDocument), owner, attribute, origin, statements: read.statements, errors: read.errors });
  };
  for (const spec of POLICY_ATTRIBUTES) {
    for (const ref of module.resources(spec.type)) {
      // `count = var.policy != "" ? 1 : 0` with no policy given: the resource is not created.
      if (module.instanceCount(ref.address) === 0) continue;
      if (spec.block) {
        // A nested block's argument (`inline_policy { policy = ... }`): each written block.
        for (const nested of ref.block.body.blocks.filter((b) => b.type === spec.block)) {
          const a = nested.body.attributes.find((x) => x.name === spec.attribute);
          const value = a && module.evaluate(a, ref.file);
          if (a && value && value.kind !== 'null') add(ref, `${spec.block}.${spec.attribute}`, spec.kind, value, { file: ref.file.path, span: a.expr.span });
        }
        continue;
      }
      const a = module.attribute(ref, spec.attribute);
      if (a && a.value.kind !== 'null') add(ref, spec.attribute, spec.kind, a.value, a.attribute ? { file: ref.file.path, span: a.attribute.expr.span } : undefined);
    }
  }
  // Documents merged into other documents are read there, not on their own.
  for (const ref of module.dataSources('aws_iam_policy_document')) {
    for (const attr of ['source_policy_documents', 'override_policy_documents']) {
      const a = ref.block.body.attributes.find((x) => x.name === attr);
      if (!a) continue;
      for (const addr of referencedDataDocuments(a.expr)) {
        const doc = module.block(addr);
        if (doc && doc !== ref) usedDocuments.add(doc);
      }
      // Through locals and splats (`source_policy_documents = local.docs`): by value.
      for (const doc of policyDocumentsIn(module, module.evaluate(a, ref.file))) if (doc !== ref) usedDocuments.add(doc);
    }
  }
  for (const ref of module.dataSources('aws_iam_policy_document')) {
    if (usedDocuments.has(ref)) continue;
    // `count = 0` known statically (a module's feature switched off): no such document.
    if (module.instanceCount(ref.address) === 0) continue;
    const v = module.evaluateReference(`data.aws_iam_policy_document.${ref.block.labels[1]?.value}.json`, ref);
    const read = readSafely(v);
    const kind: PolicyKind = read.statements.some((s) => s.principals.length || s.notPrincipals.length) ? 'resource' : 'identity';
    out.push({ kind, form: 'policy-document', owner: ref, attribute: 'json', origin: { file: ref.file.path, span: ref.block.span }, statements: read.statements, errors: read.errors });
  }
  // Kept only once complete: a partial list must never be what later rules see.
  collected.set(module, out);
  return out;
}

/**
 * Reads a policy; a failure reading one (a bug, or input beyond what the reader handles)
 * costs that policy only, reported as its error, and never hides the module's other policies.
 */
function readSafely(value: Value): ReturnType<typeof readPolicyValue> {
  try {
    return readOnce(value);
  } catch (e) {
    return { statements: [], errors: [{ message: `Perimeter could not read this policy: ${(e as Error).message}`, origin: value.origin }] };
  }
}

/**
 * The policy documents a value holds: a document's json, in lists, maps and conditional
 * choices (by value, so through locals and splats). The one reading for collecting
 * policies and for rules that ask where a document goes.
 */
export function policyDocumentsIn(module: PolicySource, value: Value): BlockRef[] {
  const out: BlockRef[] = [];
  const stack: Value[] = [value];
  while (stack.length) {
    const v = stack.pop()!;
    if (v.kind === 'string' && v.json) {
      const doc = module.policyDocumentsByJson.get(v.json);
      if (doc) out.push(doc);
    } else if (v.kind === 'list') stack.push(...v.items);
    else if (v.kind === 'object') stack.push(...v.entries.map((e) => e.value));
    else if (v.kind === 'choice') stack.push(...v.options);
  }
  return out;
}

/** `data.aws_iam_policy_document.<name>` addresses written in an expression. */
function referencedDataDocuments(expr: Expr): string[] {
  const out: string[] = [];
  walkExpr(expr, (e) => {
    const chain = traversal(e);
    if (!chain) return true;
    if (chain[0] === 'data' && chain[1] === 'aws_iam_policy_document' && chain[2]) out.push(`data.aws_iam_policy_document.${chain[2]}`);
    return false;
  });
  return out;
}

function formOf(module: PolicySource, owner: BlockRef, v: Value, fromDocument: boolean): PolicyForm {
  if (fromDocument) return 'policy-document';
  if (v.kind !== 'string') return 'unknown';
  if (v.json) return 'jsonencode';
  if (v.origin.file !== owner.file.path) return 'file';
  const text = module.lineIndex(v.origin.file)?.text ?? '';
  return text.startsWith('<<', v.origin.span.start) ? 'heredoc' : 'json';
}
