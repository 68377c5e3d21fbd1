import type { Attribute, Block, Comment, Expr, HclFile } from './ast';
import { parseNative, readNative } from './native/parser';
import { shiftSpans } from './shift';

/** Parses a whole file into Perimeter's read-only view (see native/parser.ts). */
export function parseHcl(filePath: string, text: string): HclFile {
  return parseNative(filePath, text);
}

/**
 * A template file (`templatefile()`) as a template expression whose spans point into that
 * file: the text is parsed as the body of a heredoc with a marker it cannot contain, and
 * the spans are shifted back by the wrapper's length. Undefined when it does not parse.
 */
export function parseTemplate(filePath: string, text: string): Expr | undefined {
  let marker = 'PERIMETER_TEMPLATE';
  while (text.includes(marker)) marker += '_';
  const prefix = `t = <<${marker}\n`;
  const body = text.endsWith('\n') ? text : `${text}\n`;
  const file = parseHcl(filePath, `${prefix}${body}${marker}\n`);
  const attr = file.body.attributes[0];
  if (!attr || file.syntaxErrors.length || attr.expr.type !== 'template') return undefined;
  const shifted = shiftSpans(attr.expr, -prefix.length);
  // A missing final newline was added for the heredoc: take it back out.
  if (body === text || shifted.type !== 'template') return shifted;
  const parts = [...shifted.parts];
  const last = parts[parts.length - 1];
  if (last?.kind === 'text' && last.piece.value.endsWith('\n')) {
    const v = last.piece.value.slice(0, -1);
    parts[parts.length - 1] = { kind: 'text', piece: { ...last.piece, value: v, ...(last.piece.offsets ? { offsets: last.piece.offsets.slice(0, -1) } : {}) } };
  }
  return { ...shifted, parts };
}

/** A text change in offsets of the old text (UTF-16), the way the server receives it. */
export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newText: string;
}

type Item = Attribute | Block;

/** A parse and whether it needed the parser's second pass (see native/parser.ts readNative). */
interface Parsed {
  readonly file: HclFile;
  readonly resynced: boolean;
  /** Its errors cannot have changed how the text after them reads (see containedErrors). */
  readonly contained: boolean;
}

/** A whole parse of `text`. */
function parseWhole(path: string, text: string): Parsed {
  const { file, resynced } = readNative(path, text);
  return { file, resynced, contained: containedErrors(text, file, resynced) };
}

/**
 * An open document. Edits are queued and parsed when the file is next read, so keystrokes
 * that come faster than the analysis are parsed once. A read re-parses only the top-level
 * items the change touched: the text from the item before the change to the item after it
 * is parsed alone and, when nothing in it can change how the rest reads (it parses cleanly,
 * or its errors stay inside its blocks, or it runs to the end of the file), put between the
 * untouched items, those before the change kept as they are and those after it moved by
 * the change's length. Otherwise the file is parsed whole, and the items before the change
 * that read the same are still the previous objects. Keeping them matters: the evaluator
 * keeps values with the expression objects, so an unchanged policy is not evaluated again.
 */
export class HclDocument {
  private current: Parsed;
  /** The text as edited; `current` was parsed from `current.file.text`. */
  private text: string;

  constructor(readonly path: string, text: string) {
    this.text = text;
    this.current = parseWhole(path, text);
  }

  /**
   * How much of the start and of the end of the text the edits since the last parse left as
   * they were: the read looks for the change from there, not from both ends of a long file.
   */
  private unchanged = { prefix: Infinity, suffix: Infinity };

  /** The parsed file, parsed now if edits came since the last parse. */
  get file(): HclFile {
    if (this.current.file.text !== this.text) this.current = reparse(this.current, this.text, this.unchanged);
    this.unchanged = { prefix: Infinity, suffix: Infinity };
    return this.current.file;
  }

  /** The document's text as edited so far (no parse needed). */
  get currentText(): string {
    return this.text;
  }

  /** Applies edits in order (each in offsets of the text as left by the previous one), and parses. */
  edit(edits: readonly TextEdit[]): HclFile {
    this.queue(edits);
    return this.file;
  }

  /** Applies edits without parsing (see the class comment). */
  queue(edits: readonly TextEdit[]): void {
    for (const e of edits) {
      this.unchanged = { prefix: Math.min(this.unchanged.prefix, e.start), suffix: Math.min(this.unchanged.suffix, this.text.length - e.oldEnd) };
      this.text = this.text.slice(0, e.start) + e.newText + this.text.slice(e.oldEnd);
    }
  }

  /** Replaces the whole text (full-sync clients). */
  replace(text: string): HclFile {
    return this.edit([{ start: 0, oldEnd: this.text.length, newText: text }]);
  }
}

/** `next` parsed from `previous` (see HclDocument). */
function reparse(previous: Parsed, next: string, unchanged = { prefix: 0, suffix: 0 }): Parsed {
  const prev = previous.file;
  const old = prev.text;
  // The changed run: [start, old.length - tail) of the old text, [start, next.length - tail) of the new.
  // The scans start past what the edits are known to have left alone.
  const shorter = Math.min(old.length, next.length);
  let start = Math.min(unchanged.prefix, shorter);
  while (start < shorter && old.charCodeAt(start) === next.charCodeAt(start)) start++;
  let tail = Math.min(unchanged.suffix, shorter - start);
  while (tail < shorter - start && old.charCodeAt(old.length - 1 - tail) === next.charCodeAt(next.length - 1 - tail)) tail++;
  const items: Item[] = [...prev.body.attributes, ...prev.body.blocks].sort((a, b) => a.span.start - b.span.start);
  // Items that end on a line before the change and items that start on a line after it: on
  // the same line, the change could join them (`a = 1` followed by a typed ` + 2`).
  const firstLine = old.lastIndexOf('\n', start - 1) + 1;
  const lastLineEnd = old.indexOf('\n', old.length - tail);
  // Nor is an item kept that ends on or after the line of a syntax error: a block left open
  // ends where the parser gave up on it, and must be read again with what follows.
  let keepBefore = firstLine;
  for (const e of prev.syntaxErrors) keepBefore = Math.min(keepBefore, old.lastIndexOf('\n', e.span.start - 1) + 1);
  const before = items.filter((i) => i.span.end < keepBefore);
  const after = lastLineEnd < 0 ? [] : items.filter((i) => i.span.start > lastLineEnd);
  const whole = (): Parsed => keepUnchanged(previous, parseWhole(prev.path, next), before);
  if (!before.length && !after.length) return whole();
  const from = before.length ? before[before.length - 1].span.end : 0;
  const oldTo = after.length ? after[0].span.start : old.length;
  const delta = next.length - old.length;
  const to = oldTo + delta;
  // Typing at the end of a file (nothing after the change), the piece runs to the end, so it
  // is read as the whole parse reads it from there, errors and all, provided the errors of
  // the previous parse were all in it and the items before it read the same in the parser's
  // second pass (which an unclosed block starts for the whole file).
  const atEnd = !after.length && prev.syntaxErrors.every((e) => e.span.start >= from) && secondPassSafe(old, from, before);
  // In the middle of a file, errors are allowed when they are the piece's own: each inside a
  // block of it that closes (see containedErrors), and those of the previous parse likewise
  // and all in the text read again.
  const inPiece = (e: { span: { start: number; end: number } }) => e.span.start >= from && e.span.end <= oldTo;
  const previousContained = previous.contained && prev.syntaxErrors.every(inPiece);
  if (prev.syntaxErrors.length && !atEnd && !previousContained) return whole();
  const pieceText = ownCopy(next.slice(from, to));
  const { file: piece, resynced } = readNative(prev.path, pieceText);
  const contained = containedErrors(pieceText, piece, resynced);
  // A block comment left open reads to the end of the piece without an error, but would
  // swallow the items after it.
  if ((piece.syntaxErrors.length && !atEnd && !contained) || piece.comments.some((c) => openBlockComment(pieceText, c))) return whole();
  const middle = shiftSpans([...piece.body.attributes, ...piece.body.blocks], from);
  const moved = shiftSpans(after, delta);
  const all = [...before, ...middle, ...moved];
  const comments: Comment[] = [
    ...prev.comments.filter((c) => c.span.end <= from),
    ...shiftSpans(piece.comments, from),
    ...shiftSpans(prev.comments.filter((c) => c.span.start >= oldTo), delta),
  ];
  const attributes = all.filter((i): i is Attribute => i.kind === 'attribute').sort((a, b) => a.span.start - b.span.start);
  const blocks = all.filter((i): i is Block => i.kind === 'block').sort((a, b) => a.span.start - b.span.start);
  // Top-level items do not overlap, so the body runs from the first to the last.
  const span = all.length ? { start: all[0].span.start, end: all[all.length - 1].span.end } : { start: 0, end: next.length };
  const syntaxErrors = shiftSpans(piece.syntaxErrors, from);
  return { file: { path: prev.path, text: next, body: { span, attributes, blocks }, comments, syntaxErrors }, resynced, contained };
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 makes a slice
 * of 13 characters or more a view into its parent, and the syntax tree's names and strings
 * are slices of the text parsed: a piece read again after an edit, cut from the document,
 * kept that whole version of the document alive for as long as the piece's items lived
 * (each block edited in a 2,000-line file held its own 45 KB copy until it was edited
 * again). Slicing a concatenation flattens it into a new string first: the piece's items then
 * hold the piece's text only.
 */
function ownCopy(text: string): string {
  return (text + ' ').slice(0, -1);
}

/**
 * True when a parse's errors cannot have changed how anything after them reads: the second
 * pass did not run (no block was left open), and each error lies inside a top-level block
 * whose text opens no heredoc (an unclosed one looks for its marker further on; a comment
 * left open is refused by the caller). Such an error costs an attribute or a line inside its
 * block, which then closes as it would have.
 */
function containedErrors(text: string, file: HclFile, resynced: boolean): boolean {
  if (resynced) return false;
  if (!file.syntaxErrors.length) return true;
  const blocks = file.body.blocks;
  return file.syntaxErrors.every((e) => {
    const b = blocks.find((x) => x.span.start <= e.span.start && e.span.end <= x.span.end);
    if (!b) return false;
    const own = text.slice(b.span.start, b.span.end);
    return own.endsWith('}') && !own.includes('<<');
  });
}

const COLUMN_0_HEADER = /^[A-Za-z_][\w-]*(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{/gm;

/**
 * True when the parser's second pass, which ends open blocks at block headers in column 0,
 * reads text[0, end) as the first pass did: the only such headers there start top-level blocks.
 */
function secondPassSafe(text: string, end: number, items: readonly Item[]): boolean {
  const starts = new Set<number>();
  for (const i of items) if (i.kind === 'block') starts.add(i.span.start);
  // Over the whole text, stopping at `end` (no copy of a long file's start on each keystroke);
  // a header that starts before `end` is matched within it, as the text before it is the same.
  COLUMN_0_HEADER.lastIndex = 0;
  for (let m = COLUMN_0_HEADER.exec(text); m && m.index < end; m = COLUMN_0_HEADER.exec(text)) {
    if (m.index + m[0].length > end) break;
    if (!starts.has(m.index)) return false;
  }
  return true;
}

/**
 * A whole parse with the previous objects for the items before the change: the text up to
 * them is the same, and read in the same pass (the second pass reads column-0 headers
 * differently), so they read the same.
 */
function keepUnchanged(previous: Parsed, fresh: Parsed, before: readonly Item[]): Parsed {
  if (!before.length || fresh.resynced !== previous.resynced) return fresh;
  const old = new Map<number, Item>(before.map((i) => [i.span.start, i]));
  const same = <T extends Item>(i: T): T => {
    const o = old.get(i.span.start);
    return o && o.kind === i.kind && o.span.end === i.span.end ? (o as T) : i;
  };
  const body = fresh.file.body;
  return { ...fresh, file: { ...fresh.file, body: { ...body, attributes: body.attributes.map(same), blocks: body.blocks.map(same) } } };
}

/** A `/*` comment with no `*\/`. */
function openBlockComment(text: string, c: Comment): boolean {
  const raw = text.slice(c.span.start, c.span.end);
  return raw.startsWith('/*') && (raw.length < 4 || !raw.endsWith('*/'));
}
