import type { Block, Body, Expr, HclFile } from '../hcl/ast';
import type { Span } from '../hcl/span';
import { traversal, walkExpr } from '../hcl/walk';

/** The expression of a file that covers exactly `span` (e.g. a statement object in jsonencode). */
export function exprAt(file: HclFile, span: Span): Expr | undefined {
  let found: Expr | undefined;
  const visitBody = (b: Body): void => {
    for (const a of b.attributes) {
      walkExpr(a.expr, (e) => {
        if (found) return false;
        if (e.span.start === span.start && e.span.end === span.end && e.type !== 'paren') {
          found = e;
          return false;
        }
        return e.span.start <= span.start && span.end <= e.span.end;
      });
    }
    for (const blk of b.blocks) visitBody(blk.body);
  };
  visitBody(file.body);
  return found;
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
  walkExpr(expr, (e) => {
    const chain = traversal(e);
    if (!chain) return true;
    const [root, first] = chain;
    if (root === 'local' && first && depth < 4) {
      const def = localExpr(first);
      if (def) for (const a of referencedAddresses(def, localExpr, depth + 1)) out.add(a);
    } else if (/^aws_/.test(root) && first) out.add(`${root}.${first}`);
    // Index keys may hold references too; the traversal's own parts are done.
    if (e.type === 'index') walkExpr(e.key, () => {});
    return false;
  });
  return out;
}
