import table from '../../../rules/registry-modules.json';

/** One argument of a synthesized resource: from a module input, a constant, or a reference. */
export interface AttributeSpec {
  readonly input?: string;
  readonly default?: unknown;
  /** First module version whose default is `default`; older versions use `before`. */
  readonly since?: string;
  readonly before?: unknown;
  /** A reference to another resource the module creates, e.g. `aws_s3_bucket.this`. */
  readonly ref?: string;
}

export interface Condition {
  readonly input: string;
  readonly default?: unknown;
  readonly notNull?: boolean;
  readonly notEmpty?: boolean;
  /** The input's older name, used by versions before `until`. */
  readonly alias?: { readonly input: string; readonly until: string };
}

export interface ResourceSpec {
  readonly type: string;
  readonly name: string;
  readonly when?: Condition;
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  readonly blocks?: Readonly<Record<string, Readonly<Record<string, AttributeSpec>>>>;
  /** A policy the module writes from a statements input: `{ attribute, input }`. */
  readonly statementsPolicy?: { readonly attribute: string; readonly input: string };
  /** A trust policy the module writes from inputs (see synthesize.ts trustPolicy). */
  readonly trustPolicy?: TrustPolicySpec;
}

export interface TrustPolicySpec {
  /** The attribute that receives the policy, e.g. `assume_role_policy`. */
  readonly attribute: string;
  /** Inputs holding principals, by principal type: `{ "AWS": "trusted_role_arns" }`. */
  readonly principals: Readonly<Record<string, string>>;
  /** The input that adds an MFA condition, and its default. */
  readonly mfaInput?: string;
  readonly mfaDefault?: boolean;
  readonly actions: readonly string[];
}

export interface KnownModule {
  readonly source: string;
  readonly resources: readonly ResourceSpec[];
}

const MODULES = (table as { modules: KnownModule[] }).modules;

/** Registry addresses are case-insensitive; `//modules/x` selects a submodule. */
export function normalizeSource(source: string): string {
  return source
    .trim()
    .replace(/^registry\.terraform\.io\//i, '')
    .replace(/\?.*$/, '')
    .toLowerCase();
}

export function knownModule(source: string): KnownModule | undefined {
  const s = normalizeSource(source);
  return MODULES.find((m) => m.source === s);
}

export function knownModules(): readonly KnownModule[] {
  return MODULES;
}
