import { accountBlocksPublicAccess, defineRule, insertBlockAfter, publicAccessBlocksOf, switchedOffBy } from '../../server/src/rule-api';

/**
 * A bucket with no public access block: neither its own (linked by reference or by
 * name) nor an account-level one with every flag on.
 */
export default defineRule({
  id: 'aws-s3-public-access-block-missing',
  title: 'S3 bucket has no public access block',
  severity: 'high',
  family: 'public-s3',
  aliases: ['AVD-AWS-0094', 'CKV2_AWS_6'],
  fixable: true,
  check(ctx) {
    const m = ctx.module;
    if (accountBlocksPublicAccess(m)) return;
    for (const bucket of m.resources('aws_s3_bucket')) {
      // Its own block (by reference or name), or one a module call creates for it.
      if (publicAccessBlocksOf(m, bucket).length) continue;
      // A registry module call that turned its public access block off: report that argument.
      const off = switchedOffBy(m.synthesized, bucket.block, 'aws_s3_bucket_public_access_block');
      if (off) {
        ctx.report({
          origin: { file: bucket.file.path, span: off.argument.expr.span },
          message: `${bucket.address} has no public access block: ${off.argument.name} = false stops ${off.call} from creating one, so one ACL or policy change can make the bucket public. Remove the argument or set it to true.`,
          block: bucket.block.span,
          fix: off.fix,
        });
        continue;
      }
      const name = bucket.block.labels[1]?.value ?? 'this';
      // A bucket a registry module call creates: its block is the call's, not one to insert after.
      const synthesized = m.synthesized.some((r) => r.block === bucket.block);
      // A name Terraform would refuse (`"{b"`) cannot be referenced: no fix to write.
      const referable = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name);
      const fix = synthesized || !referable
        ? undefined
        : {
            title: `Add a public access block for ${bucket.address}`,
            edits: [
              insertBlockAfter(
                bucket.file,
                bucket.block,
                [
                  `resource "aws_s3_bucket_public_access_block" "${name}" {`,
                  `  bucket = ${bucket.address}.id`,
                  '',
                  '  block_public_acls       = true',
                  '  block_public_policy     = true',
                  '  ignore_public_acls      = true',
                  '  restrict_public_buckets = true',
                  '}',
                ].join('\n'),
              ),
            ],
          };
      ctx.report({
        origin: { file: bucket.file.path, span: bucket.block.headerSpan },
        message: `${bucket.address} has no aws_s3_bucket_public_access_block (and no account-level block with every flag on): one ACL or policy change can make it public. Add a public access block with all four flags set to true.`,
        block: bucket.block.span,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
