import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { analysedModules, scanPaths } from '../../server/src/engine/scan';
import { calledInstances } from '../../server/src/module/calls';
import { diskReader, parseSources, readSources } from '../../server/src/module/workspace';
import { workspace } from '../helpers';


const CHILD = {
  'modules/bucket/main.tf': 'variable "acl" {\n  default = "private"\n}\n\nresource "aws_s3_bucket_acl" "this" {\n  bucket = "b"\n  acl    = var.acl\n}\n',
};

describe('module calls', () => {
  it('a caller argument that makes a local child module insecure is reported on the argument', async () => {
    const dir = workspace({ ...CHILD, 'main.tf': 'module "site" {\n  source = "./modules/bucket"\n  acl    = "public-read"\n}\n' });
    const r = await scanPaths([dir], ALL_RULES);
    const acl = r.findings.filter((f) => f.ruleId === 'aws-s3-public-acl');
    assert.equal(acl.length, 1);
    assert.equal(acl[0].file, path.join(dir, 'main.tf'));
    assert.deepEqual(acl[0].range.start, { line: 2, character: 11 });
    assert.match(acl[0].message, /as module\.site is called/);
  });

  it('a safe call reports nothing, and the child scanned alone keeps its own findings only', async () => {
    const dir = workspace({ ...CHILD, 'main.tf': 'module "site" {\n  source = "./modules/bucket"\n}\n' });
    const r = await scanPaths([dir], ALL_RULES);
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'aws-s3-public-acl'), []);
  });

  it('follows a registry call once terraform init recorded it in modules.json, without downloading', async () => {
    const dir = workspace({
      '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'site', Source: 'registry.terraform.io/x/bucket/aws', Dir: '.terraform/modules/site' }] }),
      '.terraform/modules/site/main.tf': CHILD['modules/bucket/main.tf'],
      'main.tf': 'module "site" {\n  source = "x/bucket/aws"\n  acl    = "public-read-write"\n}\n',
    });
    const r = await scanPaths([dir], ALL_RULES);
    const acl = r.findings.filter((f) => f.ruleId === 'aws-s3-public-acl');
    assert.equal(acl.length, 1);
    assert.equal(acl[0].severity, 'critical');
  });

  it("each module's own instances are remembered with paths from it, nested calls included", () => {
    const dir = workspace({
      'main.tf': 'module "a" {\n  source = "./a"\n}\n',
      'a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
      'b/main.tf': 'resource "aws_s3_bucket_public_access_block" "p" {\n  bucket = "x"\n}\n',
    });
    const sources = readSources(['main.tf', 'a/main.tf', 'b/main.tf'].map((f) => path.join(dir, f))).sources;
    const analysed = analysedModules(parseSources(sources).files, diskReader);
    const root = analysed.find((m) => m.module.dir === dir && !m.callPath)!.module;
    assert.deepEqual(calledInstances(root)?.map((i) => i.path), ['module.a', 'module.a.module.b']);
    // The scan's own list names instances from the scanned module, as findings print them.
    assert.deepEqual(analysed.filter((m) => m.callPath && m.caller?.file.path === path.join(dir, 'main.tf')).map((m) => m.callPath), ['module.a', 'module.a.module.b']);
    const a = calledInstances(root)![0].module;
    assert.deepEqual(calledInstances(a)?.map((i) => i.path), ['module.b']);
    assert.equal(calledInstances(a)![0].module.resources('aws_s3_bucket_public_access_block').length, 1);
  });

  it('a module that calls itself ends', async () => {
    const dir = workspace({ 'main.tf': 'module "self" {\n  source = "./"\n}\n\nmodule "up" {\n  source = "./sub"\n}\n', 'sub/main.tf': 'module "back" {\n  source = "../"\n}\n' });
    const r = await scanPaths([dir], ALL_RULES);
    assert.deepEqual(r.errors, []);
  });
});
