import type { Expr } from '../hcl/ast';
import type { Origin, Value } from './value';

/** One step of a reference after its root name: `.name` or `[key]`. */
export type Step = { readonly kind: 'attr'; readonly name: string } | { readonly kind: 'index'; readonly key: Value };

/**
 * What the evaluator needs from the world around an expression. The module layer
 * implements it (locals, variables, data sources, resources, files); tests can fake it.
 */
export interface EvalEnv {
  /** The file the expression is written in. */
  readonly file: string;
  /** Value of a reference such as `local.x`, `var.y.z` or `aws_s3_bucket.b.id`. */
  resolve(root: string, steps: readonly Step[], origin: Origin, depth: number): Value;
  /** Reads a file relative to the module directory, for `file()` / `templatefile()`. */
  readFile?(relativePath: string): { path: string; text: string } | undefined;
  /** Instances of a resource or data source (`aws_x.y`, `data.aws_x.y`) when statically known. */
  instanceCount?(address: string): number | undefined;
  /**
   * A call expression another layer built and that is no Terraform function (the policy a
   * registry module writes from its inputs): its function over the evaluated arguments.
   * Known by the expression object, never by its name, so nothing a user writes reaches it.
   */
  builtCall?(expr: Extract<Expr, { type: 'call' }>): BuiltFunction | undefined;
}

/** The function of a built call (EvalEnv.builtCall). */
export type BuiltFunction = (args: readonly Value[], origin: Origin) => Value;

/** No iteration variables: the locals of an expression outside any `for` (shared, never written). */
export const NO_LOCALS: ReadonlyMap<string, Value> = new Map();

/** Nesting beyond this is treated as unknown: protects the stack from pathological input. */
export const MAX_EVAL_DEPTH = 64;

/**
 * Where an expression is evaluated: the environment, the iteration variables of enclosing
 * `for` expressions, and how deep the evaluation is nested.
 */
export class EvalScope {
  private inner: EvalScope | undefined;

  constructor(
    readonly env: EvalEnv,
    /** Iteration variables of enclosing `for` expressions. */
    readonly locals: ReadonlyMap<string, Value>,
    readonly depth: number,
  ) {}

  /**
   * The scope of a sub-expression, one level deeper. Every sub-expression at that level shares
   * it: a scan evaluates millions of expressions, and a new scope per expression was a
   * tenth of what evaluation allocated.
   */
  deeper(): EvalScope {
    return (this.inner ??= new EvalScope(this.env, this.locals, this.depth + 1));
  }
}
