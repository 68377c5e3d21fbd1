/** What a file looks like around a point: its line break and the indentation in use. */

export function lineBreakOf(text: string): string {
  // The first line break tells the file's convention; no need to scan the whole text.
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

// Lines as HCL counts them: ended by "\n" or "\r\n". A lone "\r" is not a line break for
// HashiCorp's parser (it stays inside a `#` comment), so an edit must not treat it as one.
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) i++;
  return i;
}

/** The whitespace that starts the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

// Fixes are built for every finding of a file: remember the last file's answer so a
// module with thousands of findings does not rescan its text for each.
let unitCache: { text: string; unit: string } | undefined;

/** One indentation step as the file uses it: a tab, or the smallest space step seen. */
export function indentUnit(text: string): string {
  if (unitCache?.text === text) return unitCache.unit;
  let unit: string;
  if (/^\t/m.test(text)) unit = '\t';
  else {
    let min = Infinity;
    for (const m of text.matchAll(/^( +)\S/gm)) min = Math.min(min, m[1].length);
    unit = ' '.repeat(Number.isFinite(min) && min <= 8 ? min : 2);
  }
  unitCache = { text, unit };
  return unit;
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

/**
 * Builders write blocks with two-space steps; this re-indents them under `indent`, with
 * the file's own step (`unit`), one string per line.
 */
export function reindent(text: string, indent: string, unit: string): string[] {
  return text
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
    .map((l) => {
      if (!l.trim()) return '';
      const lead = /^ */.exec(l)![0].length;
      return indent + unit.repeat(Math.floor(lead / 2)) + l.slice(lead);
    });
}
