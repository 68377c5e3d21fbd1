import type { Expr } from '../hcl/ast';
import { walkExpr } from '../hcl/walk';
import { evaluate, type EvalEnv } from './evaluate';
import type { Value } from './value';
import { ObjectSlot } from '../memo';

/**
 * Expressions whose value depends on nothing but their own text: no reference, no
 * iteration, no file read. Their value is the same in every module instance and every
 * rebuild of the module, so it is kept with the (immutable) expression object: an open
 * document reuses the objects of unchanged blocks between keystrokes, and the values of
 * their policy documents are not computed again.
 */
const IMPURE_FUNCTIONS = new Set(['file', 'templatefile']);
// A boolean per expression holds nothing else alive: a WeakMap, which costs no property
// on the expression (giving one its slot holder is the slow part of a cold start's first
// analysis).
const purity = new WeakMap<Expr, boolean>();
// Values on the expression objects (ObjectSlot), not in a WeakMap: typing inside a large
// policy document makes new expressions on every keystroke, and a WeakMap's values (the
// document's value, and through the policy read from it, its statements) outlived them by
// a full collection each (4 MB promoted per young collection in the largest field module).
const values = new ObjectSlot<Expr, { file: string; value: Value }>();

export function isPure(root: Expr): boolean {
  const known = purity.get(root);
  if (known !== undefined) return known;
  let pure = true;
  // A bare-word object key (`Effect = ...`) is a name, not a reference.
  const names = new Set<Expr>();
  walkExpr(root, (e) => {
    if (!pure || names.has(e)) return false;
    switch (e.type) {
      case 'variable':
      case 'getattr':
      case 'index':
      case 'splat':
      case 'for':
      case 'invalid':
        pure = false;
        return false;
      case 'call':
        if (IMPURE_FUNCTIONS.has(e.name)) pure = false;
        return pure;
      case 'object':
        for (const item of e.items) if (item.key.type === 'variable') names.add(item.key);
        return true;
      default:
        return true;
    }
  });
  purity.set(root, pure);
  return pure;
}

/**
 * The value of a pure expression in `env`'s file, computed once per expression object (no
 * closure to build on each call: rules ask for the same literals thousands of times a scan).
 */
export function pureValue(expr: Expr, env: EvalEnv): Value {
  const hit = values.get(expr);
  if (hit && hit.file === env.file) return hit.value;
  const value = evaluate(expr, env);
  values.set(expr, { file: env.file, value });
  return value;
}
