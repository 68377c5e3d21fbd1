import type { Block, Body, Expr, HclFile } from '../hcl/ast';
import type { Span } from '../hcl/span';

/** The expression of a file that covers exactly `span` (e.g. a statement object in jsonencode). */
export function exprAt(file: HclFile, span: Span): Expr | undefined {
  const stack: Expr[] = [];
  const pushBody = (b: Body): void => {
    for (const a of b.attributes) stack.push(a.expr);
    for (const blk of b.blocks) pushBody(blk.body);
  };
  pushBody(file.body);
  while (stack.length) {
    const e = stack.pop()!;
    if (e.span.start === span.start && e.span.end === span.end && e.type !== 'paren') return e;
    if (e.span.start > span.start || e.span.end < span.end) continue;
    switch (e.type) {
      case 'tuple':
        stack.push(...e.items);
        break;
      case 'object':
        for (const i of e.items) stack.push(i.key, i.value);
        break;
      case 'call':
        stack.push(...e.args);
        break;
      case 'conditional':
        stack.push(e.condition, e.then, e.else);
        break;
      case 'paren':
        stack.push(e.expr);
        break;
      case 'for':
        stack.push(e.collection, e.value);
        break;
      default:
        break;
    }
  }
  return undefined;
}

/** The block of a file that spans exactly `span` (a `statement` of a policy document). */
export function blockAt(file: HclFile, span: Span): Block | undefined {
  const stack: Block[] = [...file.body.blocks];
  while (stack.length) {
    const b = stack.pop()!;
    if (b.span.start === span.start && b.span.end === span.end) return b;
    if (b.span.start <= span.start && span.end <= b.span.end) stack.push(...b.body.blocks);
  }
  return undefined;
}

/**
 * Resource addresses (`type.name`) an expression refers to, following locals a few levels
 * deep: `join("", aws_s3_bucket.default.*.id)` or `local.bucket_id` still name their bucket
 * when the value itself is only known at apply time.
 */
export function referencedAddresses(expr: Expr, localExpr: (name: string) => Expr | undefined, depth = 0): Set<string> {
  const out = new Set<string>();
  const stack: Expr[] = [expr];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.type === 'getattr' || e.type === 'index' || e.type === 'splat') {
      const chain: string[] = [];
      let base: Expr = e;
      while (base.type === 'getattr' || base.type === 'index' || base.type === 'splat') {
        if (base.type === 'getattr') chain.unshift(base.name);
        else if (base.type === 'index') stack.push(base.key);
        base = base.object;
      }
      if (base.type === 'variable') {
        if (base.name === 'local' && chain[0] && depth < 4) {
          const def = localExpr(chain[0]);
          if (def) for (const a of referencedAddresses(def, localExpr, depth + 1)) out.add(a);
        } else if (/^aws_/.test(base.name) && chain[0]) out.add(`${base.name}.${chain[0]}`);
      }
      continue;
    }
    switch (e.type) {
      case 'template':
        for (const p of e.parts) if (p.kind === 'interpolation' && p.expr) stack.push(p.expr);
        break;
      case 'tuple':
        stack.push(...e.items);
        break;
      case 'object':
        for (const i of e.items) stack.push(i.value);
        break;
      case 'call':
        stack.push(...e.args);
        break;
      case 'conditional':
        stack.push(e.then, e.else);
        break;
      case 'paren':
        stack.push(e.expr);
        break;
      case 'binary':
        stack.push(e.left, e.right);
        break;
      case 'for':
        stack.push(e.collection);
        break;
      default:
        break;
    }
  }
  return out;
}
