import type { FileEdit } from '../engine/rule';

/**
 * Applies edits to one file's text. Edits are in offsets of the original text; they are
 * applied from the end so earlier offsets stay valid. Overlapping edits are refused: two
 * fixes touching the same characters cannot both be safe.
 */
export function applyEdits(text: string, edits: readonly Pick<FileEdit, 'span' | 'newText'>[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].span.start < sorted[i - 1].span.end) {
      throw new Error(`overlapping edits at offsets ${sorted[i - 1].span.start}-${sorted[i - 1].span.end} and ${sorted[i].span.start}-${sorted[i].span.end}`);
    }
  }
  let out = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i];
    if (e.span.start < 0 || e.span.end > text.length || e.span.start > e.span.end) throw new Error(`edit out of range: ${e.span.start}-${e.span.end}`);
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return out;
}
