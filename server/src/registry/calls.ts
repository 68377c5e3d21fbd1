import type { Block, HclFile } from '../hcl/ast';
import { readModulesManifest } from './manifest';
import { evaluate, type EvalEnv } from '../eval/evaluate';
import { type SynthesizedResource, synthesizeModuleCall } from './synthesize';
import { knownModule } from './table';

/**
 * The resources of every module call to a known registry module in a module's files.
 * Skipped when `terraform init` has installed the module (`.terraform/modules/modules.json`
 * lists the call): the real module code is then followed instead of the table.
 */
export function registryResources(
  dir: string,
  calls: readonly { block: Block; file: HclFile }[],
  envFor: (file: HclFile) => EvalEnv,
): SynthesizedResource[] {
  // Every module build (each keystroke in the editor) gets here: read the manifest only
  // when there is a module call to check it for.
  if (calls.length === 0) return [];
  const installed = readModulesManifest(dir);
  const out: SynthesizedResource[] = [];
  for (const { block, file } of calls) {
    const name = block.labels[0]?.value;
    if (!name || installed.has(name)) continue;
    const arg = (n: string) => block.body.attributes.find((a) => a.name === n);
    const sourceAttr = arg('source');
    if (!sourceAttr) continue;
    const env = envFor(file);
    const source = evaluate(sourceAttr.expr, env);
    if (source.kind !== 'string' || !source.known || !knownModule(source.value)) continue;
    const versionAttr = arg('version');
    const version = versionAttr ? evaluate(versionAttr.expr, env) : undefined;
    const constraint = version?.kind === 'string' && version.known ? version.value : undefined;
    out.push(...synthesizeModuleCall(block, file, source.value, constraint, (a) => evaluate(a.expr, env)));
  }
  return out;
}
