import { alternatives } from '../eval/value';
import { groupBy } from '../group-by';
import type { BlockRef, TerraformModule } from '../module/module';
import { referencedAddress } from './values';
import { referencedAddresses } from './ast';

export const PUBLIC_ACCESS_BLOCK_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;
export type PublicAccessBlockFlag = (typeof PUBLIC_ACCESS_BLOCK_FLAGS)[number];

/**
 * The bucket a bucket-level resource (acl, policy, public access block...) belongs to:
 * through a reference (`aws_s3_bucket.b.id`, `.bucket`, `.arn`) or the literal bucket name.
 */
export function bucketOf(module: TerraformModule, ref: BlockRef): BlockRef | undefined {
  const a = module.attribute(ref, 'bucket');
  if (!a) return undefined;
  const { byAddress, byName } = bucketIndex(module);
  for (const v of alternatives(a.value)) {
    const target = referencedAddress(v);
    if (target?.startsWith('aws_s3_bucket.')) {
      const b = byAddress.get(target);
      if (b) return b;
    }
    if (v.kind === 'string' && v.known) {
      const b = byName.get(v.value);
      if (b) return b;
    }
  }
  // Apply-time expressions (`join("", aws_s3_bucket.b.*.id)`, a local holding one) still
  // name their bucket in the source.
  for (const addr of referencedAddresses(a.attribute.expr, (name) => module.localExpression(name))) {
    const b = byAddress.get(addr);
    if (b) return b;
  }
  return undefined;
}

// Rules link many bucket-level resources to buckets: index the buckets once per module.
const indexes = new WeakMap<TerraformModule, { byAddress: Map<string, BlockRef>; byName: Map<string, BlockRef> }>();

function bucketIndex(module: TerraformModule) {
  let idx = indexes.get(module);
  if (!idx) {
    idx = { byAddress: new Map(), byName: new Map() };
    for (const b of module.resources('aws_s3_bucket')) {
      if (!idx.byAddress.has(b.address)) idx.byAddress.set(b.address, b);
      const name = module.attribute(b, 'bucket')?.value;
      if (name?.kind === 'string' && name.known && !idx.byName.has(name.value)) idx.byName.set(name.value, b);
    }
    indexes.set(module, idx);
  }
  return idx;
}

// By bucket; resources whose bucket is not known sit under `undefined`, never asked for.
const attachments = new WeakMap<TerraformModule, Map<string, Map<BlockRef | undefined, BlockRef[]>>>();

/** Bucket-level resources of a type that belong to `bucket`. */
export function attachedTo(module: TerraformModule, type: string, bucket: BlockRef): BlockRef[] {
  let byType = attachments.get(module);
  if (!byType) attachments.set(module, (byType = new Map()));
  let map = byType.get(type);
  if (!map) {
    map = groupBy(module.resources(type), (r) => bucketOf(module, r));
    byType.set(type, map);
  }
  return map.get(bucket) ?? [];
}

/** Whether a public access block sets a flag to true (absent means false, as in AWS). */
export function flagIsOn(module: TerraformModule, pab: BlockRef, flag: PublicAccessBlockFlag): boolean {
  const a = module.attribute(pab, flag);
  if (!a) return false;
  const alts = alternatives(a.value);
  return alts.length > 0 && alts.every((v) => v.kind === 'bool' && v.value);
}

/** An account-level public access block with all four flags on covers every bucket. */
export function accountBlocksPublicAccess(module: TerraformModule): BlockRef | undefined {
  return module.resources('aws_s3_account_public_access_block').find((r) => PUBLIC_ACCESS_BLOCK_FLAGS.every((f) => flagIsOn(module, r, f)));
}

/** ACLs are ignored when object ownership is BucketOwnerEnforced. */
export function aclsDisabled(module: TerraformModule, bucket: BlockRef): boolean {
  return attachedTo(module, 'aws_s3_bucket_ownership_controls', bucket).some((oc) =>
    oc.block.body.blocks
      .filter((b) => b.type === 'rule')
      .some((rule) => {
        const a = rule.body.attributes.find((x) => x.name === 'object_ownership');
        const v = a ? module.evaluate(a, oc.file) : undefined;
        return v?.kind === 'string' && v.known && v.value === 'BucketOwnerEnforced';
      }),
  );
}
