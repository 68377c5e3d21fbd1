import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../server/src/eval/evaluate';
import { FUNCTIONS } from '../../server/src/eval/functions';
import { toPlain, unknown } from '../../server/src/eval/value';
import { collectPolicies } from '../../server/src/iam';
import { moduleStatementsCall, registryBuiltCall } from '../../server/src/registry/statements';
import { moduleOf, parse } from '../helpers';

/** Terraform's built-in functions (developer.hashicorp.com/terraform/language/functions), Terraform 1.x. */
const TERRAFORM_FUNCTIONS = new Set(
  `abs ceil floor log max min parseint pow signum
   chomp endswith format formatlist indent join lower regex regexall replace split startswith strcontains
   strrev substr templatestring title trim trimprefix trimsuffix trimspace upper
   alltrue anytrue chunklist coalesce coalescelist compact concat contains distinct element flatten index
   keys length lookup matchkeys merge one range reverse setintersection setproduct setsubtract setunion
   slice sort sum transpose values zipmap
   base64decode base64encode base64gzip csvdecode jsondecode jsonencode textdecodebase64 textencodebase64
   urlencode yamldecode yamlencode
   abspath dirname pathexpand basename file fileexists fileset filebase64 templatefile
   formatdate plantimestamp timeadd timecmp timestamp
   base64sha256 base64sha512 bcrypt filebase64sha256 filebase64sha512 filemd5 filesha1 filesha256
   filesha512 md5 rsadecrypt sha1 sha256 sha512 uuid uuidv5
   cidrhost cidrnetmask cidrsubnet cidrsubnets
   can ephemeralasnull issensitive nonsensitive sensitive tobool tolist tomap tonumber toset tostring try type`.split(/\s+/),
);

const env = (file: string) => ({ file, resolve: (_r: string, _s: unknown, o: { file: string; span: { start: number; end: number } }) => unknown('test', o) });

describe('the function table holds only Terraform functions', () => {
  it('every name in the table is a Terraform built-in function', () => {
    const names = Object.keys(FUNCTIONS);
    assert.ok(names.length > 10, 'the table is read');
    assert.deepEqual(names.filter((n) => !TERRAFORM_FUNCTIONS.has(n)), []);
  });

  it('a name Perimeter once used internally is, written by a user, a function not evaluated', async () => {
    const f = await parse('v = perimeter_module_statements([{ actions = ["s3:*"] }])\n');
    const v = evaluate(f.body.attributes[0].expr, env(f.path));
    assert.equal(v.kind, 'unknown');
    assert.match(v.kind === 'unknown' ? v.reason : '', /not evaluated statically/);
  });

  it('a registry module statements call is known by its object: the module env evaluates it, a bare env does not, and a copy is not it', async () => {
    const f = await parse('v = [{ actions = ["s3:GetObject"], resources = ["*"] }]\n');
    const source = f.body.attributes[0].expr;
    const call = moduleStatementsCall([source], source.span);
    assert.ok(registryBuiltCall(call));
    assert.equal(registryBuiltCall({ ...call }), undefined, 'the same text built elsewhere is no built call');
    assert.equal(evaluate(call, env(f.path)).kind, 'unknown', 'without the hook it is an unknown function');
    const withHook = evaluate(call, { ...env(f.path), builtCall: registryBuiltCall });
    assert.deepEqual(toPlain(withHook), { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }] });
  });

  it('a registry module call still yields the policy its statements inputs write', async () => {
    const m = await moduleOf({
      'main.tf': 'module "q" {\n  source = "terraform-aws-modules/sqs/aws"\n  create_queue_policy = true\n  queue_policy_statements = {\n    all = {\n      actions    = ["sqs:SendMessage"]\n      principals = [{ type = "AWS", identifiers = ["*"] }]\n    }\n  }\n}\n',
    });
    const policies = collectPolicies(m);
    const statements = policies.flatMap((p) => p.statements);
    assert.ok(statements.some((s) => s.actions.some((a) => a.value === 'sqs:SendMessage') && s.principals.some((p) => p.type === 'AWS' && p.id.value === '*')), JSON.stringify(policies.map((p) => p.owner.address)));
  });
});
