import { defineRule, type Severity } from '../../server/src/engine/rule';
import { collectPolicies, isAllow, patternAccessLevels } from '../../server/src/iam';

/**
 * Wildcards in the actions an Allow statement grants: `"*"` (everything), `service:*`
 * (a whole service), or a pattern that expands, through the action catalogue, to Write or
 * Permissions-management actions. Patterns that only read or list are fine.
 */
export default defineRule({
  id: 'aws-iam-wildcard-action',
  title: 'IAM policy allows actions by wildcard',
  severity: 'high',
  family: 'wildcard-iam',
  aliases: [
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
  ],
  fixable: false,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      if (p.kind === 'trust') continue; // trust policies are about who may assume, not what
      const keyPolicy = KEY_POLICY_OWNERS.has(p.owner.block.labels[0]?.value ?? '');
      for (const s of p.statements) {
        if (!isAllow(s)) continue;
        for (const a of s.actions) {
          if (!a.known || (!a.value.includes('*') && !a.value.includes('?'))) continue;
          // A key policy governs only its own key, and AWS's default key policy is written
          // with kms:* (the account) and kms:Create*, kms:Put*... (administrators): whom it
          // lets in is the principal rules' question, not the pattern.
          if (keyPolicy && /^kms:/i.test(a.value)) continue;
          const verdict = judge(a.value);
          if (!verdict) continue;
          ctx.report({
            origin: a.origin,
            severity: verdict.severity,
            message: `${p.owner.address} allows ${JSON.stringify(a.value)}: ${verdict.why}. List the actions the principal needs instead.`,
            block: p.owner.block.span,
          });
        }
      }
    }
  },
});

const KEY_POLICY_OWNERS = new Set(['aws_kms_key', 'aws_kms_key_policy', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key']);

function judge(pattern: string): { severity: Severity; why: string } | undefined {
  if (pattern === '*' || pattern === '*:*') return { severity: 'critical', why: 'every action on every service, administrator access' };
  if (/^[^:*?]+:\*$/.test(pattern)) return { severity: 'high', why: `every action of ${pattern.split(':')[0]}, including its write and permission-changing actions` };
  const levels = patternAccessLevels(pattern);
  if (levels.has('Permissions management')) return { severity: 'medium', why: 'the pattern includes permissions-management actions, which can be used to escalate privileges' };
  if (levels.has('Write')) return { severity: 'medium', why: 'the pattern includes write actions, and any new action AWS adds that matches it' };
  return undefined;
}
