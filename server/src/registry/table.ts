import table from './table.json';

/**
 * One argument of a synthesized resource: from a module input, a constant, a reference,
 * or (inside `forEach` resources and repeated blocks) the current entry of the input.
 */
export interface AttributeSpec {
  readonly input?: string;
  readonly default?: unknown;
  /** First module version whose default is `default`; older versions use `before`. */
  readonly since?: string;
  readonly before?: unknown;
  /** A reference to another resource the module creates, e.g. `aws_s3_bucket.this`. */
  readonly ref?: string;
  /** The current entry (`"value"`) or one of its attributes (`"uri"`), null when absent. */
  readonly each?: string;
  /** The module writes the argument only when this holds (`acl` only without `grants`). */
  readonly when?: Condition;
}

export interface Condition {
  readonly input: string;
  readonly default?: unknown;
  readonly notNull?: boolean;
  readonly notEmpty?: boolean;
  /** Holds when the input is absent (default), null, `""`, `[]` or `{}`. */
  readonly empty?: boolean;
  /** Holds when the input's value (its default when absent) is one of these scalars. */
  readonly in?: readonly unknown[];
  /** Holds unless the input's value (its default when absent) is one of these scalars. */
  readonly notIn?: readonly unknown[];
  /** The input's older name, used by versions before `until`. */
  readonly alias?: { readonly input: string; readonly until: string };
}

interface ResourceSpec {
  readonly type: string;
  readonly name: string;
  /** The resource exists when the condition holds (any of them, for a list). */
  readonly when?: Condition | readonly Condition[];
  /** Every one of these must hold too (`user_enabled` and `access_key_enabled`). */
  readonly whenAll?: readonly Condition[];
  /** First module version that creates the resource (older versions do not). */
  readonly since?: string;
  /** One resource per entry of this map or list input, as the module's `for_each`. */
  readonly forEach?: string;
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  readonly blocks?: Readonly<Record<string, Readonly<Record<string, AttributeSpec>>>>;
  /** Blocks the module writes once per entry of a list input (`dynamic` blocks). */
  readonly repeatedBlocks?: readonly RepeatedBlockSpec[];
  /** A policy document the module writes from its inputs (see synthesize.ts modulePolicy). */
  readonly policy?: PolicySpec;
}

export interface RepeatedBlockSpec {
  /** Enclosing block types, then the repeated one: `["access_control_policy", "grant"]`. */
  readonly path: readonly string[];
  readonly input: string;
  /** The module writes the blocks only when this holds (`grants` only with `acl = null`). */
  readonly when?: Condition;
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  readonly blocks?: Readonly<Record<string, Readonly<Record<string, AttributeSpec>>>>;
}

export interface PolicySpec {
  /** The attribute that receives the policy, e.g. `assume_role_policy`. */
  readonly attribute: string;
  /** An input the caller may set to a whole policy, used instead of the generated one. */
  readonly overrideInput?: string;
  /** An input of statements in the module's form (`{ actions, principals = [...] }`). */
  readonly statementsInput?: string;
  /** Statements the module writes when a principal-list input is set. */
  readonly principalStatements?: readonly PrincipalStatementSpec[];
  /** Statements the module always writes (in its statement form), when their inputs allow. */
  readonly fixedStatements?: readonly FixedStatementSpec[];
  /** Statements whose actions are an input (with the module's default list) on resources it creates. */
  readonly actionStatements?: readonly ActionStatementSpec[];
  /**
   * Inputs holding one whole JSON document each (cloudposse s3-bucket's `policy`), merged
   * by sid after the generated statements, as `source_policy_documents` of a policy document.
   */
  readonly sourceDocumentInputs?: readonly string[];
  /** An input holding a list of JSON documents merged by sid last (`override_policy_documents`). */
  readonly overrideDocumentsInput?: string;
  /** The input that adds an MFA condition to statements marked `mfa`, and its default. */
  readonly mfaInput?: string;
  readonly mfaDefault?: boolean;
}

interface FixedStatementSpec {
  /** Names the statement for rules that ask whether a call turned it off (`mfa-enforcement`). */
  readonly id?: string;
  /** Every condition must hold for the module to write the statement. */
  readonly when?: readonly Condition[];
  readonly statement: Readonly<Record<string, unknown>>;
}

interface ActionStatementSpec {
  readonly sid?: string;
  /** The input holding the actions, and the module's default for it. */
  readonly actionsInput: string;
  readonly actionsDefault: readonly string[];
  /** References to resources the module creates: `aws_s3_bucket.default.arn`. */
  readonly resourceRefs?: readonly string[];
  /** Or the input holding the resources (`s3_resources`). */
  readonly resourcesInput?: string;
}

interface PrincipalStatementSpec {
  /** The input holding principals, e.g. `key_users`. */
  readonly input: string;
  /** Principal type: `AWS`, `Service`, `Federated`. */
  readonly principal: string;
  readonly sid?: string;
  readonly actions: readonly string[];
  readonly resources?: readonly string[];
  /** The statement carries the MFA condition when the module's MFA input is on. */
  readonly mfa?: boolean;
}

interface KnownModule {
  readonly source: string;
  /** The module creates nothing when this does not hold (`create = false`, `enabled = false`). */
  readonly enabled?: Condition;
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
