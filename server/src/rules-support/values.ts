import type { Attribute } from '../hcl/ast';
import { contains } from '../hcl/span';
import { alternatives, type Value } from '../eval/value';
import type { AttributeRef, TerraformModule } from '../module/module';
import type { Fix } from '../engine/rule';
import { replaceExpr } from '../fix/hcl-edits';
import { setInputFix } from './registry-fixes';

/** Known string values an attribute may take (each branch of a conditional). */
export function stringAlternatives(v: Value): Extract<Value, { kind: 'string' }>[] {
  return alternatives(v).filter((x): x is Extract<Value, { kind: 'string' }> => x.kind === 'string' && x.known);
}

/**
 * True when the value was written inside the attribute itself (not reached through a
 * variable or local): only then may a fix rewrite it in place.
 */
export function writtenInPlace(a: AttributeRef | { attribute: Attribute; block: { file: { path: string } } }, v: Value): boolean {
  return v.origin.file === a.block.file.path && contains(a.attribute.expr.span, v.origin.span);
}

/** The resource a reference like `aws_s3_bucket.b.id` points at, if it is one. */
export function referencedAddress(v: Value): string | undefined {
  return v.kind === 'unknown' ? v.ref : undefined;
}

/**
 * The fix that gives an attribute a new value: rewrites it in place, or, when it holds a
 * registry module's default, sets the module input in the caller's `module` block.
 */
export function setValueFix(m: TerraformModule, a: AttributeRef, valueText: string, title: string): Fix {
  return setInputFix(m.synthesized, a.attribute, valueText) ?? { title, edits: [replaceExpr(a.block.file, a.attribute.expr, valueText)] };
}
