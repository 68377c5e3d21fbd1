import { defineRule } from '../../server/src/engine/rule';

/** Website hosting: a public-read endpoint by design, worth knowing about. */
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
      ctx.report({
        origin: { file: ref.file.path, span: ref.block.headerSpan },
        message: `${ref.address} turns on static website hosting: the website endpoint serves the bucket's objects over plain HTTP to anyone the bucket policy allows. If that is the intent, consider CloudFront with origin access control (HTTPS, no public bucket); otherwise remove it.`,
        block: ref.block.span,
      });
    }
    for (const ref of m.resources('aws_s3_bucket')) {
      const website = ref.block.body.blocks.find((b) => b.type === 'website');
      if (!website) continue;
      ctx.report({
        origin: { file: ref.file.path, span: website.headerSpan },
        message: `${ref.address} has a website block: the website endpoint serves the bucket's objects over plain HTTP to anyone the bucket policy allows. Consider CloudFront with origin access control instead.`,
        block: ref.block.span,
      });
    }
  },
});
