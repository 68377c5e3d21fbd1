import { LineIndex, type Position } from '../hcl/span';
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

/**
 * "Suppress this finding": a `# perimeter:ignore:<id>` comment on its own line above the
 * finding, indented like it, with a reason placeholder the user replaces.
 */
export function suppressLineEdit(finding: Finding, text: string): RangeEdit | undefined {
  if (finding.file.endsWith('.json')) return undefined; // JSON cannot hold comments
  const idx = new LineIndex(text);
  const line = finding.range.start.line;
  const indent = /^[ \t]*/.exec(idx.lineText(line))![0];
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# perimeter:ignore:${finding.ruleId} TODO: reason${nl}` };
}

/** "Suppress in this file": a file-wide comment on the first line. */
export function suppressFileEdit(finding: Finding, text: string): RangeEdit | undefined {
  if (finding.file.endsWith('.json')) return undefined;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, newText: `# perimeter:ignore-file:${finding.ruleId}${nl}` };
}
