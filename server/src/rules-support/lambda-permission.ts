import type { Value } from '../eval/value';
import type { BlockRef, TerraformModule } from '../module/module';
import { stringAlternatives } from './values';

type Str = Extract<Value, { kind: 'string' }>;

/**
 * An `aws_lambda_permission` read as the one statement of the function's resource policy it
 * adds: who (`principal`), what (`action`), and whether `source_arn`, `source_account` or
 * `principal_org_id` narrows the caller. Two rules judge it, so that each permission gets one
 * finding: `aws-resource-policy-public-principal` when anyone may call (naming the action,
 * wildcard or not), `aws-iam-wildcard-action` when named principals get a wildcard action.
 */
interface LambdaPermission {
  readonly ref: BlockRef;
  /** The `"*"` principal written (first one, when a conditional offers several), if any. */
  readonly publicPrincipal?: Str;
  readonly narrowed: boolean;
  /**
   * Wildcard actions it may grant, each branch of a conditional: Lambda accepts only `*` and
   * `lambda:*` as wildcards here (AddPermission's action is `lambda:*`, `*` or one action name).
   */
  readonly wildcardActions: readonly Str[];
  /** Every known action it may grant. */
  readonly actions: readonly Str[];
}

export function lambdaPermissions(m: TerraformModule): LambdaPermission[] {
  return m.resources('aws_lambda_permission').map((ref) => {
    const principal = m.attribute(ref, 'principal');
    const action = m.attribute(ref, 'action');
    const actions = action ? stringAlternatives(action.value) : [];
    const narrowed = ['source_arn', 'source_account', 'principal_org_id'].some((name) => {
      const a = m.attribute(ref, name);
      return !!a && a.value.kind !== 'null';
    });
    return {
      ref,
      publicPrincipal: principal ? stringAlternatives(principal.value).find((v) => v.value.trim() === '*') : undefined,
      narrowed,
      actions,
      wildcardActions: actions.filter((v) => /^(lambda:)?\*$/i.test(v.value.trim())),
    };
  });
}

/** True when the permission is open to anyone: principal `"*"` and nothing narrowing the caller. */
export function isPublicPermission(p: LambdaPermission): boolean {
  return !!p.publicPrincipal && !p.narrowed;
}
