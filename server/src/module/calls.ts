import * as path from 'node:path';
import type { HclFile } from '../hcl/ast';
import type { Value } from '../eval/value';
import { memoizedByObject, ObjectSlot } from '../memo';
import { readModulesManifest } from '../registry/manifest';
import { type BlockRef, TerraformModule } from './module';

/** Arguments of a `module` block that are Terraform's, not the child module's variables. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
const MAX_DEPTH = 5;

interface ModuleInstance {
  readonly module: TerraformModule;
  /** `module.a.module.b`: the call path from the scanned module. */
  readonly path: string;
}

/**
 * The child modules a module calls, instantiated with the caller's arguments as their
 * variables (evaluated in the caller, so origins stay in the caller's files). Local
 * sources (`./x`, `../x`) are followed; registry and git sources only when
 * `terraform init` has recorded their directory in `.terraform/modules/modules.json`.
 * Nothing is downloaded. Cycles (`source = "./"`) and deep chains end. Each module's own
 * instances (paths from it) are remembered: see `calledInstances`.
 */
export function instantiateCalls(
  module: TerraformModule,
  loadDir: (dir: string) => HclFile[] | undefined,
  reader: (absPath: string) => string | undefined,
  chain: readonly string[] = [module.dir],
  prefix = '',
  rootDir = module.dir,
  // Read when a call needs it: most modules call none, and the file is mostly absent.
  manifest?: Map<string, string>,
): ModuleInstance[] {
  if (chain.length > MAX_DEPTH) return [];
  const own: ModuleInstance[] = [];
  for (const call of module.blocksOfType('module')) {
    const name = call.block.labels[0]?.value;
    if (!name) continue;
    const key = prefix ? `${prefix}.${name}` : name;
    manifest ??= readModulesManifest(rootDir);
    const dir = childDir(module, call, key, rootDir, manifest);
    if (!dir || chain.includes(dir)) continue;
    const loaded = loadDir(dir);
    const files = loaded && tfFiles(loaded);
    if (!files?.length) continue;
    const inputs = new Map<string, Value>();
    for (const a of call.block.body.attributes) {
      if (!META_ARGUMENTS.has(a.name)) inputs.set(a.name, module.evaluate(a, call.file));
    }
    const child = new TerraformModule(dir, files, [], reader, inputs, [...module.files, ...module.varFiles, ...module.callerFiles]);
    const callPath = `module.${name}`;
    own.push({ module: child, path: callPath });
    instantiateCalls(child, loadDir, reader, [...chain, dir], key, rootDir, manifest);
    for (const nested of INSTANCES.get(child) ?? []) own.push({ module: nested.module, path: `${callPath}.${nested.path}` });
  }
  INSTANCES.set(module, own);
  if (!prefix) return own;
  // Paths from the scanned module: `module.a.module.b`.
  const from = `module.${prefix.split('.').join('.module.')}.`;
  return own.map((i) => ({ module: i.module, path: from + i.path }));
}

/** Each module's instances, with paths from it, as `instantiateCalls` built them. */
const INSTANCES = new ObjectSlot<TerraformModule, readonly ModuleInstance[]>();

/**
 * The module instances a module calls (paths from it: `module.a.module.b`), when the analysis
 * has instantiated its calls; undefined when it has not (a module built on its own).
 */
export function calledInstances(module: TerraformModule): readonly ModuleInstance[] | undefined {
  return INSTANCES.get(module);
}

// The `.tf` files of a loaded directory, one array per loaded list (instances share it).
const tfFiles = memoizedByObject((loaded: readonly HclFile[]) => loaded.filter((f) => f.path.endsWith('.tf')));

function childDir(module: TerraformModule, call: BlockRef, key: string, rootDir: string, manifest: Map<string, string>): string | undefined {
  const source = module.attribute(call, 'source')?.value;
  if (source?.kind !== 'string' || !source.known) return undefined;
  if (source.value.startsWith('./') || source.value.startsWith('../') || source.value === '.' || source.value === '..') {
    return path.resolve(module.dir, source.value);
  }
  const installed = manifest.get(key);
  return installed ? path.resolve(rootDir, installed) : undefined;
}
