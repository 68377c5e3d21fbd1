import { ObjectSlot } from '../memo';

/** A half-open range [start, end) of UTF-16 code unit offsets into one file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A zero-based line and UTF-16 column, the way LSP counts. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Maps offsets to line/column and back; built once per text version. */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly text: string) {
    // Counted first, then filled: one array of the right size (made for every file version).
    let lines = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
    }
    const starts = new Array<number>(lines);
    starts[0] = 0;
    let n = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts[n++] = i + 1;
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts[n++] = i + 1;
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.min(lineStart + Math.max(0, pos.character), next);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

// One index per parsed file: the modules that read a file (a called module's instances
// too) and the suppressions share it.
const FILE_LINES = new ObjectSlot<object, LineIndex>();

/** The line index of a parsed file (or any object holding one text version). */
export function lineIndexOf(file: { readonly text: string }): LineIndex {
  let idx = FILE_LINES.get(file);
  if (!idx || idx.text !== file.text) FILE_LINES.set(file, (idx = new LineIndex(file.text)));
  return idx;
}
