import { collectPolicies, defineRule, publicStatements } from '../../server/src/rule-api';

/**
 * A bucket policy statement that allows anyone (`Principal: "*"`, `AWS: "*"`) without a
 * condition that narrows the caller. Deny statements (the usual `aws:SecureTransport`
 * guard) are never flagged.
 */
export default defineRule({
  id: 'aws-s3-public-bucket-policy',
  title: 'S3 bucket policy allows anyone',
  severity: 'high',
  family: 'public-s3',
  aliases: [
    'CKV_AWS_70',
    's3_bucket_access_to_any_principal',
    's3_bucket_allows_get_action_from_all_principals',
    's3_bucket_allows_list_action_from_all_principals',
    's3_bucket_allows_put_action_from_all_principals',
    's3_bucket_allows_delete_action_from_all_principals',
    's3_bucket_with_all_permissions',
  ],
  fixable: false,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      if (p.owner.block.labels[0]?.value !== 'aws_s3_bucket_policy' && p.owner.block.labels[0]?.value !== 'aws_s3_bucket') continue;
      if (p.owner.block.type !== 'resource') continue;
      // One finding per statement, on its first public principal.
      for (const { principals: one, write, actions } of publicStatements(p, 'anyone too')) {
        ctx.report({
          origin: one.first.origin,
          severity: write ? 'critical' : 'high',
          message: `${p.owner.address} allows anyone on the internet (${one.names}) to ${actions.length ? actions.join(', ') : 'act on the bucket'}${write ? ', including changing or deleting data' : ''}, with no condition narrowing the caller. Name the principals that need access, or add a condition such as aws:SourceVpce or aws:PrincipalOrgID.`,
          block: p.owner.block.span,
          ...(one.related.length ? { related: one.related } : {}),
        });
      }
    }
  },
});
