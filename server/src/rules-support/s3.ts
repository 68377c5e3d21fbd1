import { alternatives, type Value } from '../eval/value';
import { groupBy } from '../group-by';
import { memoizedByObject, ObjectSlot } from '../memo';
import type { HclFile } from '../hcl/ast';
import { calledInstances, instantiateCalls } from '../module/calls';
import type { BlockRef, TerraformModule } from '../module/module';
import { parseTerraformDir } from '../module/workspace';
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
    // By address, as the module indexes it (`aws_s3_bucket.b`, `module.assets.aws_s3_bucket.this`).
    const target = referencedAddress(v);
    const b = target ? byAddress.get(target) : undefined;
    if (b) return b;
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
const bucketIndex = memoizedByObject((module: TerraformModule) => {
  const idx = { byAddress: new Map<string, BlockRef>(), byName: new Map<string, BlockRef>() };
  for (const b of module.resources('aws_s3_bucket')) {
    if (!idx.byAddress.has(b.address)) idx.byAddress.set(b.address, b);
    const name = module.attribute(b, 'bucket')?.value;
    if (name?.kind === 'string' && name.known && !idx.byName.has(name.value)) idx.byName.set(name.value, b);
  }
  return idx;
});

// By bucket; resources whose bucket is not known sit under `undefined`, never asked for.
const attachments = new ObjectSlot<TerraformModule, Map<string, Map<BlockRef | undefined, BlockRef[]>>>();

/** Bucket-level resources of a type that belong to `bucket`. */
function attachedTo(module: TerraformModule, type: string, bucket: BlockRef): BlockRef[] {
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
function flagIsOn(module: TerraformModule, pab: BlockRef, flag: PublicAccessBlockFlag): boolean {
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

/**
 * A public access block and the module that declares it: the scanned module, or a module
 * it calls (local, or installed by terraform init), instantiated with the caller's
 * arguments. `address` is written from the caller (`module.pab.aws_s3_bucket_public_access_block.this`).
 */
interface CoveringBlock {
  readonly module: TerraformModule;
  readonly ref: BlockRef;
  readonly address: string;
}

/** Whether a covering block sets a flag to true, evaluated in its own module. */
export function coveringFlagIsOn(b: CoveringBlock, flag: PublicAccessBlockFlag): boolean {
  return flagIsOn(b.module, b.ref, flag);
}

/**
 * The bucket-level public access blocks that cover `target`: a declared `aws_s3_bucket`, or a
 * bucket-level resource (an ACL...) whose bucket is not declared in the module, then linked
 * by the literal bucket name it gives. Blocks of the module are linked by reference or by
 * literal name; blocks that module calls create are linked through the bucket argument the
 * call gives them (a reference to the bucket, or its literal name).
 */
export function publicAccessBlocksOf(m: TerraformModule, target: BlockRef): CoveringBlock[] {
  const isBucket = target.block.labels[0]?.value === 'aws_s3_bucket';
  const bucket = isBucket ? target : bucketOf(m, target);
  const names = new Set<string>();
  const nameSource = m.attribute(bucket ?? target, 'bucket')?.value;
  for (const v of nameSource ? alternatives(nameSource) : []) if (v.kind === 'string' && v.known) names.add(v.value);
  const out: CoveringBlock[] = [];
  if (bucket) for (const ref of attachedTo(m, 'aws_s3_bucket_public_access_block', bucket)) out.push({ module: m, ref, address: ref.address });
  else
    for (const ref of m.resources('aws_s3_bucket_public_access_block')) {
      if (namesBucket(m.attribute(ref, 'bucket')?.value, undefined, names)) out.push({ module: m, ref, address: ref.address });
    }
  // A reference counts only when the caller wrote it: a called module's own
  // `aws_s3_bucket.this` is not the caller's bucket of that address.
  const fromCalls = calledBlocks(m);
  const callerFiles = fromCalls.length ? new Set(m.files.map((f) => f.path)) : new Set<string>();
  for (const c of fromCalls) {
    if (namesBucket(c.module.attribute(c.ref, 'bucket')?.value, bucket && { address: bucket.address, files: callerFiles }, names)) out.push(c);
  }
  return out;
}

/** Whether a `bucket` value refers to the bucket (a reference written in `files`) or gives one of its names. */
function namesBucket(v: Value | undefined, bucket: { address: string; files: ReadonlySet<string> } | undefined, names: ReadonlySet<string>): boolean {
  if (!v) return false;
  return alternatives(v).some((x) => {
    if (x.kind === 'string') return x.known && names.has(x.value);
    if (x.kind !== 'unknown' || !bucket || !x.ref || !bucket.files.has(x.origin.file)) return false;
    return x.ref === bucket.address || x.ref.startsWith(`${bucket.address}[`);
  });
}

// The public access blocks module calls create, read once per caller module.
const called = new ObjectSlot<TerraformModule, CoveringBlock[]>();

function calledBlocks(m: TerraformModule): CoveringBlock[] {
  let hit = called.get(m);
  if (hit) return hit;
  hit = [];
  called.set(m, hit);
  if (!m.blocksOfType('module').length) return hit;
  const dirs = new Map<string, HclFile[] | undefined>();
  const loadDir = (dir: string): HclFile[] | undefined => {
    if (!dirs.has(dir)) dirs.set(dir, parseTerraformDir(dir));
    return dirs.get(dir);
  };
  // The analysis has instantiated the calls already; a module built on its own reads them.
  for (const inst of calledInstances(m) ?? instantiateCalls(m, loadDir, () => undefined)) {
    for (const ref of inst.module.resources('aws_s3_bucket_public_access_block')) hit.push({ module: inst.module, ref, address: `${inst.path}.${ref.address}` });
  }
  return hit;
}
