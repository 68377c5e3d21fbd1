/**
 * A copy of an AST node with every offset moved by `delta`: spans, and the per-character
 * offset maps of text pieces. The AST is plain data, so a structural walk is enough.
 */
export function shiftSpans<T>(node: T, delta: number): T {
  if (delta === 0) return node;
  return shifted(node, delta, false) as T;
}

// Runs once per node after an edit, on every keystroke: no closures, no key arrays.
function shifted(v: unknown, delta: number, isOffsets: boolean): unknown {
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = isOffsets ? (v[i] as number) + delta : shifted(v[i], delta, false);
    return out;
  }
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const x = o[k];
    out[k] = (k === 'start' || k === 'end') && typeof x === 'number' ? x + delta : typeof x === 'object' ? shifted(x, delta, k === 'offsets') : x;
  }
  return out;
}
