import type { JsonSyntax } from '../eval/json';
import type { Origin, Value } from '../eval/value';
import type { BlockRef } from '../hcl/ast';

/** A policy element and where it was written. `known` is false for apply-time values. */
export interface Located<T = string> {
  readonly value: T;
  readonly origin: Origin;
  readonly known: boolean;
}

type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';

export interface Principal {
  /** `*` for `"Principal": "*"`; otherwise the key of the principal map. */
  readonly type: PrincipalType | string;
  readonly id: Located;
}

export interface Condition {
  /** `Bool`, `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`... as written. */
  readonly operator: Located;
  readonly key: Located;
  readonly values: readonly Located[];
}

export interface Statement {
  readonly sid?: Located;
  /** Absent Effect is invalid in AWS; we keep it as unknown rather than guess. */
  readonly effect?: Located;
  readonly actions: readonly Located[];
  readonly notActions: readonly Located[];
  readonly resources: readonly Located[];
  readonly notResources: readonly Located[];
  readonly principals: readonly Principal[];
  readonly notPrincipals: readonly Principal[];
  readonly conditions: readonly Condition[];
  /** True when some element could not be read statically (unknown values). */
  readonly partial: boolean;
  readonly origin: Origin;
  /** The statement as read (a JSON-shaped object), for fixes that edit it in its own form. */
  readonly raw: Value;
}

/**
 * `endpoint`: a VPC endpoint policy, a guard on what calls through the endpoint may do, not
 * a grant: its `Principal "*"` is whoever is inside the VPC, and `s3:*` there grants nothing.
 */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'endpoint';

export type PolicyForm = 'jsonencode' | 'json' | 'heredoc' | 'file' | 'policy-document' | 'unknown';

export interface Policy {
  readonly kind: PolicyKind;
  readonly form: PolicyForm;
  /** The resource or data source that carries the policy, e.g. `aws_iam_role.admin`. */
  readonly owner: BlockRef;
  /** The attribute holding it (`policy`, `assume_role_policy`, `inline_policy.policy`). */
  readonly attribute: string;
  readonly origin: Origin;
  readonly statements: readonly Statement[];
  /** JSON syntax errors and shape problems, with their locations. */
  readonly errors: readonly PolicyError[];
}

/** Why (part of) a policy could not be read, and where. */
export interface PolicyError {
  readonly message: string;
  readonly origin: Origin;
  /** For a JSON syntax error of the policy's text: what jsonc-parser reports. */
  readonly syntax?: JsonSyntax;
}

export function isAllow(s: Statement): boolean {
  return s.effect?.known === true && s.effect.value === 'Allow';
}
