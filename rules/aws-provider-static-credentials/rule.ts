import { alternatives, type BlockRef, defineRule, maskKeyId, removeAttribute, type Value, writtenInPlace } from '../../server/src/rule-api';

const CREDENTIAL_ATTRIBUTES: Record<string, string> = {
  access_key: 'an access key id',
  secret_key: 'a secret access key',
  token: 'a session token',
};

/**
 * Flags credentials written into Terraform code: in `provider "aws"` blocks (aliased
 * ones too) and the `s3` backend. A value counts when it is a literal or resolves to one
 * through a local, a variable default or a `.tfvars` value.
 */
export default defineRule({
  id: 'aws-provider-static-credentials',
  title: 'AWS credentials written in Terraform configuration',
  severity: 'critical',
  family: 'static-credentials',
  aliases: ['CKV_AWS_41'],
  fixable: true,
  check(ctx) {
    const m = ctx.module;
    const targets: { ref: BlockRef; where: string }[] = [];
    for (const p of m.blocksOfType('provider')) {
      if (p.block.labels[0]?.value !== 'aws') continue;
      const alias = m.attribute(p, 'alias')?.value;
      const name = alias?.kind === 'string' && alias.known ? `provider "aws" (alias ${alias.value})` : 'provider "aws"';
      targets.push({ ref: p, where: name });
    }
    for (const t of m.blocksOfType('terraform')) {
      for (const backend of t.block.body.blocks) {
        if (backend.type === 'backend' && backend.labels[0]?.value === 's3') {
          targets.push({ ref: { block: backend, file: t.file, address: 'terraform.backend.s3' }, where: 'backend "s3"' });
        }
      }
    }
    for (const { ref, where } of targets) {
      for (const [attr, what] of Object.entries(CREDENTIAL_ATTRIBUTES)) {
        const a = m.attribute(ref, attr);
        if (!a) continue;
        for (const v of alternatives(a.value)) {
          if (!isWrittenSecret(v)) continue;
          const shown = attr === 'access_key' && v.kind === 'string' ? ` (${maskKeyId(v.value)})` : '';
          const via = writtenInPlace(a, v) ? '' : `, reaching ${attr} through a variable or local`;
          // Written right in the block: removing the argument is the fix (the provider then
          // uses its default credential chain). A value from a variable or local is left
          // alone: deleting a default could break other users of that variable.
          const fix = via ? undefined : { title: `Remove ${attr} from ${where}`, edits: [removeAttribute(ref.file, a.attribute)] };
          ctx.report({
            origin: v.origin,
            ...(fix ? { fix } : {}),
            // A value written elsewhere: point at the argument that receives it too.
            ...(via ? { related: [{ origin: { file: ref.file.path, span: a.attribute.span }, message: `${attr} of ${where} receives this value` }] } : {}),
            message: `${where} has ${what}${shown} written in the configuration${via}. Anyone who can read the code or its history can use it: let the provider find credentials in the environment, a shared profile or an assumed role instead.`,
            block: ref.block.span,
          });
        }
      }
    }
  },
});

function isWrittenSecret(v: Value): v is Extract<Value, { kind: 'string' }> {
  return v.kind === 'string' && v.known && v.value.trim() !== '';
}
