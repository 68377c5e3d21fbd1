import type { Expr } from './ast';

/** The direct sub-expressions of an expression, for walks over expression trees. */
export function childExprs(e: Expr): Expr[] {
  switch (e.type) {
    case 'template':
      return e.parts.flatMap((p) => (p.kind === 'interpolation' && p.expr ? [p.expr] : []));
    case 'tuple':
      return [...e.items];
    case 'object':
      return e.items.flatMap((i) => [i.key, i.value]);
    case 'getattr':
    case 'splat':
      return [e.object];
    case 'index':
      return [e.object, e.key];
    case 'call':
      return [...e.args];
    case 'conditional':
      return [e.condition, e.then, e.else];
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'for':
      return [e.collection, ...(e.key ? [e.key] : []), e.value, ...(e.condition ? [e.condition] : [])];
    case 'paren':
      return [e.expr];
    default:
      return [];
  }
}

/**
 * Visits an expression and its sub-expressions, depth first, with an explicit stack (never
 * recursion: expressions can be nested thousands deep). `visit` returns false to skip an
 * expression's children.
 */
export function walkExpr(root: Expr, visit: (e: Expr) => boolean | void): void {
  const stack: Expr[] = [root];
  while (stack.length) {
    const e = stack.pop()!;
    if (visit(e) === false) continue;
    const kids = childExprs(e);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** `a.b[0].c` → ['a', 'b', 'c'] (attribute names, indexes skipped), or undefined. */
export function traversal(e: Expr): string[] | undefined {
  if (e.type !== 'getattr' && e.type !== 'index' && e.type !== 'splat') return undefined;
  const names: string[] = [];
  let base: Expr = e;
  while (base.type === 'getattr' || base.type === 'index' || base.type === 'splat') {
    if (base.type === 'getattr') names.unshift(base.name);
    base = base.object;
  }
  return base.type === 'variable' ? [base.name, ...names] : undefined;
}
