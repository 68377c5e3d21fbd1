import type { Origin } from '../eval/value';
import type { Span } from '../hcl/span';
import { displayAddress, spanKey, type SynthesizedResource } from './synthesize';

/**
 * Findings about resources of a registry module call name them as Terraform does
 * (`module.assets.aws_s3_bucket_acl.this`) and say which module input is responsible.
 */
export function describeRegistryOrigin(synthesized: readonly SynthesizedResource[], origin: Origin, message: string): string {
  if (synthesized.length === 0) return message;
  const text = displayAddress(message);
  for (const r of synthesized) {
    if (r.file.path !== origin.file) continue;
    const input = r.inputsBySpan.get(spanKey(origin.span)) ?? enclosingInput(r, origin.span);
    if (input && !input.fromDefault) return `${text} (set by input "${input.input}" of ${r.call})`;
    if (origin.span.start === r.block.headerSpan.start && origin.span.end === r.block.headerSpan.end) {
      return `${text} (a default of ${r.call}: set the input explicitly)`;
    }
  }
  return text;
}

/** A value inside a caller argument (an entry of a grant list, a principal in a statement). */
function enclosingInput(r: SynthesizedResource, span: Span): { input: string; fromDefault: boolean } | undefined {
  for (const [key, input] of r.inputsBySpan) {
    const [start, end] = key.split(':').map(Number);
    if (!input.fromDefault && start <= span.start && span.end <= end) return input;
  }
  return undefined;
}

/**
 * A fix for a resource that a registry module call creates is safe only when it rewrites
 * one of the caller's own arguments; anything else would edit the module block as if it
 * were the resource (defaults live on its header).
 */
export function registryFixIsSafe(synthesized: readonly SynthesizedResource[], block: Span | undefined, edits: readonly { file: string; span: Span }[]): boolean {
  if (!block) return true;
  const r = synthesized.find((x) => x.block.span.start === block.start && x.block.span.end === block.end);
  if (!r) return true;
  return edits.every((e) => e.file === r.file.path && r.inputsBySpan.get(spanKey(e.span))?.fromDefault === false);
}
