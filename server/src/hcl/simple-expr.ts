import type { Attribute, Expr } from './ast';
import { decodeQuoted } from './strings';
import { span } from './span';

/**
 * Expressions simple enough to read from their text alone: a quoted string with no
 * escape, interpolation or directive, a number, true/false/null, and a reference such as
 * `aws_s3_bucket.logs.id`. They make up most of a configuration, and reading them from the
 * text skips the per-node calls into tree-sitter that converting their subtree would cost.
 * The result is exactly what converting the subtree gives (checked over the corpus by
 * test/unit/simple-expr.test.ts); anything else returns undefined and is converted
 * from the tree.
 */
export function simpleExpr(text: string, start: number, end: number): Expr | undefined {
  const first = text.charCodeAt(start);
  if (first === 34 /* " */) return plainString(text, start, end);
  const raw = text.slice(start, end);
  if (first >= 48 && first <= 57) {
    return NUMBER.test(raw) ? { type: 'number', value: Number(raw), raw, span: span(start, end) } : undefined;
  }
  if (raw === 'true' || raw === 'false') return { type: 'bool', value: raw === 'true', span: span(start, end) };
  if (raw === 'null') return { type: 'null', span: span(start, end) };
  return TRAVERSAL.test(raw) ? traversal(raw, start) : undefined;
}

const NUMBER = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const TRAVERSAL = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*$/;
const KEYWORD_ROOTS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

function plainString(text: string, start: number, end: number): Expr | undefined {
  if (end - start < 2 || text.charCodeAt(end - 1) !== 34) return undefined;
  for (let i = start + 1; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    // " \ $ % and line breaks: quotes, escapes, templates, unterminated strings.
    if (c === 34 || c === 92 || c === 36 || c === 37 || c === 10 || c === 13) return undefined;
  }
  const content = span(start + 1, end - 1);
  const parts = content.end > content.start ? [{ kind: 'text' as const, piece: decodeQuoted(text, content.start, content.end) }] : [];
  return { type: 'template', parts, heredoc: false, span: span(start, end), contentSpan: content };
}

function traversal(raw: string, start: number): Expr | undefined {
  const names = raw.split('.');
  if (KEYWORD_ROOTS.has(names[0])) return undefined;
  let offset = start + names[0].length;
  let expr: Expr = { type: 'variable', name: names[0], span: span(start, offset) };
  for (const name of names.slice(1)) {
    const nameStart = offset + 1;
    offset = nameStart + name.length;
    expr = { type: 'getattr', object: expr, name, nameSpan: span(nameStart, offset), span: span(start, offset) };
  }
  return expr;
}

const ATTRIBUTE_HEAD = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=[ \t]*/;

/** `name = <simple expression>` read from its text alone; see simpleExpr. */
export function simpleAttribute(text: string, start: number, end: number): Attribute | undefined {
  const head = ATTRIBUTE_HEAD.exec(text.slice(start, Math.min(end, start + 256)));
  if (!head || start + head[0].length >= end) return undefined;
  const expr = simpleExpr(text, start + head[0].length, end);
  if (!expr) return undefined;
  const name = head[1];
  return { kind: 'attribute', name, nameSpan: span(start, start + name.length), expr, span: span(start, end) };
}
