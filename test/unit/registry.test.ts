import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../server/src/eval/evaluate';
import { unknown } from '../../server/src/eval/value';
import { formatAddress } from '../../server/src/registry/address';
import { synthesizeModuleCall } from '../../server/src/registry/synthesize';
import { knownModule, normalizeSource } from '../../server/src/registry/table';
import { allowsAtLeast, upperBound } from '../../server/src/registry/version';
import { parse, textAt } from '../helpers';

describe('registry modules: version constraints', () => {
  it('finds the newest version a constraint allows', () => {
    assert.deepEqual(upperBound('~> 3.0'), { version: [4, 0, 0], inclusive: false });
    assert.deepEqual(upperBound('~> 3.5.1'), { version: [3, 6, 0], inclusive: false });
    assert.deepEqual(upperBound('>= 3.0, < 3.10'), { version: [3, 10, 0], inclusive: false });
    assert.deepEqual(upperBound('3.2.0'), { version: [3, 2, 0], inclusive: true });
    assert.equal(upperBound('>= 2.0'), undefined);
    assert.equal(upperBound(undefined), undefined);
  });

  it('decides which default applies', () => {
    assert.equal(allowsAtLeast('~> 3.0', [3, 10, 0]), true, '~> 3.0 installs the newest 3.x');
    assert.equal(allowsAtLeast('3.2.0', [3, 10, 0]), false);
    assert.equal(allowsAtLeast('>= 3.0, < 3.10', [3, 10, 0]), false);
    assert.equal(allowsAtLeast(undefined, [3, 10, 0]), true, 'no constraint: the latest release');
  });

  it('normalizes registry sources', () => {
    assert.equal(normalizeSource('registry.terraform.io/Terraform-AWS-Modules/s3-bucket/aws'), 'terraform-aws-modules/s3-bucket/aws');
    assert.ok(knownModule('terraform-aws-modules/iam/aws//modules/iam-user'));
    assert.equal(knownModule('./modules/s3'), undefined);
  });
});

describe('registry modules: synthesized resources', () => {
  const env = (file: string) => ({ file, resolve: (_r: string, _s: unknown, o: { file: string; span: { start: number; end: number } }) => unknown('test', o) });

  it('an s3-bucket call with block_public_acls = false yields a public access block whose flag is the caller argument', async () => {
    const f = await parse('module "assets" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "~> 4.0"\n  bucket  = "assets"\n  block_public_acls = false\n}\n');
    const call = f.body.blocks[0];
    const res = synthesizeModuleCall(call, f, 'terraform-aws-modules/s3-bucket/aws', '~> 4.0', (a) => evaluate(a.expr, env(f.path)));
    assert.deepEqual(res.map((r) => r.address), [
      { modulePath: ['assets'], mode: 'managed', type: 'aws_s3_bucket', name: 'this' },
      { modulePath: ['assets'], mode: 'managed', type: 'aws_s3_bucket_public_access_block', name: 'this' },
    ]);
    assert.deepEqual(res.map((r) => r.block.labels.map((l) => l.value)), [['aws_s3_bucket', 'this'], ['aws_s3_bucket_public_access_block', 'this']], 'labelled as in the module');
    const pab = res[1].block;
    const flag = pab.body.attributes.find((a) => a.name === 'block_public_acls')!;
    assert.equal(textAt(f, flag.expr.span), 'false', 'the flag is the caller argument itself');
    const ignore = pab.body.attributes.find((a) => a.name === 'ignore_public_acls')!;
    assert.equal(ignore.expr.type, 'bool');
    assert.equal(textAt(f, ignore.expr.span), 'module "assets" {', 'a default lands on the module header');
    assert.equal(res[1].inputsBySpan.get(`${flag.expr.span.start}:${flag.expr.span.end}`)?.input, 'block_public_acls');
  });

  it('old versions get the old defaults', async () => {
    const f = await parse('module "old" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "3.2.0"\n}\n');
    const res = synthesizeModuleCall(f.body.blocks[0], f, 'terraform-aws-modules/s3-bucket/aws', '3.2.0', (a) => evaluate(a.expr, env(f.path)));
    const pab = res.find((r) => r.block.labels[0].value === 'aws_s3_bucket_public_access_block')!;
    const flag = pab.block.body.attributes.find((a) => a.name === 'block_public_policy')!;
    assert.deepEqual(flag.expr.type === 'bool' && flag.expr.value, false);
  });

  it('resources the module only creates on request are absent unless requested', async () => {
    const f = await parse('module "m" {\n  source        = "terraform-aws-modules/s3-bucket/aws"\n  attach_policy = true\n  policy        = "{}"\n  acl           = "public-read"\n}\n');
    const res = synthesizeModuleCall(f.body.blocks[0], f, 'terraform-aws-modules/s3-bucket/aws', undefined, (a) => evaluate(a.expr, env(f.path)));
    const types = res.map((r) => r.block.labels[0].value);
    assert.ok(types.includes('aws_s3_bucket_policy') && types.includes('aws_s3_bucket_acl'));
    assert.ok(!types.includes('aws_s3_bucket_website_configuration') && !types.includes('aws_s3_bucket_ownership_controls'));
    const acl = res.find((r) => r.block.labels[0].value === 'aws_s3_bucket_acl')!;
    assert.equal(textAt(f, acl.block.body.attributes.find((a) => a.name === 'acl')!.expr.span), '"public-read"');
  });

  it('uses an input\'s older name for older versions', async () => {
    const f = await parse('module "u" {\n  source                = "terraform-aws-modules/iam/aws//modules/iam-user"\n  version               = "~> 5.0"\n  create_iam_access_key = false\n}\n');
    const res = synthesizeModuleCall(f.body.blocks[0], f, 'terraform-aws-modules/iam/aws//modules/iam-user', '~> 5.0', (a) => evaluate(a.expr, env(f.path)));
    assert.deepEqual(res, []);
  });

  it('a map input becomes one resource per entry, each reading its own entry in the caller', async () => {
    const f = await parse('module "r" {\n  source   = "terraform-aws-modules/iam/aws//modules/iam-role"\n  policies = {\n    a = "arn:one"\n    b = "arn:two"\n  }\n}\n');
    const res = synthesizeModuleCall(f.body.blocks[0], f, 'terraform-aws-modules/iam/aws//modules/iam-role', '~> 6.0', (a) => evaluate(a.expr, env(f.path)));
    const attachments = res.filter((r) => r.block.labels[0].value === 'aws_iam_role_policy_attachment');
    assert.deepEqual(attachments.map((r) => formatAddress(r.address)), ['module.r.aws_iam_role_policy_attachment.this["a"]', 'module.r.aws_iam_role_policy_attachment.this["b"]']);
    const arn = evaluate(attachments[1].block.body.attributes.find((a) => a.name === 'policy_arn')!.expr, env(f.path));
    assert.ok(arn.kind === 'string' && arn.value === 'arn:two');
    assert.equal(textAt(f, arn.origin.span), '"arn:two"', 'the value keeps its place in the caller');
  });

  it('grant entries become access_control_policy grants; absent keys read as null', async () => {
    const f = await parse('module "b" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n  grant  = [{ type = "Group", permission = "READ", uri = "http://acs.amazonaws.com/groups/global/AllUsers" }]\n}\n');
    const res = synthesizeModuleCall(f.body.blocks[0], f, 'terraform-aws-modules/s3-bucket/aws', undefined, (a) => evaluate(a.expr, env(f.path)));
    const acl = res.find((r) => r.block.labels[0].value === 'aws_s3_bucket_acl')!;
    assert.ok(acl, 'a grant alone makes the module create the ACL');
    const grant = acl.block.body.blocks[0].body.blocks[0];
    assert.equal(grant.type, 'grant');
    const grantee = grant.body.blocks[0];
    const value = (name: string) => evaluate(grantee.body.attributes.find((a) => a.name === name)!.expr, env(f.path));
    assert.equal(textAt(f, value('uri').origin.span), '"http://acs.amazonaws.com/groups/global/AllUsers"');
    assert.equal(value('email_address').kind, 'null');
  });

  it('a grant list not known statically yields no grants rather than a guess', async () => {
    const f = await parse('module "b" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n  grant  = var.grants\n}\n');
    const res = synthesizeModuleCall(f.body.blocks[0], f, 'terraform-aws-modules/s3-bucket/aws', undefined, (a) => evaluate(a.expr, env(f.path)));
    const acl = res.find((r) => r.block.labels[0].value === 'aws_s3_bucket_acl');
    assert.deepEqual(acl?.block.body.blocks, []);
  });

  it('a whole kms policy passed by the caller replaces the statements the module would write', async () => {
    const f = await parse('module "k" {\n  source    = "terraform-aws-modules/kms/aws"\n  key_users = ["*"]\n  policy    = "{}"\n}\n');
    const res = synthesizeModuleCall(f.body.blocks[0], f, 'terraform-aws-modules/kms/aws', undefined, (a) => evaluate(a.expr, env(f.path)));
    const policy = res[0].block.body.attributes.find((a) => a.name === 'policy')!;
    assert.equal(textAt(f, policy.expr.span), '"{}"');
  });

  it('renders addresses the way Terraform does', () => {
    assert.equal(formatAddress({ modulePath: ['assets'], mode: 'managed', type: 'aws_s3_bucket_acl', name: 'this' }), 'module.assets.aws_s3_bucket_acl.this');
    assert.equal(formatAddress({ modulePath: ['a', 'b'], mode: 'managed', type: 'aws_iam_role', name: 'this["x"]' }), 'module.a.module.b.aws_iam_role.this["x"]');
    assert.equal(formatAddress({ modulePath: ['k'], mode: 'data', type: 'aws_iam_policy_document', name: 'this_policy' }), 'module.k.data.aws_iam_policy_document.this_policy');
  });
});

describe('registry modules: rules see module calls', () => {
  it('a rule over aws_s3_bucket_public_access_block reports on the caller argument, naming the input', async () => {
    const { moduleOf } = await import('../helpers');
    const { runRules } = await import('../../server/src/engine/run');
    const { defineRule } = await import('../../server/src/engine/rule');
    const m = await moduleOf({
      'main.tf': 'module "assets" {\n  source            = "terraform-aws-modules/s3-bucket/aws"\n  block_public_acls = false\n}\n',
    });
    const probe = defineRule({
      id: 'aws-test-probe',
      title: 'probe',
      severity: 'low',
      family: 'public-s3',
      aliases: [],
      fixable: false,
      check(ctx) {
        for (const ref of ctx.module.resources('aws_s3_bucket_public_access_block')) {
          for (const flag of ['block_public_acls', 'ignore_public_acls']) {
            const a = ctx.module.attribute(ref, flag);
            if (a && a.value.kind === 'bool') ctx.report({ origin: a.value.origin, message: `${ref.address} ${flag}=${a.value.value}` });
          }
        }
      },
    });
    const r = runRules(m, [probe]);
    assert.deepEqual(
      r.findings.map((f) => f.message),
      [
        'module.assets.aws_s3_bucket_public_access_block.this block_public_acls=false (set by input "block_public_acls" of module.assets)',
        'module.assets.aws_s3_bucket_public_access_block.this ignore_public_acls=true (from the defaults of module.assets, not an argument of this call)',
      ],
    );
    assert.deepEqual(r.findings[0].range, { start: { line: 2, character: 22 }, end: { line: 2, character: 27 } });
  });
});

describe('registry modules: structured addresses', () => {
  const CALLER = [
    'module "assets" {',
    '  source = "terraform-aws-modules/s3-bucket/aws"',
    '  bucket = "assets"',
    '}',
    'resource "aws_s3_bucket" "this" {',
    '  bucket = "own"',
    '}',
    'output "o" { value = module.assets.s3_bucket_id }',
    'output "not_a_resource" { value = module.assets.aws_s3_bucket.other.id }',
    '',
  ].join('\n');

  it('a resource of the call is indexed under its Terraform address, beside the caller\'s own resource of the same type and name', async () => {
    const { moduleOf } = await import('../helpers');
    const m = await moduleOf({ 'main.tf': CALLER });
    assert.deepEqual(m.resources('aws_s3_bucket').map((r) => r.address).sort(), ['aws_s3_bucket.this', 'module.assets.aws_s3_bucket.this']);
    const own = m.block('aws_s3_bucket.this')!;
    const created = m.block('module.assets.aws_s3_bucket.this')!;
    assert.notEqual(own.block, created.block);
    assert.equal(created.block.labels[1].value, 'this', 'labelled as in the module, its module path kept apart');
  });

  it('the call\'s own references resolve to its resources; the caller\'s module outputs stay module outputs', async () => {
    const { moduleOf } = await import('../helpers');
    const { bucketOf } = await import('../../server/src/rules-support/s3');
    const m = await moduleOf({ 'main.tf': CALLER });
    const pab = m.resources('aws_s3_bucket_public_access_block')[0];
    assert.equal(pab.address, 'module.assets.aws_s3_bucket_public_access_block.this');
    const bucket = m.attribute(pab, 'bucket')!.value;
    assert.equal(bucket.kind === 'unknown' && bucket.ref, 'module.assets.aws_s3_bucket.this');
    assert.equal(bucketOf(m, pab)?.address, 'module.assets.aws_s3_bucket.this', 'not the caller\'s aws_s3_bucket.this');
    const output = (name: string) => m.attribute(m.block(`output.${name}`)!, 'value')!.value;
    for (const name of ['o', 'not_a_resource']) {
      const v = output(name);
      assert.equal(v.kind === 'unknown' && v.ref, 'module.assets', `${name}: a module output`);
    }
  });

  it('a policy the call writes is owned by its Terraform address', async () => {
    const { moduleOf } = await import('../helpers');
    const { collectPolicies } = await import('../../server/src/iam');
    const m = await moduleOf({ 'main.tf': 'module "k" {\n  source    = "terraform-aws-modules/kms/aws"\n  key_users = ["arn:aws:iam::111122223333:role/r"]\n}\n' });
    assert.deepEqual([...new Set(collectPolicies(m).map((p) => p.owner.address))], ['module.k.aws_kms_key.this']);
  });
});
