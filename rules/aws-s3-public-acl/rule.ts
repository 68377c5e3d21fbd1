import {
  accountBlocksPublicAccess,
  aclsDisabled,
  type BlockRef,
  bucketOf,
  coveringFlagIsOn,
  defineRule,
  publicAccessBlocksOf,
  setValueFix,
  type Severity,
  stringAlternatives,
  type TerraformModule,
  writtenInPlace,
} from '../../server/src/rule-api';

const PUBLIC_ACLS: Record<string, { severity: Severity; who: string }> = {
  'public-read-write': { severity: 'critical', who: 'anyone on the internet to read and write' },
  'public-read': { severity: 'high', who: 'anyone on the internet to read' },
  'authenticated-read': { severity: 'high', who: 'any AWS account in the world to read' },
};

/** Canned ACLs that make a bucket or object public: on the bucket, the ACL resource, or an object. */
export default defineRule({
  id: 'aws-s3-public-acl',
  title: 'S3 ACL grants access to everyone',
  severity: 'high',
  family: 'public-s3',
  aliases: ['CKV_AWS_20', 'CKV_AWS_57', 'AVD-AWS-0092', 's3_bucket_acl_allows_read_or_write_to_all_users', 's3_bucket_acl_allows_read_to_any_authenticated_user'],
  fixable: true,
  check(ctx) {
    const m = ctx.module;
    for (const type of ['aws_s3_bucket', 'aws_s3_bucket_acl', 'aws_s3_object', 'aws_s3_bucket_object']) {
      for (const ref of m.resources(type)) {
        const a = m.attribute(ref, 'acl');
        if (!a) continue;
        for (const v of stringAlternatives(a.value)) {
          const pub = PUBLIC_ACLS[v.value];
          if (!pub) continue;
          const bucket = type === 'aws_s3_bucket' ? ref : bucketOf(m, ref);
          const mitigation = mitigated(m, ref, bucket);
          const fix = writtenInPlace(a, v) ? setValueFix(m, a, '"private"', `Set acl to "private" on ${ref.address}`) : undefined;
          ctx.report({
            origin: v.origin,
            severity: mitigation ? 'low' : pub.severity,
            message: mitigation
              ? `${ref.address} sets the ACL "${v.value}", but ${mitigation}, so AWS ignores it today; set "private" so removing that setting does not expose the data.`
              : `${ref.address} sets the ACL "${v.value}", which allows ${pub.who} ${type.includes('object') ? 'this object' : 'the bucket'}. Use "private" and grant access through a bucket policy to named principals.`,
            block: ref.block.span,
            ...(fix ? { fix } : {}),
          });
        }
      }
    }
  },
});

/**
 * Why a public ACL has no effect, if it has none: ACLs disabled on the bucket, a public
 * access block that blocks and ignores public ACLs (the bucket's own, linked by reference
 * or literal bucket name even when the bucket is not declared here, or one a module call
 * creates for it), or the account-level block.
 */
function mitigated(m: TerraformModule, ref: BlockRef, bucket: BlockRef | undefined): string | undefined {
  if (bucket && aclsDisabled(m, bucket)) return 'object ownership is BucketOwnerEnforced (ACLs disabled)';
  const pab = publicAccessBlocksOf(m, bucket ?? ref).find((p) => coveringFlagIsOn(p, 'block_public_acls') && coveringFlagIsOn(p, 'ignore_public_acls'));
  if (pab) return `${pab.address} blocks and ignores public ACLs`;
  if (accountBlocksPublicAccess(m)) return 'the account-level public access block is on';
  return undefined;
}
