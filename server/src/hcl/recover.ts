import type { Node, Parser, Tree } from 'web-tree-sitter';

/**
 * Error recovery for half-typed files. tree-sitter recovers locally, but one unfinished
 * line (`acl =`, an unterminated string, an unclosed `{`) often makes it swallow the
 * blocks that follow. We find the lines to blank (replaced by spaces, so every offset
 * stays the same) and parse the repaired text: every block and attribute that did parse
 * keeps its exact range, and only the broken lines are lost.
 *
 * The file is cut into top-level chunks at lines that open a block in column 0 (the
 * `terraform fmt` layout); only chunks that do not parse alone are repaired, by trying
 * to blank one line at a time, most suspicious lines first; a heredoc whose closing
 * marker is not typed yet is closed at the end of its opener's line first (closeHeredoc).
 */
const MAX_TRIALS_PER_CHUNK = 40;
const MAX_BLANKED_PER_CHUNK = 3;
const TOP_LEVEL_BLOCK = /^[A-Za-z_][\w-]*(\s+("[^"\n]*"|[A-Za-z_][\w-]*))*\s*\{/;

export function repairText(parser: Parser, text: string, focus?: { start: number; end: number }): string {
  const lines = splitLines(text);
  const chunks: [number, number][] = [];
  let start = 0;
  lines.forEach((l, i) => {
    if (i > start && TOP_LEVEL_BLOCK.test(l.text)) {
      chunks.push([start, i]);
      start = i;
    }
  });
  chunks.push([start, lines.length]);
  const blanked = new Set<number>();
  // While typing, the half-typed line is in the chunk being edited: try that chunk alone
  // first (the caller verifies the result parses, and asks again without focus if not).
  const focused = focus ? chunksAround(lines, chunks, focus) : chunks;
  const edited = focus ? linesAround(lines, focus) : [];
  for (const [from, to] of focused) {
    const chunkLines = lines.slice(from, to);
    // The line being typed is the likeliest culprit: tried first, it usually repairs the
    // chunk with one parse instead of dozens (a 180-line policy document costs ~8 ms a parse).
    const first = edited.filter((i) => i >= from && i < to).map((i) => i - from);
    const repaired = repairChunk(parser, chunkLines.map((l) => l.text + l.eol), first);
    for (const i of repaired) blanked.add(from + i);
  }
  return lines.map((l, i) => (blanked.has(i) ? l.text.replace(/[^]/g, ' ') : l.text) + l.eol).join('');
}

function chunksAround(lines: { text: string; eol: string }[], chunks: [number, number][], focus: { start: number; end: number }): [number, number][] {
  const starts: number[] = [];
  let o = 0;
  for (const l of lines) {
    starts.push(o);
    o += l.text.length + l.eol.length;
  }
  return chunks.filter(([from, to]) => {
    const a = starts[from];
    const b = to < starts.length ? starts[to] : o;
    return a <= focus.end && focus.start <= b;
  });
}

/** Indices of the lines an edit's range touches. */
function linesAround(lines: { text: string; eol: string }[], focus: { start: number; end: number }): number[] {
  const out: number[] = [];
  let o = 0;
  lines.forEach((l, i) => {
    const end = o + l.text.length + l.eol.length;
    if (o <= focus.end && focus.start < end) out.push(i);
    o = end;
  });
  return out;
}

/**
 * Repairs by chunk text: while typing, every chunk but the edited one is unchanged, and a
 * file with a broken chunk elsewhere would otherwise re-parse all of them on each keystroke.
 */
const repairs = new Map<string, number[]>();
const MAX_REMEMBERED = 4096;

/** Indices (within the chunk) of the lines to blank so that the chunk parses. */
function repairChunk(parser: Parser, lines: string[], first: readonly number[] = []): number[] {
  const key = lines.join('');
  const known = repairs.get(key);
  if (known) return known;
  const result = computeRepair(parser, lines, first);
  if (repairs.size >= MAX_REMEMBERED) repairs.clear();
  repairs.set(key, result);
  return result;
}

function computeRepair(parser: Parser, lines: string[], typed: readonly number[]): number[] {
  const first = parseErrors(parser, lines.join(''));
  if (first.clean) return [];
  const heredoc = closeHeredoc(parser, lines);
  if (heredoc) return heredoc;
  const { chosen, errors } = blankLines(parser, lines, first, MAX_BLANKED_PER_CHUNK, typed);
  // A chunk that cannot be repaired keeps its text: the converter still reads what it can.
  return errors.clean || errors.count < first.count ? chosen : [];
}

/** Blanks up to MAX_BLANKED_PER_CHUNK lines, each the one that removes the most errors. */
function blankLines(
  parser: Parser,
  lines: readonly string[],
  first: ChunkErrors,
  most = MAX_BLANKED_PER_CHUNK,
  typed: readonly number[] = [],
): { chosen: number[]; errors: ChunkErrors } {
  const chosen: number[] = [];
  const current = [...lines];
  let errors = first;
  let trials = 0;
  for (let round = 0; round < most && !errors.clean; round++) {
    let best: { line: number; result: ChunkErrors } | undefined;
    for (const line of candidates(current, errors, round === 0 ? typed : [])) {
      if (trials++ >= MAX_TRIALS_PER_CHUNK) break;
      const trial = [...current];
      trial[line] = blank(trial[line]);
      const result = parseErrors(parser, trial.join(''));
      if (result.clean) {
        best = { line, result };
        break;
      }
      if (result.count < (best?.result.count ?? errors.count)) best = { line, result };
    }
    if (!best) break;
    chosen.push(best.line);
    current[best.line] = blank(current[best.line]);
    errors = best.result;
  }
  return { chosen, errors };
}

/**
 * A heredoc opener ending its line where an HCL value goes (`user_data = <<-EOT`, `f(<<EOT`,
 * `[<<EOT`): the marker it waits for. Not a shell `cat > f <<EOF` inside a heredoc's text,
 * not a comment.
 */
const HEREDOC_OPENER = /(?:^|[=([,:?])[ \t]*<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n?$/;
const COMMENT_LINE = /^[ \t]*(?:#|\/\/|\/\*)/;

/**
 * A heredoc whose closing marker is not typed yet reads everything after it as its text,
 * so every attribute and block behind it is lost, and its error is reported only at the
 * end. Like an unterminated string, it is closed where its line ends: the opener line and
 * the fewest lines after it (the heredoc text typed so far) are blanked so that the chunk
 * parses; the attributes after them and the blocks after the chunk (cut at the next block
 * header in column 0) read as they did. When another line of the chunk is broken too, the
 * heredoc is closed after each of its first few lines in turn and the general repair
 * blanks the rest. Undefined when neither makes the chunk clean: the general repair then
 * tries line by line on its own.
 */
function closeHeredoc(parser: Parser, lines: string[]): number[] | undefined {
  let trials = 0;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, n) => from + n);
  for (let i = 0; i < lines.length; i++) {
    const marker = COMMENT_LINE.test(lines[i]) ? undefined : HEREDOC_OPENER.exec(lines[i])?.[1];
    if (!marker) continue;
    const closing = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?\\n?$`);
    if (lines.slice(i + 1).some((l) => closing.test(l))) continue;
    const trial = [...lines];
    const closed: { k: number; lines: string[]; errors: ChunkErrors }[] = [];
    let whole: number[] | undefined;
    for (let k = i; k < lines.length && trials++ < MAX_TRIALS_PER_CHUNK; k++) {
      trial[k] = blank(trial[k]);
      const errors = parseErrors(parser, trial.join(''));
      if (errors.clean) {
        whole = range(i, k);
        break;
      }
      if (k - i < MAX_HEREDOC_GUESSES) closed.push({ k, lines: [...trial], errors });
    }
    // Blanking three lines or more may have eaten an attribute after the heredoc's text
    // because another line is broken: a shorter text and that line blanked keep more.
    if (whole && whole.length < 3) return whole;
    for (const c of closed) {
      const most = Math.min(MAX_BLANKED_PER_CHUNK, (whole?.length ?? Infinity) - (c.k - i + 1) - 1);
      if (most < 1) break;
      const rest = blankLines(parser, c.lines, c.errors, most);
      if (rest.errors.clean) return [...range(i, c.k), ...rest.chosen];
    }
    if (whole) return whole;
  }
  return undefined;
}

/** With another broken line in the chunk, heredoc texts of up to this many lines are tried. */
const MAX_HEREDOC_GUESSES = 4;

interface ChunkErrors {
  readonly clean: boolean;
  readonly count: number;
  /** Line indices where errors start, or where the text before a missing token ends. */
  readonly lines: number[];
}

function parseErrors(parser: Parser, text: string): ChunkErrors {
  const tree: Tree | null = parser.parse(text);
  if (!tree) return { clean: false, count: Infinity, lines: [] };
  try {
    if (!tree.rootNode.hasError) return { clean: true, count: 0, lines: [] };
    const lines: number[] = [];
    let count = 0;
    // An explicit stack, not recursion: error trees can be thousands of levels deep.
    const stack: Node[] = [tree.rootNode];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'ERROR') {
        count++;
        lines.push(n.startPosition.row);
      } else if (n.isMissing) {
        count++;
        lines.push(rowOfPreviousNonSpace(text, n.startIndex));
      }
      if (!n.hasError) continue;
      for (const c of n.children) if (c) stack.push(c);
    }
    return { clean: false, count, lines };
  } finally {
    tree.delete();
  }
}

/** Lines most likely to be the half-typed one come first. */
function candidates(lines: string[], errors: ChunkErrors, first: readonly number[]): number[] {
  const out: number[] = [];
  const add = (i: number): void => {
    if (i >= 0 && i < lines.length && lines[i].trim() !== '' && !out.includes(i)) out.push(i);
  };
  for (const l of first) add(l);
  for (const l of errors.lines) add(l);
  for (const l of errors.lines) add(l - 1);
  // Lines that leave something open: `x =`, `x = [`, `x = {`, an odd number of quotes.
  lines.forEach((l, i) => {
    const t = l.replace(/\s+$/, '');
    if (/=\s*$/.test(t) || /[[{(,]$/.test(t) || (t.match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1) add(i);
  });
  lines.forEach((_, i) => add(i));
  return out;
}

function rowOfPreviousNonSpace(text: string, offset: number): number {
  let i = Math.min(offset, text.length) - 1;
  while (i > 0 && /\s/.test(text[i])) i--;
  let row = 0;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) row++;
  return row;
}

function blank(line: string): string {
  return line.replace(/[^\r\n]/g, ' ');
}

function splitLines(text: string): { text: string; eol: string }[] {
  const out: { text: string; eol: string }[] = [];
  const re = /\r\n|\n|\r/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(last, m.index), eol: m[0] });
    last = m.index + m[0].length;
  }
  out.push({ text: text.slice(last), eol: '' });
  return out;
}
