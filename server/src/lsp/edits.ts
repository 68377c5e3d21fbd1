import type { Attribute, Block, HclFile } from '../hcl/ast';
import { parseHcl } from '../hcl/parser';
import { LineIndex, type Position } from '../hcl/span';
import { walkExpr } from '../hcl/walk';
import type { FileEdit, Fix } from '../engine/rule';
import type { Finding } from '../engine/finding';

/** A text edit in LSP terms: zero-based line/character ranges in UTF-16. */
export interface RangeEdit {
  readonly range: { readonly start: Position; readonly end: Position };
  readonly newText: string;
}

/** Fix edits (offsets) to LSP edits per file, through each file's current text. */
export function fixToRangeEdits(fix: Fix, textOf: (file: string) => string | undefined): Map<string, RangeEdit[]> | undefined {
  const out = new Map<string, RangeEdit[]>();
  for (const e of fix.edits) {
    const text = textOf(e.file);
    if (text === undefined) return undefined;
    const idx = new LineIndex(text);
    const list = out.get(e.file) ?? [];
    list.push(toRangeEdit(e, idx));
    out.set(e.file, list);
  }
  return out;
}

function toRangeEdit(e: FileEdit, idx: LineIndex): RangeEdit {
  return { range: { start: idx.position(e.span.start), end: idx.position(e.span.end) }, newText: e.newText };
}

/** Only Terraform files hold `#` comments: not policy `.json` files, nor templates (`.tpl`). */
const COMMENTABLE = /\.(tf|tfvars)$/;

/**
 * "Suppress this finding": a `# perimeter:ignore:<id>` comment on its own line above the
 * finding, indented like it, with a reason placeholder the user replaces. A finding inside
 * heredoc text (a heredoc JSON policy) cannot take a comment there, where it would become
 * part of the text: the comment goes above the innermost block that holds it, which
 * covers the findings inside the block.
 */
export function suppressLineEdit(finding: Finding, text: string): RangeEdit | undefined {
  if (!COMMENTABLE.test(finding.file)) return undefined;
  const idx = new LineIndex(text);
  const line = commentLine(finding, text, idx);
  if (line === undefined) return undefined;
  const indent = /^[ \t]*/.exec(idx.lineText(line))![0];
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# perimeter:ignore:${finding.ruleId} TODO: reason${nl}` };
}

/**
 * "Suppress" for a finding in a file that cannot hold comments (a policy `.json` read by
 * `file()`): the comment goes inside the block that reads the file, above the argument that
 * names it, where a suppression covers the findings of what the block reads (engine/
 * suppress.ts). `readers` are the Terraform files that may read it (its module's).
 */
export function suppressInReaderEdit(finding: Finding, readers: readonly { file: string; text: string }[]): { file: string; edit: RangeEdit } | undefined {
  if (COMMENTABLE.test(finding.file)) return undefined;
  const name = finding.file.split(/[\\/]/).pop()!;
  for (const { file, text } of readers) {
    if (!COMMENTABLE.test(file) || !text.includes(name)) continue;
    let parsed: HclFile;
    try {
      parsed = parseHcl(file, text);
    } catch {
      continue;
    }
    const idx = new LineIndex(text);
    for (const block of parsed.body.blocks) {
      const stack: Block[] = [block];
      while (stack.length) {
        const b = stack.pop()!;
        const a = b.body.attributes.find((x) => text.slice(x.expr.span.start, x.expr.span.end).includes(name));
        if (a) {
          const line = idx.position(a.span.start).line;
          const indent = /^[ \t]*/.exec(idx.lineText(line))![0];
          const nl = text.includes('\r\n') ? '\r\n' : '\n';
          const at = { line, character: 0 };
          return { file, edit: { range: { start: at, end: at }, newText: `${indent}# perimeter:ignore:${finding.ruleId} TODO: reason${nl}` } };
        }
        stack.push(...b.body.blocks);
      }
    }
  }
  return undefined;
}

/**
 * The line above which a comment about the finding may go: its own line, unless that line
 * starts inside a multi-line string (heredoc); then the innermost block's first line.
 * Undefined when the file cannot be read as HCL there.
 */
function commentLine(finding: Finding, text: string, idx: LineIndex): number | undefined {
  const line = finding.range.start.line;
  // Only a heredoc spans lines as text (quoted strings cannot): without one, no parse.
  if (!text.includes('<<')) return line;
  let file: HclFile;
  try {
    file = parseHcl(finding.file, text);
  } catch {
    return line;
  }
  const lineStart = idx.offset({ line, character: 0 });
  if (!insideMultiLineText(file, lineStart)) return line;
  const block = innermostBlock(file.body.blocks, finding.span.start);
  if (!block) return undefined;
  const header = idx.position(block.span.start).line;
  return insideMultiLineText(file, idx.offset({ line: header, character: 0 })) ? undefined : header;
}

/** Whether an offset lies in the content of a heredoc or multi-line string of the file. */
function insideMultiLineText(file: HclFile, offset: number): boolean {
  let inside = false;
  const visitBody = (blocks: readonly Block[], attributes: readonly Attribute[]): void => {
    for (const a of attributes) {
      if (a.span.start > offset || a.span.end < offset) continue;
      walkExpr(a.expr, (e) => {
        if (e.type === 'template' && e.contentSpan.start <= offset && offset <= e.contentSpan.end) inside = true;
        return !inside;
      });
    }
    for (const b of blocks) if (b.span.start <= offset && offset <= b.span.end) visitBody(b.body.blocks, b.body.attributes);
  };
  visitBody(file.body.blocks, file.body.attributes);
  return inside;
}

function innermostBlock(blocks: readonly Block[], offset: number): Block | undefined {
  for (const b of blocks) {
    if (b.span.start <= offset && offset < b.span.end) return innermostBlock(b.body.blocks, offset) ?? b;
  }
  return undefined;
}

/** "Suppress in this file": a file-wide comment on the first line. */
export function suppressFileEdit(finding: Finding, text: string): RangeEdit | undefined {
  if (!COMMENTABLE.test(finding.file)) return undefined;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, newText: `# perimeter:ignore-file:${finding.ruleId}${nl}` };
}
