import { defineRule } from '../../server/src/engine/rule';
import { alternatives } from '../../server/src/eval/value';
import { collectPolicies, isAllow } from '../../server/src/iam';
import { grantsWrite, narrowsCaller, publicPrincipals } from '../../server/src/rules-support/iam';

/**
 * Resource policies other than S3's (SQS, SNS, KMS, ECR, Secrets Manager, EFS, OpenSearch,
 * Glue, API Gateway, CloudWatch Logs, Backup, VPC endpoints...) that allow anyone without a
 * condition narrowing the caller; and Lambda permissions granted to principal "*" without
 * a source ARN or account.
 */
export default defineRule({
  id: 'aws-resource-policy-public-principal',
  title: 'Resource policy allows anyone',
  severity: 'high',
  family: 'wildcard-iam',
  aliases: ['CKV_AWS_32', 'CKV_AWS_33', 'CKV_AWS_167', 'CKV_AWS_168', 'CKV_AWS_169', 'CKV_AWS_283', 'CKV_AWS_301', 'AVD-AWS-0032', 'sqs_policy_with_public_access', 'sns_topic_is_publicly_accessible', 'ecr_repository_is_publicly_accessible', 'kms_key_is_publicly_accessible'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    for (const p of collectPolicies(m)) {
      const type = p.owner.block.labels[0]?.value ?? '';
      if (p.kind !== 'resource' || p.owner.block.type !== 'resource' || type === 'aws_s3_bucket_policy' || type === 'aws_s3_bucket') continue;
      for (const s of p.statements) {
        if (!isAllow(s) || narrowsCaller(s.conditions)) continue;
        const write = grantsWrite(s.actions) || s.notActions.length > 0;
        for (const principal of publicPrincipals(s)) {
          ctx.report({
            origin: principal.origin,
            severity: write ? 'critical' : 'high',
            message: `${p.owner.address} allows anyone (${JSON.stringify(principal.value)}) to ${s.actions.filter((a) => a.known).map((a) => a.value).join(', ') || 'act on it'} with no condition narrowing the caller${write ? ', including changing it' : ''}. Name the principals, or add a condition such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount.`,
            block: p.owner.block.span,
          });
        }
      }
    }
    for (const ref of m.resources('aws_lambda_permission')) {
      const principal = m.attribute(ref, 'principal');
      if (!principal) continue;
      if (m.attribute(ref, 'source_arn') || m.attribute(ref, 'source_account') || m.attribute(ref, 'principal_org_id')) continue;
      for (const v of alternatives(principal.value)) {
        if (v.kind !== 'string' || !v.known || v.value !== '*') continue;
        ctx.report({
          origin: v.origin,
          severity: 'critical',
          message: `${ref.address} lets anyone invoke the function (principal "*" with no source_arn, source_account or principal_org_id). Name the service or account that calls it.`,
          block: ref.block.span,
        });
      }
    }
  },
});
