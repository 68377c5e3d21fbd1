/**
 * A copy of an AST node with every offset moved by `delta`: spans, and the per-character
 * offset maps of text pieces. The AST is plain data, so a structural walk is enough.
 */
export function shiftSpans<T>(node: T, delta: number): T {
  if (delta === 0) return node;
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return key === 'offsets' ? v.map((o: number) => o + delta) : v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(o)) {
        const x = o[k];
        out[k] = (k === 'start' || k === 'end') && typeof x === 'number' ? x + delta : walk(x, k);
      }
      return out;
    }
    return v;
  };
  return walk(node) as T;
}
