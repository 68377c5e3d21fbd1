import { alternatives, defineRule } from '../../server/src/rule-api';

/** Long-lived access keys created by Terraform (`aws_iam_access_key`). */
export default defineRule({
  id: 'aws-iam-access-key-created',
  title: 'Long-lived IAM access key created',
  severity: 'medium',
  family: 'static-credentials',
  aliases: ['CKV_AWS_348', 'AVD-AWS-0141', 'root_account_has_active_access_keys', 'iam_access_key_is_exposed', 'iam_user_too_many_access_keys'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    for (const ref of m.resources('aws_iam_access_key')) {
      const user = m.attribute(ref, 'user');
      const root = !!user && alternatives(user.value).some((v) => v.kind === 'string' && v.known && /^root$/i.test(v.value));
      const pgp = m.attribute(ref, 'pgp_key');
      const plain = !pgp || alternatives(pgp.value).every((v) => v.kind === 'null' || (v.kind === 'string' && v.known && v.value === ''));
      const status = m.attribute(ref, 'status');
      if (status && alternatives(status.value).every((v) => v.kind === 'string' && v.known && v.value === 'Inactive')) continue;
      ctx.report({
        origin: { file: ref.file.path, span: ref.block.headerSpan },
        severity: root ? 'critical' : plain ? 'high' : 'medium',
        message: root
          ? `${ref.address} creates an access key for the root user: full, unrestricted access to the account. Delete it and use IAM roles.`
          : `${ref.address} creates a long-lived access key${plain ? ' without pgp_key, so its secret is stored in plain text in the Terraform state' : ''}. Prefer roles or IAM Identity Center; if a key is unavoidable, set pgp_key and rotate it.`,
        block: ref.block.span,
      });
    }
  },
});
