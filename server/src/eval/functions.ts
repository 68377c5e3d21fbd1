import type { Expr } from '../hcl/ast';
import type { EvalScope } from './scope';
import { type ObjectEntry, type Origin, stringify, type Value, toPlain, unknown } from './value';
import { parseJsonString } from './json';

type Fn = (args: Value[], origin: Origin, scope: EvalScope, exprs: readonly Expr[]) => Value;

/**
 * Terraform functions that policies and bucket settings are written with. A function not
 * listed here evaluates to unknown (with its name in the reason), never to a guess.
 */
export const FUNCTIONS: Record<string, Fn> = {
  jsonencode: ([v], origin) => {
    if (!v) return unknown('jsonencode needs an argument', origin);
    const plain = toPlain(v);
    return { kind: 'string', value: plain === undefined ? '' : JSON.stringify(plain), known: plain !== undefined, origin, json: v };
  },
  tolist: ([v], origin) => (v && (v.kind === 'list' || v.kind === 'choice' || v.kind === 'unknown') ? v : unknown('tolist of a non-list', origin)),
  toset: ([v], origin) => (v && v.kind === 'list' ? dedupe(v, origin) : v ?? unknown('toset needs an argument', origin)),
  concat: (args, origin) => {
    const items: Value[] = [];
    for (const a of args) {
      if (a.kind !== 'list') return unknown('concat of a value not known to be a list', origin);
      items.push(...a.items);
    }
    return { kind: 'list', items, origin };
  },
  merge: (args, origin) => {
    const entries: ObjectEntry[] = [];
    for (const a of args) {
      if (a.kind === 'null') continue;
      if (a.kind !== 'object') return unknown('merge of a value not known to be an object', origin);
      for (const e of a.entries) {
        const at = entries.findIndex((x) => x.key === e.key);
        if (at >= 0) entries.splice(at, 1);
        entries.push(e);
      }
    }
    return { kind: 'object', entries, origin };
  },
  file: ([p], origin, scope) => {
    const rel = p ? stringify(p) : undefined;
    if (rel === undefined) return unknown('file() of a path not known statically', origin);
    const read = scope.env.readFile?.(rel);
    if (!read) return unknown(`file("${rel}") cannot be read`, origin);
    // The text's origin is the file itself, so findings in a policy .json land there.
    return { kind: 'string', value: read.text, known: true, origin: { file: read.path, span: { start: 0, end: read.text.length } } };
  },
  flatten: ([v], origin) => {
    if (!v || v.kind !== 'list') return unknown('flatten of a value not known to be a list', origin);
    const items: Value[] = [];
    const stack: Value[] = [...v.items].reverse();
    while (stack.length) {
      const x = stack.pop()!;
      if (x.kind === 'list') stack.push(...[...x.items].reverse());
      else if (x.kind === 'unknown' || x.kind === 'choice') return unknown('flatten of a list with unknown elements', origin);
      else items.push(x);
    }
    return { kind: 'list', items, origin };
  },
  distinct: ([v], origin) => (v && v.kind === 'list' ? dedupe(v, origin) : unknown('distinct of a value not known to be a list', origin)),
  compact: ([v], origin) => {
    if (!v || v.kind !== 'list') return unknown('compact of a value not known to be a list', origin);
    if (v.items.some((i) => i.kind !== 'string' && i.kind !== 'null')) return unknown('compact of a list with unknown elements', origin);
    return { kind: 'list', items: v.items.filter((i) => i.kind === 'string' && (i.value !== '' || !i.known)), origin };
  },
  tomap: ([v], origin) => (v && v.kind === 'object' ? v : unknown('tomap of a value not known to be an object', origin)),
  coalesce: (args, origin) => {
    // `coalesce(var.policy, data.aws_iam_policy_document.x.json)`: while an argument is not
    // known to be null or empty, the result may be it or any later one: a choice of them.
    const options: Value[] = [];
    for (const a of args) {
      if (a.kind === 'null') continue;
      if (a.kind === 'string' && a.known && a.value === '') continue;
      options.push(a);
      const uncertain = a.kind === 'unknown' || a.kind === 'choice' || (a.kind === 'string' && !a.known && !a.json);
      if (!uncertain) break;
    }
    if (options.length === 0) return unknown('coalesce found no non-null argument', origin);
    if (options.length === 1) return options[0];
    if (options.every((o) => o.kind === 'unknown')) return unknown('coalesce over values not known statically', origin);
    return { kind: 'choice', options, origin };
  },
  one: ([l], origin) => {
    if (l?.kind === 'null') return l;
    if (l?.kind !== 'list' || l.items.length > 1) return unknown('one() of a list not known statically', origin);
    return l.items[0] ?? { kind: 'null', origin };
  },
  coalescelist: (args, origin) => {
    for (const a of args) {
      if (a.kind === 'list' && a.items.length) return a;
      if (a.kind !== 'list') return unknown('coalescelist over values not known statically', origin);
    }
    return unknown('coalescelist found no non-empty list', origin);
  },
  lookup: ([m, k, d], origin) => {
    const key = k ? stringify(k) : undefined;
    if (!m || m.kind !== 'object' || key === undefined) return unknown('lookup in a map not known statically', origin);
    const e = m.entries.find((x) => x.key === key);
    return e ? e.value : d ?? unknown(`lookup found no key "${key}"`, origin);
  },
  element: ([l, i], origin) => {
    if (!l || l.kind !== 'list' || !i || i.kind !== 'number' || l.items.length === 0) return unknown('element of a list not known statically', origin);
    return l.items[((Math.floor(i.value) % l.items.length) + l.items.length) % l.items.length];
  },
  length: ([v], origin) => {
    if (v?.kind === 'list') return { kind: 'number', value: v.items.length, origin };
    if (v?.kind === 'object') return { kind: 'number', value: v.entries.length, origin };
    if (v?.kind === 'string' && v.known) return { kind: 'number', value: [...v.value].length, origin };
    return unknown('length of a value not known statically', origin);
  },
  keys: ([v], origin) =>
    v?.kind === 'object'
      ? { kind: 'list', items: [...v.entries].sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => ({ kind: 'string', value: e.key, known: true, origin: e.keyOrigin }) as Value), origin }
      : unknown('keys of a value not known statically', origin),
  values: ([v], origin) =>
    v?.kind === 'object' ? { kind: 'list', items: [...v.entries].sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => e.value), origin } : unknown('values of a value not known statically', origin),
  contains: ([l, x], origin) => {
    const needle = x ? JSON.stringify(toPlain(x)) : undefined;
    if (!l || l.kind !== 'list' || needle === undefined || l.items.some((i) => toPlain(i) === undefined)) return unknown('contains over values not known statically', origin);
    return { kind: 'bool', value: l.items.some((i) => JSON.stringify(toPlain(i)) === needle), origin };
  },
  // join(separator, list, ...): Terraform joins the elements of every list given, in order.
  join: ([sep, ...lists], origin) => {
    const s = sep ? stringify(sep) : undefined;
    if (!lists.length || lists.some((l) => l.kind !== 'list')) return unknown('join of values not known statically', origin);
    const items = lists.flatMap((l) => (l.kind === 'list' ? l.items : []));
    // `join("", data.aws_iam_policy_document.x.*.json)` (a resource with count 0 or 1): the
    // one element itself, so a document or a partly known string keeps what is known of it.
    if (items.length === 1 && items[0].kind === 'string') return items[0];
    if (s === undefined) return unknown('join of values not known statically', origin);
    const parts = items.map(stringify);
    if (parts.some((p) => p === undefined)) return unknown('join of a list with unknown elements', origin);
    return { kind: 'string', value: parts.join(s), known: true, origin };
  },
  split: ([sep, v], origin) => {
    const s = sep ? stringify(sep) : undefined;
    const t = v ? stringify(v) : undefined;
    if (s === undefined || t === undefined) return unknown('split of values not known statically', origin);
    return { kind: 'list', items: t.split(s).map((x) => ({ kind: 'string', value: x, known: true, origin }) as Value), origin };
  },
  replace: ([v, from, to], origin) => {
    const t = v ? stringify(v) : undefined;
    const f = from ? stringify(from) : undefined;
    const r = to ? stringify(to) : undefined;
    if (t === undefined || f === undefined || r === undefined) return unknown('replace of values not known statically', origin);
    if (f.length > 1 && f.startsWith('/') && f.endsWith('/')) {
      try {
        // Terraform uses RE2 and $1 / ${1} for groups; JavaScript's $1 matches the common case.
        return { kind: 'string', value: t.replace(new RegExp(f.slice(1, -1), 'g'), r.replace(/\$\{(\d+)\}/g, '$$$1')), known: true, origin };
      } catch {
        return unknown('replace with a regular expression JavaScript cannot read', origin);
      }
    }
    return { kind: 'string', value: t.split(f).join(r), known: true, origin };
  },
  trimspace: ([v], origin) => mapString(v, origin, (s) => s.trim()),
  trimprefix: ([v, p], origin) => {
    const pre = p ? stringify(p) : undefined;
    return pre === undefined ? unknown('trimprefix of values not known statically', origin) : mapString(v, origin, (s) => (s.startsWith(pre) ? s.slice(pre.length) : s));
  },
  trimsuffix: ([v, p], origin) => {
    const suf = p ? stringify(p) : undefined;
    return suf === undefined ? unknown('trimsuffix of values not known statically', origin) : mapString(v, origin, (s) => (suf && s.endsWith(suf) ? s.slice(0, -suf.length) : s));
  },
  format: (args, origin) => {
    const [f, ...rest] = args;
    const spec = f ? stringify(f) : undefined;
    if (spec === undefined) return unknown('format string not known statically', origin);
    let i = 0;
    let failed = false;
    const out = spec.replace(/%(%|[-+ #0]*\d*(?:\.\d+)?([sdvqtf]))/g, (_m, whole: string, verb: string) => {
      if (whole === '%') return '%';
      const a = rest[i++];
      const s = a ? stringify(a) : undefined;
      if (s === undefined) {
        failed = true;
        return '';
      }
      if (verb === 'q') return JSON.stringify(s);
      if (verb === 'd') return String(Math.trunc(Number(s)));
      return s;
    });
    return failed ? unknown('format of arguments not known statically', origin) : { kind: 'string', value: out, known: true, origin };
  },
  formatlist: (_args, origin) => unknown('formatlist is not evaluated statically', origin),
  jsondecode: ([v], origin) => {
    if (!v || v.kind !== 'string') return unknown('jsondecode of a value not known statically', origin);
    if (v.json) return v.json;
    if (!v.known) return unknown('jsondecode of a string not known statically', origin);
    const parsed = parseJsonString(v);
    return parsed.errors.length ? unknown(`jsondecode of invalid JSON: ${parsed.errors[0].message}`, origin) : parsed.value;
  },
  // User data is often written base64encode("…"): rules decode what they need to read.
  base64encode: ([v], origin) => mapString(v, origin, (s) => Buffer.from(s, 'utf8').toString('base64')),
  lower: ([v], origin) => mapString(v, origin, (s) => s.toLowerCase()),
  upper: ([v], origin) => mapString(v, origin, (s) => s.toUpperCase()),
};

function mapString(v: Value | undefined, origin: Origin, f: (s: string) => string): Value {
  const s = v ? stringify(v) : undefined;
  return s === undefined ? unknown('string not known statically', origin) : { kind: 'string', value: f(s), known: true, origin };
}

function dedupe(v: Extract<Value, { kind: 'list' }>, origin: Origin): Value {
  const seen = new Set<string>();
  const items: Value[] = [];
  for (const i of v.items) {
    const p = toPlain(i);
    const key = p === undefined ? undefined : JSON.stringify(p);
    if (key !== undefined && seen.has(key)) continue;
    if (key !== undefined) seen.add(key);
    items.push(i);
  }
  return { kind: 'list', items, origin };
}
