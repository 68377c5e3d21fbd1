import { alternatives, type Block, type BlockRef, defineRule, type TerraformModule } from '../../server/src/rule-api';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/**
 * ACL grants to everyone (AllUsers) or to every AWS account (AuthenticatedUsers): the legacy
 * `grant` blocks of aws_s3_bucket and the `access_control_policy` of aws_s3_bucket_acl.
 */
export default defineRule({
  id: 'aws-s3-public-grant',
  title: 'S3 ACL grant to everyone',
  severity: 'critical',
  family: 'public-s3',
  aliases: ['CKV_AWS_375', 's3_bucket_acl_grants_write_acp_permission'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    for (const ref of m.resources('aws_s3_bucket')) {
      for (const g of ref.block.body.blocks.filter((b) => b.type === 'grant')) checkGrant(ctx, m, ref, g, 'uri', 'permissions');
    }
    for (const ref of m.resources('aws_s3_bucket_acl')) {
      for (const acp of ref.block.body.blocks.filter((b) => b.type === 'access_control_policy')) {
        for (const g of acp.body.blocks.filter((b) => b.type === 'grant')) {
          const grantee = g.body.blocks.find((b) => b.type === 'grantee');
          if (grantee) checkGrant(ctx, m, ref, { ...grantee, body: { ...grantee.body, attributes: [...grantee.body.attributes, ...g.body.attributes] } }, 'uri', 'permission');
        }
      }
    }
  },
});

function checkGrant(ctx: Parameters<Parameters<typeof defineRule>[0]['check']>[0], m: TerraformModule, ref: BlockRef, g: Block, uriAttr: string, permAttr: string): void {
  const uri = g.body.attributes.find((a) => a.name === uriAttr);
  if (!uri) return;
  const perms = g.body.attributes.find((a) => a.name === permAttr);
  const permValues = perms ? alternatives(m.evaluate(perms, ref.file)).flatMap((v) => (v.kind === 'list' ? v.items : [v])).flatMap((v) => (v.kind === 'string' && v.known ? [v.value] : [])) : [];
  for (const v of alternatives(m.evaluate(uri, ref.file))) {
    if (v.kind !== 'string' || !v.known || (v.value !== ALL_USERS && v.value !== AUTH_USERS)) continue;
    const who = v.value === ALL_USERS ? 'everyone on the internet' : 'every AWS account in the world';
    ctx.report({
      origin: v.origin,
      severity: permValues.some((p) => p !== 'READ') ? 'critical' : 'high',
      message: `${ref.address} grants ${permValues.length ? permValues.join(', ') : 'access'} to ${who} through an ACL grant. Remove the grant; share with named accounts or through a bucket policy instead.`,
      block: ref.block.span,
    });
  }
}
