import type { Span } from '../hcl/span';

/** Where a value was written: a file and a range in it. */
export interface Origin {
  readonly file: string;
  readonly span: Span;
  /**
   * For strings decoded from source (escapes, heredoc indentation, JSON escapes): the
   * source offset of each character of the value (length value.length + 1).
   */
  readonly offsets?: readonly number[];
  /**
   * For a string whose characters are the source's one for one (a literal with no escape):
   * what `offsets` would say (`start`, `start + 1`, ...) without the array, for a value of
   * `length` characters.
   */
  readonly linear?: { readonly start: number; readonly length: number };
}

/**
 * Where character i (0 to value.length) of a string starts in the source, when its origin
 * maps every character (`offsets` or `linear`); undefined when it does not.
 */
export function charOffsets(v: { readonly value: string; readonly origin: Origin }): ((i: number) => number) | undefined {
  const o = v.origin;
  if (o.offsets && o.offsets.length === v.value.length + 1) {
    const map = o.offsets;
    return (i) => map[i];
  }
  if (o.linear && o.linear.length === v.value.length) {
    const start = o.linear.start;
    return (i) => start + i;
  }
  return undefined;
}

/**
 * What an expression evaluates to, as far as a static reader can know, and where each
 * piece came from. `unknown` is an honest answer (apply-time values, unresolvable
 * references, cycles), never an error.
 */
export type Value =
  /** `known` is false for a template with unknown parts; those parts read `${…}` in `value`. */
  | {
      readonly kind: 'string';
      readonly value: string;
      readonly known: boolean;
      readonly origin: Origin;
      /** Set when the string is `jsonencode(x)`: x, whose ranges point into the HCL. */
      readonly json?: Value;
    }
  | { readonly kind: 'number'; readonly value: number; readonly origin: Origin }
  | { readonly kind: 'bool'; readonly value: boolean; readonly origin: Origin }
  | { readonly kind: 'null'; readonly origin: Origin }
  | { readonly kind: 'list'; readonly items: readonly Value[]; readonly origin: Origin }
  | { readonly kind: 'object'; readonly entries: readonly ObjectEntry[]; readonly origin: Origin }
  /**
   * `ref` names what the value stands for when it is a reference kept symbolic, e.g.
   * `aws_s3_bucket.b` for `aws_s3_bucket.b.id`.
   */
  | { readonly kind: 'unknown'; readonly reason: string; readonly ref?: string; readonly origin: Origin; readonly cause?: UnknownCause }
  /** A conditional whose condition is not known: the value is one of `options`. */
  | { readonly kind: 'choice'; readonly options: readonly Value[]; readonly origin: Origin };

export interface ObjectEntry {
  readonly key: string;
  readonly keyOrigin: Origin;
  readonly value: Value;
}

/**
 * Why a value is unknown (absent: 'not-static'). 'error': Terraform itself would fail to
 * evaluate it (a missing attribute, an index out of range, an undeclared name), so try()
 * passes over it. 'not-static': known only at plan or apply time, or beyond this reader.
 * `reason` is for people; code decides on `cause`, never on the reason's text.
 */
type UnknownCause = 'error' | 'not-static';

export function unknown(reason: string, origin: Origin, ref?: string, cause: UnknownCause = 'not-static'): Value {
  const v: Value = ref ? { kind: 'unknown', reason, ref, origin } : { kind: 'unknown', reason, origin };
  return cause === 'error' ? { ...v, cause } : v;
}

/** An expression Terraform would reject (see UnknownCause). */
export function evalError(reason: string, origin: Origin, ref?: string): Value {
  return unknown(reason, origin, ref, 'error');
}

/** The origin of characters [from, to) of a string value, exact even through escapes. */
export function substringOrigin(v: { value: string; origin: Origin }, from: number, to: number): Origin {
  const o = v.origin;
  const at = charOffsets(v);
  if (at) return { file: o.file, span: { start: at(from), end: to > from ? at(to - 1) + 1 : at(from) } };
  // Only when the string maps one-to-one onto its span can we slice it.
  if (o.span.end - o.span.start === v.value.length) {
    return { file: o.file, span: { start: o.span.start + from, end: o.span.start + to } };
  }
  return o;
}

/** Every concrete value `v` may be: the value itself, or each branch of a choice. */
export function alternatives(v: Value): Value[] {
  if (v.kind !== 'choice') return [v];
  return v.options.flatMap(alternatives);
}

/** Plain JavaScript form of a fully known value (for tests and the differential check). */
export function toPlain(v: Value): unknown {
  switch (v.kind) {
    case 'string':
      return v.known ? v.value : undefined;
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list': {
      const items = v.items.map(toPlain);
      return items.some((i) => i === undefined) ? undefined : items;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) {
        const p = toPlain(e.value);
        if (p === undefined) return undefined;
        out[e.key] = p;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Terraform's automatic conversion of a primitive to string. */
export function stringify(v: Value): string | undefined {
  if (v.kind === 'string') return v.known ? v.value : undefined;
  if (v.kind === 'number') return String(v.value);
  if (v.kind === 'bool') return String(v.value);
  return undefined;
}

/**
 * The (key, value) pairs of a collection being iterated, or undefined when it is not a
 * list or object known statically. An object's keys are its keys; a list's keys are its
 * indices for `for` expressions and `dynamic` blocks (`listKeys: 'index'`), and its items
 * for a resource's `for_each`, which takes a set (`listKeys: 'item'`: `each.key` is
 * `each.value`). The one reading of a collection for the three.
 */
export function collectionPairs(coll: Value, listKeys: 'index' | 'item'): [Value, Value][] | undefined {
  if (coll.kind === 'list') return coll.items.map((v, i) => [listKeys === 'item' ? v : { kind: 'number', value: i, origin: v.origin }, v]);
  // Terraform goes through a map or object in the order of its keys, not as written.
  if (coll.kind === 'object') return [...coll.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => [{ kind: 'string', value: e.key, known: true, origin: e.keyOrigin }, e.value]);
  return undefined;
}
