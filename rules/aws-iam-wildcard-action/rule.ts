import {
  accessLevels,
  collectPolicies,
  defineRule,
  expandPattern,
  isAllow,
  isPublicPermission,
  lambdaPermissions,
  memoized,
  type Located,
  nameList,
  type Policy,
  resourceScope,
  type ResourceScope,
  type Severity,
  variableSource,
  worst,
} from '../../server/src/rule-api';

const ALIASES = [
  'CKV_AWS_1',
  'CKV_AWS_49',
  'CKV_AWS_62',
  'CKV_AWS_63',
  'CKV2_AWS_40',
  'AVD-AWS-0057',
  'AVD-AWS-0345',
  'AVD-AWS-0097',
  'iam_policies_with_full_privileges',
  'iam_policy_grants_full_permissions',
  'iam_role_with_full_privileges',
  'sso_policy_with_full_priveleges',
  'sqs_policy_allows_all_actions',
  'kms_key_with_full_permissions',
];

/**
 * Checkov reports a service wildcard or a write pattern on Resource "*" as write /
 * permissions-management / restrictable actions without constraints (CKV_AWS_111, 109, 356):
 * a team that skipped those on the statement reviewed this grant.
 */
const UNCONSTRAINED = ['CKV_AWS_109', 'CKV_AWS_111', 'CKV_AWS_356'];

/**
 * Wildcards in the actions an Allow statement grants: `"*"` (everything), `service:*`
 * (a whole service), or a pattern that expands, through the action catalogue, to Write or
 * Permissions-management actions. Patterns that only read or list are fine. The grade
 * depends on the resources the statement names: `"*"` on every resource is administrator
 * access, on one named ARN it is not. One finding per statement, on its first offending
 * action, naming the others.
 */
export default defineRule({
  id: 'aws-iam-wildcard-action',
  title: 'IAM policy allows actions by wildcard',
  severity: 'high',
  family: 'wildcard-iam',
  aliases: ALIASES,
  fixable: false,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      // Trust policies are about who may assume, not what; a VPC endpoint policy only narrows
      // what callers inside the VPC may do through the endpoint: a guard, not a grant.
      if (p.kind === 'trust' || p.kind === 'endpoint') continue;
      const keyPolicy = KEY_POLICY_OWNERS.has(p.owner.block.labels[0]?.value ?? '');
      // A `dynamic "statement"` block writes several statements from one place: they are
      // grouped by where they are written, so the block gets one finding too.
      const written = new Map<string, { action: Located; severity: Severity; why: string; unconstrained: boolean }[]>();
      for (const s of p.statements) {
        if (!isAllow(s)) continue;
        const scope = resourceScope(s);
        const key = `${s.origin.file}:${s.origin.span.start}:${s.origin.span.end}`;
        const offending = written.get(key) ?? [];
        written.set(key, offending);
        for (const a of s.actions) {
          if (!a.known || (!a.value.includes('*') && !a.value.includes('?'))) continue;
          // A key policy governs only its own key, and AWS's default key policy is written
          // with kms:* (the account) and kms:Create*, kms:Put*... (administrators): whom it
          // lets in is the principal rules' question, not the pattern.
          if (keyPolicy && /^kms:/i.test(a.value)) continue;
          const on = onWhat(scope, p);
          const verdict = judge(a.value, on);
          if (verdict) offending.push({ action: a, ...verdict, unconstrained: on.everything && a.value !== '*' && a.value !== '*:*' });
        }
      }
      for (const offending of written.values()) {
        const first = offending[0];
        if (!first) continue;
        const severity = worst(offending.map((o) => o.severity));
        const top = offending.find((o) => o.severity === severity) ?? first;
        const what =
          offending.length === 1
            ? `${JSON.stringify(first.action.value)}: ${first.why}`
            : `${nameList(
                offending.map((o) => o.action.value),
                'wildcard actions',
              )}; the broadest, ${JSON.stringify(top.action.value)}: ${top.why}`;
        const source = variableSource(ctx.module, p, first.action.origin);
        const related = [
          ...offending.slice(1).map((o) => ({ origin: o.action.origin, message: `${JSON.stringify(o.action.value)}: ${o.why}` })),
          ...(source?.related ?? []),
        ];
        ctx.report({
          origin: first.action.origin,
          severity,
          message: `${p.owner.address} allows ${what}. List the actions the principal needs instead.${source?.note ?? ''}`,
          ...(offending.every((o) => o.unconstrained) ? { aliases: [...ALIASES, ...UNCONSTRAINED] } : {}),
          block: p.owner.block.span,
          ...(related.length ? { related } : {}),
        });
      }
    }
    // A Lambda permission grants its action on its own function. When anyone may call,
    // aws-resource-policy-public-principal reports the permission (naming the action): one
    // finding per permission.
    for (const lp of lambdaPermissions(ctx.module)) {
      if (isPublicPermission(lp)) continue;
      for (const a of lp.wildcardActions) {
        const verdict = judge(a.value, { everything: false, text: 'the function' });
        if (!verdict) continue;
        ctx.report({
          origin: a.origin,
          severity: verdict.severity,
          message: `${lp.ref.address} allows ${JSON.stringify(a.value)}: ${verdict.why}, including replacing its code (which then runs with the function's role). Grant lambda:InvokeFunction, or the actions the caller needs, instead.`,
          block: lp.ref.block.span,
        });
        break;
      }
    }
  },
});

const KEY_POLICY_OWNERS = new Set(['aws_kms_key', 'aws_kms_key_policy', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key']);

/**
 * Where the statement's actions apply. A resource policy's resources are the resource
 * that carries it (its principals are judged by the principal rules), so its `"*"` is not
 * "every resource of the account".
 */
function onWhat(scope: ResourceScope, p: Policy): { everything: boolean; text: string } {
  if (p.kind === 'resource') return { everything: false, text: 'the resources this policy governs' };
  switch (scope.kind) {
    case 'all':
      return { everything: true, text: scope.notResource ? 'every resource but those NotResource lists' : 'every resource' };
    case 'named':
      return { everything: false, text: `${scope.count} named resource${scope.count === 1 ? '' : 's'}` };
    case 'unknown':
      return { everything: false, text: 'resources known only at apply time' };
  }
}

function judge(pattern: string, on: { everything: boolean; text: string }): { severity: Severity; why: string } | undefined {
  if (pattern === '*' || pattern === '*:*') {
    return on.everything
      ? { severity: 'critical', why: `every action on ${on.text}: administrator access` }
      : { severity: 'high', why: `every action of every service on ${on.text}` };
  }
  if (/^[^:*?]+:\*$/.test(pattern)) {
    const service = pattern.split(':')[0];
    return on.everything
      ? { severity: 'high', why: `every action of ${service} on ${on.text}, including its write and permission-changing actions` }
      : { severity: 'medium', why: `every action of ${service} on ${on.text}` };
  }
  const levels = grantedLevels(pattern);
  if (levels.has('Permissions management')) return { severity: 'medium', why: `the pattern includes permissions-management actions (on ${on.text}), which can be used to escalate privileges` };
  // A pattern of write actions confined to named resources (kms:GenerateDataKey* on one key,
  // s3:Replicate* on a replica bucket) reaches only those resources: the idiom AWS's own
  // examples use, not a grant to flag. On every resource it is.
  if (on.everything && levels.has('Write')) {
    return { severity: 'medium', why: `the pattern includes write actions on ${on.text}, and any new action AWS adds that matches it` };
  }
  return undefined;
}

/**
 * The access levels of the actions a pattern matches. AWS files a few actions that only read
 * permissions under "Permissions management" and "Write" (quicksight:DescribeTopicPermissions):
 * those named as reads (Describe, Get, List, Search) neither write nor let anyone escalate.
 * Worked out once per pattern: the editor re-judges the same policies on every pause in
 * typing, and `s3:Get*` expands to dozens of actions.
 */
const grantedLevels = memoized((pattern: string): ReadonlySet<string> => {
  const out = new Set<string>();
  for (const a of expandPattern(pattern)) {
    const levels = accessLevels(a) ?? [];
    if (levels.includes('Permissions management') && /^[^:]+:(Describe|Get|List|Search)/.test(a)) continue;
    for (const l of levels) out.add(l);
  }
  return out;
});
