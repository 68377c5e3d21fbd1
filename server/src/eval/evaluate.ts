import type { Expr, TemplatePart, TextPiece } from '../hcl/ast';
import { parseTemplate } from '../hcl/parser';
import { collectionPairs, evalError, type ObjectEntry, type Origin, stringify, toPlain, type Value, unknown } from './value';
import { FUNCTIONS } from './functions';
import { type EvalEnv, EvalScope, MAX_EVAL_DEPTH, NO_LOCALS, type Step } from './scope';

export { type EvalEnv, EvalScope, MAX_EVAL_DEPTH, NO_LOCALS, type Step } from './scope';

/** `locals` binds names such as `each` (the instances of a block with `for_each`). */
export function evaluate(expr: Expr, env: EvalEnv, depth = 0, locals: ReadonlyMap<string, Value> = NO_LOCALS): Value {
  return evalIn(expr, new EvalScope(env, locals, depth));
}

export function evalIn(expr: Expr, scope: EvalScope): Value {
  const origin: Origin = { file: scope.env.file, span: expr.span };
  if (scope.depth > MAX_EVAL_DEPTH) return unknown('expression nested too deeply', origin);
  const inner = scope.deeper();
  switch (expr.type) {
    case 'null':
      return { kind: 'null', origin };
    case 'bool':
      return { kind: 'bool', value: expr.value, origin };
    case 'number':
      return { kind: 'number', value: expr.value, origin };
    case 'template':
      return template(expr.parts, origin, inner);
    case 'tuple':
      return { kind: 'list', items: expr.items.map((i) => evalIn(i, inner)), origin };
    case 'object': {
      const entries: ObjectEntry[] = [];
      for (const item of expr.items) {
        const key = objectKey(item.key, inner);
        if (key === undefined) return unknown('object key is not known statically', origin);
        const value = evalIn(item.value, inner);
        const keyOrigin: Origin = { file: scope.env.file, span: item.key.span };
        const at = entries.findIndex((e) => e.key === key);
        if (at >= 0) entries.splice(at, 1);
        entries.push({ key, keyOrigin, value });
      }
      return { kind: 'object', entries, origin };
    }
    case 'paren':
      return evalIn(expr.expr, inner);
    case 'conditional': {
      const c = evalIn(expr.condition, inner);
      if (c.kind === 'bool') return evalIn(c.value ? expr.then : expr.else, inner);
      return { kind: 'choice', options: [evalIn(expr.then, inner), evalIn(expr.else, inner)], origin };
    }
    case 'variable':
    case 'getattr':
    case 'index':
      return reference(expr, origin, inner);
    case 'call':
      return callFunction(expr, origin, inner);
    case 'for':
      return forExpr(expr, origin, inner);
    case 'unary': {
      const v = evalIn(expr.operand, inner);
      if (expr.op === '!' && v.kind === 'bool') return { kind: 'bool', value: !v.value, origin };
      if (expr.op === '-' && v.kind === 'number') return { kind: 'number', value: -v.value, origin };
      return unknown(`operator ${expr.op} on a value not known statically`, origin);
    }
    case 'binary':
      return binary(expr.op, evalIn(expr.left, inner), evalIn(expr.right, inner), origin);
    case 'splat':
      return splat(expr, [], origin, inner);
    case 'invalid':
      return unknown('incomplete expression', origin);
  }
}

/** `{ key = v }` uses the bare identifier; `{ (expr) = v }` and `{ "k" = v }` evaluate. */
function objectKey(key: Expr, scope: EvalScope): string | undefined {
  if (key.type === 'variable') return key.name;
  const v = evalIn(key.type === 'paren' ? key.expr : key, scope);
  if (v.kind === 'string' && v.known) return v.value;
  if (v.kind === 'number' || v.kind === 'bool') return String(v.value);
  return undefined;
}

function template(parts: readonly TemplatePart[], origin: Origin, scope: EvalScope): Value {
  // A single interpolation `"${x}"` yields x's own value (and type), as Terraform does.
  if (parts.length === 1 && parts[0].kind === 'interpolation' && parts[0].expr) return evalIn(parts[0].expr, scope);
  // A plain string: its offsets are its piece's, the same for every evaluation of it.
  if (parts.length === 1 && parts[0].kind === 'text' && endsAtSpan(parts[0].piece)) return { kind: 'string', value: parts[0].piece.value, known: true, origin: { ...origin, ...pieceMap(parts[0].piece) } };
  // The text of each part first, then each character's source offset in an array of the
  // exact size (a template is evaluated in every module instance and on every analysis).
  const texts = new Array<string>(parts.length);
  let known = true;
  let length = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (p.kind === 'text') texts[k] = p.piece.value;
    else {
      const v = p.kind === 'interpolation' && p.expr ? evalIn(p.expr, scope) : undefined;
      const s = v ? stringify(v) : undefined;
      if (s === undefined) known = false;
      texts[k] = s ?? `\${${v?.kind === 'unknown' && v.ref ? v.ref : '…'}}`;
    }
    length += texts[k].length;
  }
  const offsets = new Array<number>(length + 1);
  let at = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    const text = texts[k];
    if (p.kind === 'text') {
      for (let i = 0; i < text.length; i++) offsets[at++] = p.piece.offsets ? p.piece.offsets[i] : p.piece.span.start + i;
      continue;
    }
    // The placeholder's last character maps to the interpolation's last, so a range over the
    // whole placeholder covers the whole `${...}` in the source.
    for (let i = 0; i < text.length; i++) offsets[at++] = i === text.length - 1 ? p.span.end - 1 : p.span.start + Math.min(i, p.span.end - p.span.start - 1);
  }
  offsets[length] = parts.length ? lastEnd(parts) : origin.span.end;
  return { kind: 'string', value: texts.join(''), known, origin: { ...origin, offsets } };
}

/** Whether a piece's offsets end at its span's end, as a template's offsets do. */
function endsAtSpan(piece: TextPiece): boolean {
  return !piece.offsets || piece.offsets[piece.value.length] === piece.span.end;
}

/** How a piece's characters map to the source: its offsets, or none needed (see Origin.linear). */
function pieceMap(piece: TextPiece): Pick<Origin, 'offsets' | 'linear'> {
  return piece.offsets ? { offsets: piece.offsets } : { linear: { start: piece.span.start, length: piece.value.length } };
}

function lastEnd(parts: readonly TemplatePart[]): number {
  const p = parts[parts.length - 1];
  return p.kind === 'text' ? p.piece.span.end : p.span.end;
}

function binary(op: string, l: Value, r: Value, origin: Origin): Value {
  if (op === '==' || op === '!=') {
    const a = comparable(l);
    const b = comparable(r);
    if (a === undefined || b === undefined) return unknown('comparison of values not known statically', origin);
    return { kind: 'bool', value: (a === b) === (op === '=='), origin };
  }
  if (l.kind === 'bool' && r.kind === 'bool') {
    if (op === '&&') return { kind: 'bool', value: l.value && r.value, origin };
    if (op === '||') return { kind: 'bool', value: l.value || r.value, origin };
  }
  if (l.kind === 'number' && r.kind === 'number') {
    const a = l.value;
    const b = r.value;
    const table: Record<string, () => Value> = {
      '+': () => ({ kind: 'number', value: a + b, origin }),
      '-': () => ({ kind: 'number', value: a - b, origin }),
      '*': () => ({ kind: 'number', value: a * b, origin }),
      '/': () => ({ kind: 'number', value: a / b, origin }),
      '%': () => ({ kind: 'number', value: a % b, origin }),
      '<': () => ({ kind: 'bool', value: a < b, origin }),
      '>': () => ({ kind: 'bool', value: a > b, origin }),
      '<=': () => ({ kind: 'bool', value: a <= b, origin }),
      '>=': () => ({ kind: 'bool', value: a >= b, origin }),
    };
    if (table[op]) return table[op]();
  }
  return unknown(`operator ${op} on values not known statically`, origin);
}

function comparable(v: Value): string | undefined {
  if (v.kind === 'string') return v.known ? `s:${v.value}` : undefined;
  if (v.kind === 'number' || v.kind === 'bool') return `${v.kind[0]}:${v.value}`;
  if (v.kind === 'null') return 'null';
  return undefined;
}

/** `a.b[k].c` → the base expression `a` and the steps `.b [k] .c` (keys evaluated). */
function unwind(expr: Expr, scope: EvalScope): { base: Expr; steps: Step[] } {
  const steps: Step[] = [];
  let e: Expr = expr;
  for (;;) {
    if (e.type === 'getattr') {
      steps.unshift({ kind: 'attr', name: e.name });
      e = e.object;
    } else if (e.type === 'index') {
      steps.unshift({ kind: 'index', key: evalIn(e.key, scope) });
      e = e.object;
    } else return { base: e, steps };
  }
}

function reference(expr: Expr, origin: Origin, scope: EvalScope): Value {
  const { base: e, steps } = unwind(expr, scope);
  if (e.type === 'splat') return splat(e, steps, origin, scope);
  if (e.type !== 'variable') {
    // `f(x).a`, `[..][0]`, `{...}.k`: evaluate the base, then walk the steps.
    return applySteps(evalIn(e, scope), steps, origin);
  }
  const bound = scope.locals.get(e.name);
  if (bound) return applySteps(bound, steps, origin);
  return scope.env.resolve(e.name, steps, origin, scope.depth);
}

/**
 * `x[*].a.b` (or `x.*.a.b`): `.a.b` applied to each element of x. A value that is not a
 * list splats as a list of itself, as Terraform does; a resource or data source with
 * `count` (the usual reason for a splat) is read as its one instance, so
 * `data.aws_iam_policy_document.d[*].json` is a list holding that document.
 */
function splat(expr: Extract<Expr, { type: 'splat' }>, after: readonly Step[], origin: Origin, scope: EvalScope): Value {
  const { base: e, steps: before } = unwind(expr.object, scope);
  if (e.type === 'variable' && !scope.locals.has(e.name) && isInstanceRoot(e.name, before)) {
    const address = [e.name, ...before.flatMap((s) => (s.kind === 'attr' ? [s.name] : []))].join('.');
    // `count = 0` known statically: the block does not exist, and its splat is empty.
    if (scope.env.instanceCount?.(address) === 0) return { kind: 'list', items: [], origin };
    const one = scope.env.resolve(e.name, [...before, ...after], origin, scope.depth);
    return { kind: 'list', items: [one], origin };
  }
  const base = evalIn(expr.object, scope);
  if (base.kind === 'null') return { kind: 'list', items: [], origin };
  if (base.kind === 'list') return { kind: 'list', items: base.items.map((i) => applySteps(i, after, origin)), origin };
  if (base.kind === 'unknown' || base.kind === 'choice') return unknown('splat over a value not known statically', origin);
  return { kind: 'list', items: [applySteps(base, after, origin)], origin };
}

/** `data.TYPE.NAME` or `TYPE.NAME`: a resource or data source, whose instances a splat lists. */
function isInstanceRoot(root: string, steps: readonly Step[]): boolean {
  if (['local', 'var', 'path', 'each', 'count', 'self', 'terraform', 'module'].includes(root)) return false;
  const names = steps.filter((s) => s.kind === 'attr').length;
  return root === 'data' ? names === 2 : names === 1;
}

/** Walks `.name` / `[key]` steps into a value; anything not known becomes unknown. */
export function applySteps(base: Value, steps: readonly Step[], origin: Origin): Value {
  let v = base;
  for (const [i, s] of steps.entries()) {
    // `each.value.policy` where each.value is one of several instances: the step applies to each.
    if (v.kind === 'choice') return { kind: 'choice', options: v.options.map((o) => applySteps(o, steps.slice(i), origin)), origin };
    if (v.kind === 'unknown') return v.ref ? v : unknown(v.reason, origin, undefined, v.cause);
    const key = s.kind === 'attr' ? s.name : s.key.kind === 'string' && s.key.known ? s.key.value : s.key.kind === 'number' ? s.key.value : undefined;
    if (key === undefined) return unknown('index not known statically', origin);
    if (v.kind === 'object') {
      const entry = v.entries.find((x) => x.key === String(key));
      if (!entry) return evalError(`no attribute "${key}"`, origin);
      v = entry.value;
    } else if (v.kind === 'list' && typeof key === 'number') {
      const item = v.items[key];
      if (!item) return evalError(`index ${key} out of range`, origin);
      v = item;
    } else {
      return evalError(`cannot take "${key}" of a ${v.kind} value`, origin);
    }
  }
  return v;
}

const MAX_FOR_ITEMS = 10_000;

function forExpr(expr: Extract<Expr, { type: 'for' }>, origin: Origin, scope: EvalScope): Value {
  const coll = evalIn(expr.collection, scope);
  const pairs = collectionPairs(coll, 'index');
  if (!pairs) return unknown('for expression over a collection not known statically', origin);
  if (pairs.length > MAX_FOR_ITEMS) return unknown('for expression over too many items', origin);
  const items: Value[] = [];
  const entries: ObjectEntry[] = [];
  for (const [k, v] of pairs) {
    const locals = new Map(scope.locals);
    if (expr.keyVar) locals.set(expr.keyVar, k);
    locals.set(expr.valueVar, v);
    const s = new EvalScope(scope.env, locals, scope.depth);
    if (expr.condition) {
      const c = evalIn(expr.condition, s);
      if (c.kind !== 'bool') return unknown('for expression condition not known statically', origin);
      if (!c.value) continue;
    }
    const value = evalIn(expr.value, s);
    if (!expr.key) {
      items.push(value);
      continue;
    }
    const key = stringify(evalIn(expr.key, s));
    if (key === undefined) return unknown('for expression key not known statically', origin);
    const keyOrigin: Origin = { file: scope.env.file, span: expr.key.span };
    const at = entries.findIndex((e) => e.key === key);
    if (expr.grouping) {
      if (at >= 0) {
        const prev = entries[at].value;
        entries[at] = { key, keyOrigin, value: { kind: 'list', items: [...(prev.kind === 'list' ? prev.items : []), value], origin } };
      } else entries.push({ key, keyOrigin, value: { kind: 'list', items: [value], origin } });
    } else {
      if (at >= 0) return unknown(`duplicate key "${key}" in for expression`, origin);
      entries.push({ key, keyOrigin, value });
    }
  }
  return expr.key ? { kind: 'object', entries, origin } : { kind: 'list', items, origin };
}

// Function calls. The functions that decide which arguments to evaluate (try, can,
// templatefile) live here, next to the evaluator; functions.ts holds the table of functions
// over evaluated arguments, so it never calls back into this file.

/**
 * `try(a, b, ...)`: the first argument that evaluates without an error. An argument that is
 * definitely an error (a missing attribute, an index out of range, an undeclared name) is
 * passed over; one only known at plan or apply time makes the result unknown, because
 * Terraform may well pick it.
 */
function tryFunction(expr: Extract<Expr, { type: 'call' }>, origin: Origin, scope: EvalScope): Value {
  for (const a of expr.args) {
    const v = evalIn(a, scope);
    if (v.kind !== 'unknown') return v;
    if (v.cause !== 'error') return unknown(`try() over a value not known statically (${v.reason})`, origin);
  }
  return unknown('try() with no argument known statically', origin);
}

/**
 * `templatefile(path, vars)`: the file is parsed as a template and rendered with `vars`;
 * known parts keep their positions in the template file, unknown parts stay `${…}`.
 */
function templateFile(expr: Extract<Expr, { type: 'call' }>, origin: Origin, scope: EvalScope): Value {
  const [pathArg, varsArg] = expr.args.map((a) => evalIn(a, scope));
  const rel = pathArg ? stringify(pathArg) : undefined;
  if (rel === undefined) return unknown('templatefile() of a path not known statically', origin);
  const read = scope.env.readFile?.(rel);
  if (!read) return unknown(`templatefile("${rel}") cannot be read`, origin);
  return renderTemplate(read.path, read.text, varsArg, origin, scope) ?? unknown(`templatefile("${rel}") is not a valid template`, origin);
}

/**
 * Renders the template text of a file with `vars` (an object value): known parts keep their
 * positions in the file, unknown parts stay `${…}`. Shared by `templatefile()` and the
 * legacy `data "template_file"`. Undefined when the text is not a valid template.
 */
export function renderTemplate(file: string, text: string, vars: Value | undefined, origin: Origin, scope: EvalScope): Value | undefined {
  const template = parseTemplate(file, text);
  if (!template) return undefined;
  const locals = new Map<string, Value>();
  if (vars?.kind === 'object') for (const e of vars.entries) locals.set(e.key, e.value);
  // Template variables only: references to anything else are unknown, as Terraform forbids them.
  const env: EvalEnv = {
    file,
    resolve: (r, _s, o) => unknown(vars && vars.kind !== 'object' ? 'template vars not known statically' : `template variable ${r} is not in its vars`, o, vars?.kind === 'object' ? undefined : r),
    readFile: scope.env.readFile,
  };
  const v = evalIn(template, new EvalScope(env, locals, scope.depth + 1));
  return v.kind === 'unknown' ? unknown(v.reason, origin, v.ref, v.cause) : v;
}

function callFunction(expr: Extract<Expr, { type: 'call' }>, origin: Origin, scope: EvalScope): Value {
  // A call the module layer built (registry module statements), not a Terraform function.
  const built = scope.env.builtCall?.(expr);
  if (built) return built(expr.args.map((a) => evalIn(a, scope)), origin);
  const name = expr.name.replace(/^provider::[^:]+::/, '');
  if (name === 'try') return tryFunction(expr, origin, scope);
  if (name === 'templatefile') return templateFile(expr, origin, scope);
  if (name === 'can') {
    // An apply-time value might still fail: only a known value proves can() true.
    const v = expr.args[0] ? evalIn(expr.args[0], scope) : undefined;
    return v && toPlain(v) !== undefined ? { kind: 'bool', value: true, origin } : unknown('can() of a value not known statically', origin);
  }
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
