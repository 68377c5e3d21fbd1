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

/** Roots of references that are not managed resources (`type.name`). */
const NOT_RESOURCES = new Set(['var', 'local', 'module', 'data', 'each', 'count', 'path', 'terraform', 'self']);

/**
 * Visits the references (`aws_iam_access_key.x.secret` as its names) an expression makes,
 * following `local.<name>` into the local's definition: the references a value is built
 * from in source, when the value itself is only known at apply time. The one walker that
 * follows locals for rules.
 * - Locals are followed to any depth, each once: a cycle (`a = local.b`, `b = local.a`)
 *   ends where it repeats. (Two walkers stopped at a depth of 4 instead, which missed a
 *   fifth local in a chain and was no guard against cycles of its own.)
 * - Breadth first with a queue, never recursion: a chain of many locals cannot overflow
 *   the stack. An expression's own references come before those of the locals it uses.
 * - `visit` returns true to stop the walk.
 */
export function visitReferences(expr: Expr, localExpr: (name: string) => Expr | undefined, visit: (chain: readonly string[]) => boolean | void): void {
  const queue: Expr[] = [expr];
  const followed = new Set<string>();
  let stopped = false;
  for (let i = 0; i < queue.length && !stopped; i++) {
    walkExpr(queue[i], (e) => {
      if (stopped) return false;
      const chain = traversal(e);
      if (!chain) return true;
      if (chain[0] === 'local' && chain[1]) {
        if (!followed.has(chain[1])) {
          followed.add(chain[1]);
          const def = localExpr(chain[1]);
          if (def) queue.push(def);
        }
      } else if (visit(chain)) {
        stopped = true;
        return false;
      }
      // Not descending: the traversal's own parts are done, and the references in an index
      // key (`local.by_name[var.k]`) choose an element; they are not what it is made of.
      return false;
    });
  }
}

/**
 * Managed resource addresses (`type.name`) an expression refers to, through locals:
 * `join("", aws_s3_bucket.default.*.id)` or `local.bucket_id` still name their bucket when
 * the value itself is only known at apply time. Any resource type, not only `aws_` ones
 * (callers match the addresses against the resources they look for); `data.` sources,
 * variables, module outputs and the other namespaces are no resource address.
 */
export function referencedAddresses(expr: Expr, localExpr: (name: string) => Expr | undefined): Set<string> {
  const out = new Set<string>();
  visitReferences(expr, localExpr, ([root, first]) => {
    if (first && !NOT_RESOURCES.has(root)) out.add(`${root}.${first}`);
  });
  return out;
}
