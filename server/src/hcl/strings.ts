import type { Span, } from './span';
import type { TextPiece } from './ast';

/**
 * Decodes the literal text of a quoted HCL string between `start` and `end` of `source`:
 * backslash escapes plus `$${` / `%%{`. Keeps, for each decoded character, the source
 * offset it came from, so a finding inside a string lands on the right characters.
 */
export function decodeQuoted(source: string, start: number, end: number): TextPiece {
  return decode(source, start, end, true);
}

/** Heredoc literal text: no backslash escapes, only `$${` and `%%{`. */
export function decodeHeredoc(source: string, start: number, end: number): TextPiece {
  return decode(source, start, end, false);
}

const ESCAPED: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function decode(source: string, start: number, end: number, escapes: boolean): TextPiece {
  const span: Span = { start, end };
  const first = firstRewrite(source, start, end, escapes);
  // Most strings have nothing to rewrite: their text is the source's, offset for offset.
  if (first === end) return { value: source.slice(start, end), span };
  let out = source.slice(start, first);
  const offsets: number[] = [];
  for (let k = start; k < first; k++) offsets.push(k);
  let i = first;
  while (i < end) {
    const c = source[i];
    if (escapes && c === '\\' && i + 1 < end) {
      const n = source[i + 1];
      const simple = ESCAPED[n];
      if (simple !== undefined) {
        out += simple;
        offsets.push(i);
        i += 2;
        continue;
      }
      const width = n === 'u' ? 4 : n === 'U' ? 8 : 0;
      const hex = width ? source.slice(i + 2, i + 2 + width) : '';
      if (width && hex.length === width && /^[0-9a-fA-F]+$/.test(hex) && i + 2 + width <= end) {
        const ch = String.fromCodePoint(parseInt(hex, 16));
        for (let k = 0; k < ch.length; k++) offsets.push(i);
        out += ch;
        i += 2 + width;
        continue;
      }
    }
    if ((c === '$' || c === '%') && source[i + 1] === c && source[i + 2] === '{' && i + 2 < end) {
      out += c + '{';
      offsets.push(i, i + 2);
      i += 3;
      continue;
    }
    out += c;
    offsets.push(i);
    i++;
  }
  offsets.push(end);
  return { value: out, span, offsets };
}

/**
 * Where decoding first changes the text (an escape, `$${`, `%%{`), or `end`. A backslash
 * before an unknown escape letter is kept as written, so it changes nothing.
 */
function firstRewrite(source: string, start: number, end: number, escapes: boolean): number {
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 92 /* \\ */ && escapes && i + 1 < end) {
      const n = source[i + 1];
      if (ESCAPED[n] !== undefined) return i;
      const width = n === 'u' ? 4 : n === 'U' ? 8 : 0;
      if (width && i + 2 + width <= end && /^[0-9a-fA-F]+$/.test(source.slice(i + 2, i + 2 + width))) return i;
    } else if ((c === 36 /* $ */ || c === 37) /* % */ && source.charCodeAt(i + 1) === c && source.charCodeAt(i + 2) === 123 /* { */ && i + 2 < end) {
      return i;
    }
  }
  return end;
}

/** Source offset of decoded character `index` of a piece (index may equal value.length). */
function pieceOffset(piece: TextPiece, index: number): number {
  if (piece.offsets) return piece.offsets[Math.max(0, Math.min(index, piece.offsets.length - 1))];
  return piece.span.start + Math.max(0, Math.min(index, piece.value.length));
}

/**
 * `<<-` heredocs: Terraform removes the smallest leading-space count found on any line
 * from every line. Pieces are the literal runs of the template; a piece starts a line when
 * it is the first piece or follows a newline. Returns new pieces with adjusted offsets.
 */
export function stripHeredocIndent(pieces: readonly { piece: TextPiece; lineStart: boolean }[]): TextPiece[] {
  let min = Infinity;
  for (const { piece, lineStart } of pieces) {
    forEachLine(piece.value, lineStart, (line, isLast) => {
      if (isLast && line.length === 0) return;
      let n = 0;
      while (n < line.length && (line[n] === ' ' || line[n] === '\t')) n++;
      if (n === line.length && !isLast) return; // whitespace-only lines do not count
      min = Math.min(min, n);
    });
  }
  if (!isFinite(min) || min === 0) return pieces.map((p) => p.piece);
  return pieces.map(({ piece, lineStart }) => {
    let out = '';
    const offsets: number[] = [];
    let atLineStart = lineStart;
    let skipped = 0;
    for (let i = 0; i < piece.value.length; i++) {
      const ch = piece.value[i];
      if (atLineStart && skipped < min && (ch === ' ' || ch === '\t')) {
        skipped++;
        continue;
      }
      atLineStart = false;
      out += ch;
      offsets.push(pieceOffset(piece, i));
      if (ch === '\n') {
        atLineStart = true;
        skipped = 0;
      }
    }
    offsets.push(piece.span.end);
    return { value: out, span: piece.span, offsets };
  });
}

function forEachLine(text: string, lineStart: boolean, fn: (line: string, isLast: boolean) => void): void {
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (i === 0 && !lineStart) return;
    fn(line, i === lines.length - 1);
  });
}

/**
 * A piece without the white space at its start or end (a template's strip marker), offsets
 * kept. HCL trims the one literal token next to the marker: in a quoted string the whole
 * text, in a heredoc one line of it (a line's token ends with its line feed).
 */
export function trimPiece(piece: TextPiece, side: 'start' | 'end', heredoc: boolean): TextPiece {
  const v = piece.value;
  let from = 0;
  let to = v.length;
  if (side === 'start') {
    const lineEnd = heredoc && v.indexOf('\n') >= 0 ? v.indexOf('\n') + 1 : to;
    while (from < lineEnd && /\s/.test(v[from])) from++;
  } else {
    const lineStart = heredoc ? v.lastIndexOf('\n', v.length - 2) + 1 : 0;
    while (to > lineStart && /\s/.test(v[to - 1])) to--;
  }
  if (from === 0 && to === v.length) return piece;
  const start = pieceOffset(piece, from);
  const end = to < v.length ? pieceOffset(piece, to) : piece.span.end;
  const value = v.slice(from, to);
  if (!piece.offsets) return { value, span: { start, end } };
  return { value, span: { start, end }, offsets: [...piece.offsets.slice(from, to), end] };
}
