/** What a file looks like around a point: its line break and the indentation in use. */

export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The whitespace that starts the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** One indentation step as the file uses it: a tab, or the smallest space step seen. */
export function indentUnit(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  let min = Infinity;
  for (const m of text.matchAll(/^( +)\S/gm)) min = Math.min(min, m[1].length);
  return ' '.repeat(Number.isFinite(min) && min <= 8 ? min : 2);
}

/** True when only whitespace lies between the line start and `offset`. */
export function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStartOf(text, offset), offset).trim() === '';
}

/** True when only whitespace (or a comment) follows `offset` on its line. */
export function endsLine(text: string, offset: number): boolean {
  const rest = text.slice(offset, lineEndOf(text, offset)).trim();
  return rest === '' || rest.startsWith('#') || rest.startsWith('//');
}
