import type { Block } from '../../server/src/hcl/ast';

/**
 * Reading @cdktf/hcl2json's output (HashiCorp's hclsyntax compiled to WASM) next to
 * Perimeter's AST: shared by the corpus differential test and the generated-HCL test.
 */
export type Json = unknown;

/** hcl2json writes what it does not evaluate as "${…}" / "%{…}" text. */
export function hasTemplate(v: Json): boolean {
  if (typeof v === 'string') return v.includes('${') || v.includes('%{');
  if (Array.isArray(v)) return v.some(hasTemplate);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => hasTemplate(k) || hasTemplate(x));
  return false;
}

/** The JSON body of the `occurrence`-th block with b's type and labels, in the JSON of its parent body. */
export function blockJson(node: Json, b: Block, occurrence: number): Json {
  let cur: Json = node && typeof node === 'object' ? (node as Record<string, Json>)[b.type] : undefined;
  for (const l of b.labels) cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, Json>)[l.value] : undefined;
  return Array.isArray(cur) ? cur[occurrence] : undefined;
}
