import type { Span } from './span';

/**
 * Perimeter's own read-only view of an HCL file: plain objects the parser (native/) builds
 * straight from the text.
 */
export interface HclFile {
  readonly path: string;
  readonly text: string;
  readonly body: Body;
  readonly comments: readonly Comment[];
  /** Places where the text did not parse; everything around them is still in `body`. */
  readonly syntaxErrors: readonly SyntaxError[];
}

export interface SyntaxError {
  readonly span: Span;
  readonly message: string;
}

export interface Comment {
  readonly span: Span;
  /** The comment text without its `#`, `//` or `/* *\/` markers, trimmed. */
  readonly text: string;
}

export interface Body {
  readonly span: Span;
  readonly attributes: readonly Attribute[];
  readonly blocks: readonly Block[];
}

export interface Attribute {
  readonly kind: 'attribute';
  readonly name: string;
  readonly nameSpan: Span;
  readonly expr: Expr;
  readonly span: Span;
}

export interface Label {
  readonly value: string;
  readonly span: Span;
}

export interface Block {
  readonly kind: 'block';
  readonly type: string;
  readonly typeSpan: Span;
  readonly labels: readonly Label[];
  readonly body: Body;
  readonly span: Span;
  /** From the block type to the opening brace: where a finding about the whole block goes. */
  readonly headerSpan: Span;
}

/** A decoded piece of literal text and where each of its characters came from. */
export interface TextPiece {
  readonly value: string;
  readonly span: Span;
  /**
   * Source offset of each decoded character (length value.length + 1); absent when the
   * text maps one-to-one onto `span.start + i` (no escapes, no stripped indentation).
   */
  readonly offsets?: readonly number[];
}

export type TemplatePart =
  | { readonly kind: 'text'; readonly piece: TextPiece }
  | { readonly kind: 'interpolation'; readonly expr: Expr | null; readonly span: Span }
  | { readonly kind: 'directive'; readonly span: Span };

export type Expr =
  | { readonly type: 'null'; readonly span: Span }
  | { readonly type: 'bool'; readonly value: boolean; readonly span: Span }
  | { readonly type: 'number'; readonly value: number; readonly raw: string; readonly span: Span }
  /** A quoted string or heredoc; a plain literal is a template with one text part. */
  | {
      readonly type: 'template';
      readonly parts: readonly TemplatePart[];
      readonly heredoc: boolean;
      readonly span: Span;
      /** Where the content sits (inside the quotes, or between the heredoc markers). */
      readonly contentSpan: Span;
    }
  | { readonly type: 'tuple'; readonly items: readonly Expr[]; readonly span: Span }
  | { readonly type: 'object'; readonly items: readonly ObjectItem[]; readonly span: Span }
  | { readonly type: 'variable'; readonly name: string; readonly span: Span }
  | { readonly type: 'getattr'; readonly object: Expr; readonly name: string; readonly nameSpan: Span; readonly span: Span }
  | { readonly type: 'index'; readonly object: Expr; readonly key: Expr; readonly span: Span }
  | { readonly type: 'splat'; readonly object: Expr; readonly span: Span }
  | { readonly type: 'call'; readonly name: string; readonly nameSpan: Span; readonly args: readonly Expr[]; readonly expandLast: boolean; readonly span: Span }
  | { readonly type: 'conditional'; readonly condition: Expr; readonly then: Expr; readonly else: Expr; readonly span: Span }
  | { readonly type: 'unary'; readonly op: string; readonly operand: Expr; readonly span: Span }
  | { readonly type: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | {
      readonly type: 'for';
      readonly keyVar: string | null;
      readonly valueVar: string;
      readonly collection: Expr;
      /** For a tuple result: the item; for an object result: the value. */
      readonly value: Expr;
      /** Present for an object result (`{ for k, v in x : k => v }`). */
      readonly key: Expr | null;
      readonly grouping: boolean;
      readonly condition: Expr | null;
      readonly span: Span;
    }
  | { readonly type: 'paren'; readonly expr: Expr; readonly span: Span }
  /** Text that did not parse as an expression (a half-typed value). */
  | { readonly type: 'invalid'; readonly span: Span };

export interface ObjectItem {
  readonly key: Expr;
  readonly value: Expr;
  readonly span: Span;
}

/** A top-level block together with the file it is written in and its Terraform address. */
export interface BlockRef {
  readonly block: Block;
  readonly file: HclFile;
  /** `aws_s3_bucket.b`, `data.aws_iam_policy_document.p`, `module.m`, `var.v`, `provider.aws`. */
  readonly address: string;
}
