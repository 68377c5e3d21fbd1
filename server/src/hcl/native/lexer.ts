import type { Comment } from '../ast';
import { span } from '../span';

/**
 * Character-level lexing shared by the native parser: identifiers, numbers, whitespace and
 * comments. The parser reads the text directly (no token array): HCL's templates switch
 * the lexical mode inside strings and heredocs, which a scanner over characters follows
 * with no extra state.
 */

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}-]/u;
const SPACE = /\s/;

export function isIdStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  if (Number.isNaN(c)) return false;
  return ID_START.test(String.fromCodePoint(text.codePointAt(i) ?? c));
}

function idContinueWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45) return 1;
    return c === 58 && text.charCodeAt(i + 1) === 58 ? 2 : 0; // `provider::x::f`
  }
  if (Number.isNaN(c)) return 0;
  const cp = text.codePointAt(i) ?? c;
  return ID_CONTINUE.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/** End of the identifier starting at `i` (which must satisfy isIdStart). */
export function identEnd(text: string, i: number): number {
  const cp = text.codePointAt(i) ?? 0;
  let j = i + (cp > 0xffff ? 2 : 1);
  for (let w = idContinueWidth(text, j); w > 0; w = idContinueWidth(text, j)) j += w;
  return j;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** End of the number literal starting at `i` (a digit): `12`, `1.5`, `1.5e-3`, `1e3`. */
export function numberEnd(text: string, i: number): number {
  let j = i;
  while (isDigit(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    j++;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 101 || e === 69) {
    let k = j + 1;
    const s = text.charCodeAt(k);
    if (s === 43 || s === 45) k++;
    if (isDigit(text.charCodeAt(k))) {
      while (isDigit(text.charCodeAt(k))) k++;
      j = k;
    }
  }
  return j;
}

/** Whitespace other than a line feed. */
export function isBlank(c: number): boolean {
  if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) return true;
  return c > 127 && SPACE.test(String.fromCharCode(c));
}

function commentText(raw: string): string {
  if (raw.startsWith('/*')) return raw.slice(2, raw.endsWith('*/') ? -2 : undefined).trim();
  if (raw.startsWith('//')) return raw.slice(2).trim();
  return raw.slice(1).trim();
}

/** Comments in source order, each recorded once even when the parser looks ahead over it twice. */
export class CommentSink {
  readonly comments: Comment[] = [];
  private high = -1;
  constructor(private readonly text: string) {}

  add(start: number, end: number): void {
    if (start <= this.high) return;
    this.high = start;
    this.comments.push({ span: span(start, end), text: commentText(this.text.slice(start, end)) });
  }
}

/**
 * If a comment starts at `i`, records it and returns its end; else returns -1. Line
 * comments stop before the line feed; an unterminated block comment runs to the end.
 */
export function comment(text: string, i: number, sink: CommentSink): number {
  const c = text.charCodeAt(i);
  let end = -1;
  if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
    end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
  } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
    const close = text.indexOf('*/', i + 2);
    end = close < 0 ? text.length : close + 2;
  }
  if (end >= 0) sink.add(i, end);
  return end;
}
