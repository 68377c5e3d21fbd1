import { alternatives, type Block, type BlockRef, defineRule, type TerraformModule } from '../../server/src/rule-api';

/**
 * Website hosting: a public-read endpoint by design, worth knowing about. A website that
 * only redirects every request (`redirect_all_requests_to`) serves no objects: not reported.
 */
export default defineRule({
  id: 'aws-s3-website-public',
  title: 'S3 static website hosting enabled',
  severity: 'low',
  family: 'public-s3',
  aliases: [],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    for (const ref of m.resources('aws_s3_bucket_website_configuration')) {
      if (redirectsOnly(m, ref, ref.block)) continue;
      ctx.report({
        origin: { file: ref.file.path, span: ref.block.headerSpan },
        message: `${ref.address} turns on static website hosting: the website endpoint serves the bucket's objects over plain HTTP to anyone the bucket policy allows. If that is the intent, consider CloudFront with origin access control (HTTPS, no public bucket); otherwise remove it.`,
        block: ref.block.span,
      });
    }
    for (const ref of m.resources('aws_s3_bucket')) {
      const website = ref.block.body.blocks.find((b) => b.type === 'website');
      if (!website || redirectsOnly(m, ref, website)) continue;
      ctx.report({
        origin: { file: ref.file.path, span: website.headerSpan },
        message: `${ref.address} has a website block: the website endpoint serves the bucket's objects over plain HTTP to anyone the bucket policy allows. Consider CloudFront with origin access control instead.`,
        block: ref.block.span,
      });
    }
  },
});

/**
 * A website that sends every request elsewhere: a `redirect_all_requests_to` block
 * (aws_s3_bucket_website_configuration) or a non-null argument of that name (the legacy
 * `website` block). AWS then serves no object, whatever the bucket policy allows.
 */
function redirectsOnly(m: TerraformModule, ref: BlockRef, website: Block): boolean {
  if (website.body.blocks.some((b) => b.type === 'redirect_all_requests_to')) return true;
  const a = website.body.attributes.find((x) => x.name === 'redirect_all_requests_to');
  if (!a) return false;
  const alts = alternatives(m.evaluate(a, ref.file));
  return alts.length > 0 && alts.every((v) => v.kind !== 'null' && !(v.kind === 'string' && v.known && v.value === ''));
}
