import type { Attribute, Block, Expr, HclFile } from '../hcl/ast';
import type { FileEdit } from '../engine/rule';
import { endsLine, indentAt, indentUnit, lineBreakOf, lineEndOf, lineStartOf, reindent, startsLine } from './layout';

/**
 * Edit builders for HCL source. Each returns edits that keep the file's indentation,
 * line breaks and `terraform fmt` alignment, so a fix reads as if the author wrote it.
 */

/** Replaces an expression's text (e.g. `"public-read"` → `"private"`). */
export function replaceExpr(file: HclFile, expr: Expr, newText: string): FileEdit {
  return { file: file.path, span: expr.span, newText };
}

/** Removes an attribute; when it sits alone on its line(s), the whole line goes. */
export function removeAttribute(file: HclFile, attribute: Attribute): FileEdit {
  const t = file.text;
  const { start, end } = attribute.span;
  if (startsLine(t, start) && endsLine(t, end)) {
    const lineStart = lineStartOf(t, start);
    let lineEnd = lineEndOf(t, end);
    if (t[lineEnd] === '\r' && t[lineEnd + 1] === '\n') lineEnd += 2;
    else if (t[lineEnd] === '\n') lineEnd += 1;
    return { file: file.path, span: { start: lineStart, end: lineEnd }, newText: '' };
  }
  return { file: file.path, span: attribute.span, newText: '' };
}

/**
 * Adds `name = value` as the last attribute of a block (before its nested blocks when it
 * has attributes, else right after the opening brace). The `=` is aligned with the
 * attributes of the neighbouring group when they are aligned.
 */
export function addAttribute(file: HclFile, block: Block, name: string, valueText: string): FileEdit {
  const t = file.text;
  const nl = lineBreakOf(t);
  const attrs = block.body.attributes;
  const indent = attrs.length
    ? indentAt(t, attrs[0].span.start)
    : block.body.blocks.length
      ? indentAt(t, block.body.blocks[0].span.start)
      : indentAt(t, block.span.start) + indentUnit(t);
  if (isSingleLine(t, block)) {
    // `resource "x" "y" {}` or `{ a = 1 }`: open it up onto lines.
    const close = block.span.end - 1;
    const outer = indentAt(t, block.span.start);
    const inner = t.slice(block.headerSpan.end, close).trim();
    const lines = [...(inner ? [outer + indentUnit(t) + inner] : []), `${outer}${indentUnit(t)}${name} = ${valueText}`];
    return { file: file.path, span: { start: block.headerSpan.end, end: close }, newText: `${nl}${lines.join(nl)}${nl}${outer}` };
  }
  const last = attrs[attrs.length - 1];
  const eqColumn = last ? alignedEqColumn(t, attrs, last) : undefined;
  const pad = eqColumn !== undefined ? Math.max(1, eqColumn - indent.length - name.length) : 1;
  const line = `${indent}${name}${' '.repeat(pad)}= ${valueText}`;
  if (last) {
    const at = lineEndOf(t, last.span.end);
    return { file: file.path, span: { start: at, end: at }, newText: `${nl}${line}` };
  }
  const at = lineEndOf(t, block.headerSpan.end);
  return { file: file.path, span: { start: at, end: at }, newText: `${nl}${line}` };
}

/**
 * The column of `=` shared by the group of consecutive one-per-line attributes ending
 * with `last` (the `terraform fmt` alignment), or undefined when they do not share one.
 */
function alignedEqColumn(text: string, attrs: readonly Attribute[], last: Attribute): number | undefined {
  const group: Attribute[] = [last];
  for (let i = attrs.indexOf(last) - 1; i >= 0; i--) {
    const between = text.slice(attrs[i].span.end, group[0].span.start);
    if ((between.match(/\n/g) ?? []).length !== 1) break;
    group.unshift(attrs[i]);
  }
  const columns = group.map((a) => {
    const start = lineStartOf(text, a.nameSpan.start);
    return a.nameSpan.end - start + text.slice(a.nameSpan.end).indexOf('=');
  });
  return group.length > 1 && columns.every((c) => c === columns[0]) ? columns[0] : undefined;
}

function isSingleLine(text: string, block: Block): boolean {
  return !/[\r\n]/.test(text.slice(block.span.start, block.span.end));
}

/** Inserts a new top-level block after `block`, separated by one blank line. */
export function insertBlockAfter(file: HclFile, block: Block, blockText: string): FileEdit {
  const t = file.text;
  const nl = lineBreakOf(t);
  const body = reindent(blockText, indentAt(t, block.span.start), indentUnit(t)).join(nl);
  const at = block.span.end;
  return { file: file.path, span: { start: at, end: at }, newText: `${nl}${nl}${body}` };
}

/**
 * Adds a member to an HCL object expression (`{ ... }` in `jsonencode`, `tags`, ...).
 * Multi-line objects get a new line with the members' indentation; one-line objects get
 * `, key = value` before the closing brace.
 */
export function addObjectMember(file: HclFile, object: Extract<Expr, { type: 'object' }>, key: string, valueText: string): FileEdit {
  const t = file.text;
  const nl = lineBreakOf(t);
  const close = object.span.end - 1;
  const items = object.items;
  const multiLine = /[\r\n]/.test(t.slice(object.span.start, object.span.end));
  if (!multiLine) {
    const sep = items.length ? (t.slice(items[items.length - 1].span.end, close).includes(',') ? ' ' : ', ') : ' ';
    const before = t.slice(0, close).replace(/\s*$/, '');
    const start = before.length;
    return { file: file.path, span: { start, end: close }, newText: `${sep}${key} = ${valueText} ` };
  }
  const last = items[items.length - 1];
  const indent = last ? indentAt(t, last.span.start) : indentAt(t, object.span.start) + indentUnit(t);
  const valueLines = valueText.split('\n').map((l, i) => (i === 0 ? l : indent + l)).join(nl);
  if (last) {
    const comma = t.slice(last.span.end, lineEndOf(t, last.span.end)).trimStart().startsWith(',') ? ',' : '';
    const at = lineEndOf(t, last.span.end);
    return { file: file.path, span: { start: at, end: at }, newText: `${nl}${indent}${key} = ${valueLines}${comma}` };
  }
  const at = object.span.start + 1;
  return { file: file.path, span: { start: at, end: at }, newText: `${nl}${indent}${key} = ${valueLines}` };
}

/** An HCL string literal for a value (escapes quotes, backslashes and interpolation). */
export function hclString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{').replace(/\n/g, '\\n')}"`;
}

/** Appends a nested block (e.g. a `condition { ... }`) at the end of a block's body. */
export function appendNestedBlock(file: HclFile, block: Block, blockText: string): FileEdit {
  const t = file.text;
  const nl = lineBreakOf(t);
  const unit = indentUnit(t);
  const lines = reindent(blockText, indentAt(t, block.span.start) + unit, unit);
  const lastChild = [...block.body.attributes, ...block.body.blocks].sort((a, b) => b.span.end - a.span.end)[0];
  const at = lastChild ? lineEndOf(t, lastChild.span.end) : lineEndOf(t, block.headerSpan.end);
  const gap = lastChild ? nl : '';
  return { file: file.path, span: { start: at, end: at }, newText: `${gap}${nl}${lines.join(nl)}` };
}
