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
  if (!last) {
    const at = lineEndOf(t, block.headerSpan.end);
    return { file: file.path, span: { start: at, end: at }, newText: `${nl}${indent}${name} = ${valueText}` };
  }
  // `terraform fmt` aligns the `=` of consecutive one-line attributes at one past the
  // longest name: the new line joins the group that ends with `last`, and the group is
  // re-padded when the new name is the longest (an edit of those lines' padding only).
  const at = lineEndOf(t, last.span.end);
  const group = alignmentGroup(t, attrs, last);
  if (!group.length) return { file: file.path, span: { start: at, end: at }, newText: `${nl}${indent}${name} = ${valueText}` };
  const width = Math.max(name.length, ...group.map((a) => a.name.length));
  const padded = (n: string) => `${n}${' '.repeat(width - n.length + 1)}`;
  const from = lineStartOf(t, group[0].span.start);
  const lines = group.map((a) => `${indentAt(t, a.span.start)}${padded(a.name)}= ${t.slice(a.span.start, lineEndOf(t, a.span.start)).replace(/^[^=]*=[ \t]*/, '')}`);
  const rewritten = [...lines, `${indent}${padded(name)}= ${valueText}`].join(nl);
  // The edit covers the group even when its padding stays: two additions to one group then
  // overlap, and the fix planner applies the second in its next round, aligned with the first.
  return { file: file.path, span: { start: from, end: at }, newText: rewritten };
}

/**
 * The attributes `terraform fmt` aligns with one added after `last`: the run of one-line
 * attributes, one per line, that ends with `last` (empty when `last` spans lines).
 */
function alignmentGroup(text: string, attrs: readonly Attribute[], last: Attribute): Attribute[] {
  const oneLine = (a: Attribute) => !/[\r\n]/.test(text.slice(a.span.start, a.span.end));
  if (!oneLine(last)) return [];
  const group: Attribute[] = [last];
  for (let i = attrs.indexOf(last) - 1; i >= 0; i--) {
    const between = text.slice(attrs[i].span.end, group[0].span.start);
    // The next line, with nothing but the line break between (no blank line, no comment).
    if (!/^[ \t]*\r?\n[ \t]*$/.test(between) || !oneLine(attrs[i])) break;
    group.unshift(attrs[i]);
  }
  return group;
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
