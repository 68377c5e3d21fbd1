import type { Origin } from '../eval/value';
import { contains } from '../hcl/span';
import { isAllow, type Located, type Policy, type Statement } from '../iam/model';
import { grantsWrite, narrowsCaller, publicPrincipals } from './iam';
import { proseList } from '../engine/finding';
import { type Severity, severityRank } from '../engine/rule';
import type { TerraformModule } from '../module/module';

/**
 * Helpers for IAM rules that report once per statement: what resources a statement
 * reaches, how to name a list of elements in one message, and where a policy written in
 * a variable's value comes from.
 */

/** What the Resource / NotResource elements of a statement reach. */
export type ResourceScope =
  /** `"*"`, or NotResource: every resource (but the listed ones). */
  | { readonly kind: 'all'; readonly notResource: boolean }
  /** Only resources named by ARN or by reference to a resource (patterns count as one each). */
  | { readonly kind: 'named'; readonly count: number }
  /** Some resource is known only at apply time and may be anything (a variable without value). */
  | { readonly kind: 'unknown' };

export function resourceScope(s: Statement): ResourceScope {
  if (s.resources.some((r) => r.known && r.value.trim() === '*')) return { kind: 'all', notResource: false };
  if (s.notResources.length) return { kind: 'all', notResource: true };
  if (!s.resources.length || s.resources.some((r) => !r.known && !namesResource(r.value))) return { kind: 'unknown' };
  return { kind: 'named', count: s.resources.length };
}

/**
 * An apply-time resource element that still names specific resources: an ARN with an
 * unknown part (`arn:aws:s3:::${…}/*`) or a resource, data source or module attribute
 * (`aws_s3_bucket.b.arn`). A variable without a value could be `"*"`: not named.
 */
function namesResource(text: string): boolean {
  const t = text.trim();
  if (/^arn:/i.test(t)) return true;
  const ref = /^\$\{([^}]*)\}/.exec(t)?.[1];
  return !!ref && ref !== '…' && !/^(var|local|each|count)\./.test(ref);
}

/** `"a", "b" and 4 more <noun>` (all quoted when at most `shown + 1`). */
export function nameList(values: readonly string[], noun: string, shown = 2): string {
  return proseList(values.map((v) => JSON.stringify(v)), shown, noun);
}


/** The worst of several severities. */
export function worst(severities: readonly Severity[]): Severity {
  return [...severities].sort((a, b) => severityRank(a) - severityRank(b))[0] ?? 'low';
}

interface Related {
  readonly origin: Origin;
  readonly message: string;
}

/**
 * When a policy element was written in a variable's value (its `default`, a `.tfvars`
 * file, or the calling module's argument) rather than in the resource, say which
 * variable, and point at the resource that uses it. `undefined` when written in place or
 * through a local (the finding's own range already tells where).
 */
export function variableSource(m: TerraformModule, p: Policy, origin: Origin): { note: string; related: Related[] } | undefined {
  const name = variableAt(m, origin);
  if (!name) return undefined;
  const attr = p.attribute.split('.').pop() ?? p.attribute;
  const used = p.owner.block.body.attributes.find((a) => a.name === attr);
  const at: Origin = { file: p.owner.file.path, span: used ? used.span : p.owner.block.headerSpan };
  return {
    note: ` The policy comes from ${name.where}, which ${p.owner.address} uses.`,
    related: [{ origin: at, message: `${p.owner.address} uses var.${name.name} here` }],
  };
}

function variableAt(m: TerraformModule, o: Origin): { name: string; where: string } | undefined {
  for (const v of m.blocksOfType('variable')) {
    if (v.file.path !== o.file) continue;
    const def = v.block.body.attributes.find((a) => a.name === 'default');
    if (def && contains(def.expr.span, o.span)) {
      const name = v.block.labels[0]?.value ?? '?';
      return { name, where: `the default of var.${name}` };
    }
  }
  for (const f of m.varFiles) {
    if (f.path !== o.file) continue;
    for (const a of f.body.attributes) if (contains(a.expr.span, o.span)) return { name: a.name, where: `the value of var.${a.name} set in ${baseName(f.path)}` };
  }
  // A module instance: the value was written in the calling module's argument.
  if (!m.files.some((f) => f.path === o.file)) {
    for (const [name, value] of m.inputs) {
      if (value.origin.file === o.file && contains(value.origin.span, o.span)) return { name, where: `the value the calling module passes for var.${name}` };
    }
  }
  return undefined;
}

function baseName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/**
 * Reads that return data rather than metadata: secret values, parameters, object contents,
 * table items, and decryption. The AWS catalogue classes them as "Read" (kms:Decrypt as
 * "Write") like harmless Describe calls, so they are listed here, for
 * aws-iam-sensitive-read-any-resource (which reports them on "*") and
 * aws-iam-wildcard-resource (which leaves them to it).
 */
export const SENSITIVE_READS: Readonly<Record<string, { readonly what: string; readonly severity: Severity }>> = {
  'secretsmanager:GetSecretValue': { what: 'every secret value in Secrets Manager', severity: 'high' },
  'ssm:GetParameter': { what: 'every SSM parameter (SecureString ones too)', severity: 'high' },
  'ssm:GetParameters': { what: 'every SSM parameter (SecureString ones too)', severity: 'high' },
  'ssm:GetParametersByPath': { what: 'every SSM parameter (SecureString ones too)', severity: 'high' },
  'ssm:GetParameterHistory': { what: 'every SSM parameter (SecureString ones too)', severity: 'high' },
  'kms:Decrypt': { what: 'whatever any KMS key that defers to IAM protects', severity: 'medium' },
  's3:GetObject': { what: 'every S3 object of the account', severity: 'medium' },
  's3:GetObjectVersion': { what: 'every S3 object of the account', severity: 'medium' },
  'dynamodb:GetItem': { what: 'every DynamoDB item of the account', severity: 'medium' },
  'dynamodb:BatchGetItem': { what: 'every DynamoDB item of the account', severity: 'medium' },
  'dynamodb:Query': { what: 'every DynamoDB item of the account', severity: 'medium' },
  'dynamodb:Scan': { what: 'every DynamoDB item of the account', severity: 'medium' },
  'dynamodb:PartiQLSelect': { what: 'every DynamoDB item of the account', severity: 'medium' },
};


/** The sensitive-read entry of an exact action, matched case-insensitively. */
export function sensitiveRead(action: string): { readonly what: string; readonly severity: Severity } | undefined {
  return SENSITIVE_BY_LOWER.get(action.toLowerCase());
}
const SENSITIVE_BY_LOWER = new Map(Object.entries(SENSITIVE_READS).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * Several offending elements of one statement (public principals, sensitive actions)
 * reported once: on the first, naming every distinct value, the others as related
 * locations. `undefined` when there is none.
 */
export function oneFindingFor<T extends { readonly value: string; readonly origin: Origin }>(
  elements: readonly T[],
  noun: string,
  relatedMessage: (e: T) => string,
): { first: T; names: string; related: Related[] } | undefined {
  const first = elements[0];
  if (!first) return undefined;
  return {
    first,
    names: nameList([...new Set(elements.map((e) => e.value))], noun),
    related: elements.slice(1).map((e) => ({ origin: e.origin, message: relatedMessage(e) })),
  };
}

/**
 * The statements of a policy that let anyone in, as the public-principal rules (resource
 * policies, S3 bucket policies, role trust policies) all read them: an Allow with a public
 * principal (`"*"`, `AWS: "*"`, `arn:aws:iam::*:root`) and no condition narrowing the
 * caller. For each: its public principals as one finding (`anyoneToo` labels the others),
 * whether it grants more than reading (write, permissions, tagging, `*`, or NotAction),
 * and the actions it names.
 */
export function publicStatements(p: Policy, anyoneToo: string): { statement: Statement; principals: NonNullable<ReturnType<typeof oneFindingFor<Located>>>; write: boolean; actions: string[] }[] {
  const out = [];
  for (const s of p.statements) {
    if (!isAllow(s) || narrowsCaller(s.conditions)) continue;
    const principals = oneFindingFor(publicPrincipals(s), 'public principals', (x) => `${JSON.stringify(x.value)}: ${anyoneToo}`);
    if (!principals) continue;
    out.push({ statement: s, principals, write: grantsWrite(s.actions) || s.notActions.length > 0, actions: s.actions.filter((a) => a.known).map((a) => a.value) });
  }
  return out;
}
