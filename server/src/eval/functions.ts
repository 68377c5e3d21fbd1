import type { Expr } from '../hcl/ast';
import { type EvalScope, evalIn, stringify } from './evaluate';
import { type ObjectEntry, type Origin, type Value, toPlain, unknown } from './value';

type Fn = (args: Value[], origin: Origin, scope: EvalScope, exprs: readonly Expr[]) => Value;

/**
 * Terraform functions that policies and bucket settings are written with. A function not
 * listed here evaluates to unknown (with its name in the reason), never to a guess.
 */
const FUNCTIONS: Record<string, Fn> = {
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
  templatefile: ([p], origin, scope) => {
    const rel = p ? stringify(p) : undefined;
    if (rel === undefined) return unknown('templatefile() of a path not known statically', origin);
    const read = scope.env.readFile?.(rel);
    if (!read) return unknown(`templatefile("${rel}") cannot be read`, origin);
    // Without interpolations the template is the file's text. With them, the text is
    // returned as not fully known: rendering templates with their vars is not done yet.
    if (!/\$\{|%\{/.test(read.text)) return { kind: 'string', value: read.text, known: true, origin: { file: read.path, span: { start: 0, end: read.text.length } } };
    return { kind: 'string', value: read.text, known: false, origin: { file: read.path, span: { start: 0, end: read.text.length } } };
  },
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

export function callFunction(expr: Extract<Expr, { type: 'call' }>, origin: Origin, scope: EvalScope): Value {
  const name = expr.name.replace(/^provider::[^:]+::/, '');
  const fn = FUNCTIONS[name];
  if (!fn) return unknown(`function ${expr.name}() is not evaluated statically`, origin);
  let args = expr.args.map((a) => evalIn(a, scope));
  if (expr.expandLast && args.length) {
    const last = args[args.length - 1];
    if (last.kind !== 'list') return unknown(`${name}(...) with an expanded argument not known statically`, origin);
    args = [...args.slice(0, -1), ...last.items];
  }
  return fn(args, origin, scope, expr.args);
}

export function knownFunctions(): string[] {
  return Object.keys(FUNCTIONS);
}
