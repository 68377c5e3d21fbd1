import type { Attribute, Block } from '../hcl/ast';
import type { Fix } from '../engine/rule';
import { addAttribute, replaceExpr } from '../fix/hcl-edits';
import { markCallerFix } from '../registry/describe';
import type { SynthesizedResource } from '../registry/synthesize';

// Fixes for resources of registry module calls, written in the caller's terms.

/**
 * For an argument of a synthesized resource that holds a module default, the fix that sets
 * the module input in the caller (`block_public_acls = true`); undefined for any other
 * attribute.
 */
export function setInputFix(synthesized: readonly SynthesizedResource[], attribute: Attribute, valueText: string): Fix | undefined {
  for (const r of synthesized) {
    const input = r.defaultInputs.get(attribute);
    if (!input || r.callBlock.body.attributes.some((a) => a.name === input)) continue;
    return markCallerFix({ title: `Set ${input} = ${valueText} in ${r.call}`, edits: [addAttribute(r.file, r.callBlock, input, valueText)] });
  }
  return undefined;
}

/**
 * When `block` is a resource of a registry module call that turned off a resource of `type`
 * the module creates by default (`attach_public_policy = false` on s3-bucket), the argument
 * that did, and a fix setting it back to true.
 */
export function switchedOffBy(synthesized: readonly SynthesizedResource[], block: Block, type: string): { argument: Attribute; call: string; fix: Fix } | undefined {
  const r = synthesized.find((x) => x.block === block);
  const argument = r?.switchedOff.find((x) => x.type === type)?.argument;
  if (!r || !argument) return undefined;
  // The argument is the caller's own (synthesizeModuleCall records it): registryFixIsSafe accepts the fix.
  return { argument, call: r.call, fix: { title: `Set ${argument.name} = true in ${r.call}`, edits: [replaceExpr(r.file, argument.expr, 'true')] } };
}
