import {
  addAttribute,
  alternatives,
  defineRule,
  PUBLIC_ACCESS_BLOCK_FLAGS,
  type PublicAccessBlockFlag,
  setValueFix,
  writtenInPlace,
} from '../../server/src/rule-api';

/** What each flag stops, and the peer ids that check exactly that flag. */
const FLAGS: Record<PublicAccessBlockFlag, { stops: string; aliases: string[] }> = {
  block_public_acls: { stops: 'new public ACLs from being set', aliases: ['CKV_AWS_53', 'AVD-AWS-0086', 's3_bucket_allows_public_acl'] },
  block_public_policy: { stops: 'a public bucket policy from being attached', aliases: ['CKV_AWS_54', 'AVD-AWS-0087', 's3_bucket_with_public_policy'] },
  ignore_public_acls: { stops: 'existing public ACLs from taking effect', aliases: ['CKV_AWS_55', 'AVD-AWS-0091', 's3_bucket_without_ignore_public_acl'] },
  restrict_public_buckets: { stops: 'public and cross-account access through a public policy', aliases: ['CKV_AWS_56', 'AVD-AWS-0093', 's3_bucket_without_restriction_of_public_bucket'] },
};

/** One finding per public access block flag that is false or absent (absent means false). */
export default defineRule({
  id: 'aws-s3-public-access-block-disabled',
  title: 'S3 public access block leaves a protection off',
  severity: 'high',
  family: 'public-s3',
  aliases: Object.values(FLAGS).flatMap((f) => f.aliases),
  fixable: true,
  check(ctx) {
    const m = ctx.module;
    for (const type of ['aws_s3_bucket_public_access_block', 'aws_s3_account_public_access_block']) {
      for (const ref of m.resources(type)) {
        for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) {
          const { stops, aliases } = FLAGS[flag];
          const a = m.attribute(ref, flag);
          if (!a) {
            ctx.report({
              origin: { file: ref.file.path, span: ref.block.headerSpan },
              message: `${ref.address} does not set ${flag}, so it is false: nothing stops ${stops}. Set ${flag} = true.`,
              block: ref.block.span,
              aliases,
              fix: { title: `Set ${flag} = true on ${ref.address}`, edits: [addAttribute(ref.file, ref.block, flag, 'true')] },
            });
            continue;
          }
          for (const v of alternatives(a.value)) {
            if (!(v.kind === 'bool' && !v.value)) continue;
            const fix = writtenInPlace(a, v) ? setValueFix(m, a, 'true', `Set ${flag} = true on ${ref.address}`) : undefined;
            ctx.report({
              origin: v.origin,
              message: `${ref.address} sets ${flag} = false: nothing stops ${stops}. Set it to true.`,
              block: ref.block.span,
              aliases,
              ...(fix ? { fix } : {}),
            });
          }
        }
      }
    }
  },
});
