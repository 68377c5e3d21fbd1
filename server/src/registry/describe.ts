import type { Origin } from '../eval/value';
import type { Span } from '../hcl/span';
import { formatAddress } from './address';
import { spanKey, type SynthesizedResource } from './synthesize';

/** What registryFixIsSafe reads of a fix (engine/rule.ts's Fix, which sits above registry/). */
interface FixEdits {
  readonly edits: readonly { readonly file: string; readonly span: Span }[];
}

/**
 * Findings about resources of a registry module call (which rules name as Terraform does,
 * `module.assets.aws_s3_bucket_acl.this`: the module indexes them under formatAddress) say
 * which module input is responsible.
 */
export function describeRegistryOrigin(synthesized: readonly SynthesizedResource[], origin: Origin, text: string): string {
  if (synthesized.length === 0) return text;
  // A finding on the header about a resource the caller's argument asked for names that input.
  for (const r of synthesized) {
    if (!r.createdBy || r.file.path !== origin.file || origin.span.start !== r.block.headerSpan.start || origin.span.end !== r.block.headerSpan.end) continue;
    if (text.startsWith(formatAddress(r.address))) return `${text} (created because of input "${r.createdBy}" of ${r.call})`;
  }
  for (const r of synthesized) {
    if (r.file.path !== origin.file) continue;
    const input = r.inputsBySpan.get(spanKey(origin.span)) ?? enclosingInput(r, origin.span);
    if (input && !input.fromDefault) return `${text} (set by input "${input.input}" of ${r.call})`;
    if (origin.span.start === r.block.headerSpan.start && origin.span.end === r.block.headerSpan.end) {
      // The module may offer no input for it (a value it fixes): say where it comes from, not what to set.
      return `${text} (from the defaults of ${r.call}, not an argument of this call)`;
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

/** Fixes built in the caller's terms (rules-support/registry-fixes.ts: a new argument setting a module input). */
const callerFixes = new WeakSet<FixEdits>();

/** Marks a fix as written in the caller's terms: registryFixIsSafe keeps it. */
export function markCallerFix<F extends FixEdits>(fix: F): F {
  callerFixes.add(fix);
  return fix;
}

/**
 * A fix for a resource that a registry module call creates is kept only when it rewrites
 * the caller's own arguments (or sets an input: rules-support/registry-fixes.ts); anything
 * else would edit the module block as if it were the resource (defaults live on its header).
 */
export function registryFixIsSafe(synthesized: readonly SynthesizedResource[], block: Span | undefined, fix: FixEdits): boolean {
  if (!block || callerFixes.has(fix)) return true;
  // Every resource of one call shares the call's span: the edits must be arguments of one.
  const candidates = synthesized.filter((x) => x.block.span.start === block.start && x.block.span.end === block.end);
  if (!candidates.length) return true;
  return candidates.some((r) => fix.edits.every((e) => e.file === r.file.path && r.inputsBySpan.get(spanKey(e.span))?.fromDefault === false));
}
