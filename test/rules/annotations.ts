/**
 * Fixture annotations: where a rule's finding must be, to the character, and how severe.
 *
 * Inline, in any file that has `#` or `//` comments (.tf, .tfvars, .sh, .yml): a comment
 * line whose carets sit under the flagged text of the nearest line above that is not itself
 * an annotation:
 *
 *     actions = ["s3:*"]
 *     #          ^^^^^^ aws-iam-wildcard-action high
 *
 * The carets cover exactly the finding's characters (start inclusive, end exclusive). A
 * run that touches the comment marker (`#^^^`) starts at the marker's column, so a finding
 * at the start of a line is written `#^^^^ ...` under it. Several findings on one line get
 * one annotation line each. A finding that ends on a later line adds `to +N:C`: it ends
 * N lines below, after that line's C-th character (the carets then run to the end of the
 * first line).
 *
 * Sidecar `<file>.expect`, for files that cannot hold comments (JSON policies, templates
 * rendered into JSON, lines inside a heredoc whose text a comment would change): the
 * flagged line quoted after its 1-based number, then caret lines under it:
 *
 *     12 |     "Action": "*",
 *        |               ^^^ aws-iam-wildcard-action high
 *
 * The quoted text must equal the file's line, so a sidecar cannot drift from its file.
 * Lines starting with `#` in a sidecar are comments.
 */

export interface Expected {
  readonly file: string;
  /** Zero-based, like Finding.range. */
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
  readonly ruleId: string;
  readonly severity: string;
  /** Where the annotation is written, for messages: `file:line`. */
  readonly at: string;
}

const SEVERITY = '(critical|high|medium|low)';
const TAIL = new RegExp(`^\\s+([a-z0-9-]+)\\s+${SEVERITY}(?:\\s+to\\s+\\+(\\d+):(\\d+))?\\s*$`);
/** An inline annotation: indentation, comment marker, spaces, carets, then the tail. */
const INLINE = /^(\s*)(#|\/\/)(\s*)(\^+)(.*)$/;
/** The old form, refused so that no fixture expects a finding without its range. */
export const OLD_MARK = /(?:#|\/\/)\s*expect:\s*[a-z0-9-]+/;

export class AnnotationError extends Error {}

function fromCarets(file: string, at: string, target: number, lineText: string, start: number, carets: number, tail: string): Expected {
  const m = TAIL.exec(tail);
  if (!m) throw new AnnotationError(`${at}: after the carets write "<rule-id> <severity>" (optionally "to +N:C"), not ${JSON.stringify(tail.trim())}`);
  const [, ruleId, severity, down, col] = m;
  if (down !== undefined) {
    if (+down < 1) throw new AnnotationError(`${at}: "to +N:C" needs N >= 1`);
    if (start + carets !== lineText.trimEnd().length) throw new AnnotationError(`${at}: a multi-line range's carets run to the end of the flagged line`);
    return { file, at, ruleId, severity, start: { line: target, character: start }, end: { line: target + +down, character: +col } };
  }
  if (start + carets > lineText.length) throw new AnnotationError(`${at}: the carets run past the end of the flagged line`);
  return { file, at, ruleId, severity, start: { line: target, character: start }, end: { line: target, character: start + carets } };
}

/** The annotations written inside a file, and whether each line is one. */
export function inlineAnnotations(file: string, text: string, rel = file): Expected[] {
  const lines = text.split(/\r?\n/);
  const out: Expected[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const at = `${rel}:${i + 1}`;
    if (OLD_MARK.test(line)) throw new AnnotationError(`${at}: "expect:" marks are replaced by caret annotations (test/rules/annotations.ts)`);
    const m = INLINE.exec(line);
    if (!m) {
      target = i;
      return;
    }
    if (target < 0) throw new AnnotationError(`${at}: an annotation needs a flagged line above it`);
    const [, indent, marker, gap, carets, tail] = m;
    const start = gap.length === 0 ? indent.length : indent.length + marker.length + gap.length;
    const length = gap.length === 0 ? marker.length + carets.length : carets.length;
    out.push(fromCarets(file, at, target, lines[target], start, length, tail));
  });
  return out;
}

/** The annotations of a sidecar `<file>.expect` about `file` (whose text is `text`). */
export function sidecarAnnotations(file: string, text: string, sidecar: string, rel = file): Expected[] {
  const lines = text.split(/\r?\n/);
  const out: Expected[] = [];
  let target = -1;
  sidecar.split(/\r?\n/).forEach((line, i) => {
    const at = `${rel}.expect:${i + 1}`;
    if (/^\s*(#|$)/.test(line)) return;
    const quote = /^\s*(\d+) \| ?(.*)$/.exec(line);
    if (quote) {
      target = +quote[1] - 1;
      if (target >= lines.length || lines[target].trimEnd() !== quote[2].trimEnd())
        throw new AnnotationError(`${at}: line ${quote[1]} of ${rel} is ${JSON.stringify(lines[target] ?? '(no such line)')}, not ${JSON.stringify(quote[2])}`);
      return;
    }
    const caret = /^\s*\| ( *)(\^+)(.*)$/.exec(line);
    if (!caret) throw new AnnotationError(`${at}: expected "N | <line text>" or "  | <carets> <rule-id> <severity>"`);
    if (target < 0) throw new AnnotationError(`${at}: carets before any quoted line`);
    out.push(fromCarets(file, at, target, lines[target], caret[1].length, caret[2].length, caret[3]));
  });
  return out;
}

export interface Actual {
  readonly file: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
}

const key = (file: string, ruleId: string, severity: string, r: Actual['range']) =>
  `${file}:${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${ruleId} ${severity}`;

/**
 * Compares findings with annotations. `ownRule`'s findings must be exactly the annotated
 * ones (same range, same severity, as many); an annotation for another rule must be met by
 * a finding of that rule, but that rule's other findings are not this fixture's business.
 * Returns the differences, empty when they agree; `show` turns a file into its name.
 */
export function compare(ownRule: string, expected: readonly Expected[], actual: readonly Actual[], show: (file: string) => string = (f) => f): { missing: string[]; unexpected: string[] } {
  const want = expected.map((e) => key(show(e.file), e.ruleId, e.severity, e));
  const pool = actual.filter((f) => f.ruleId === ownRule || expected.some((e) => e.ruleId === f.ruleId)).map((f) => ({ own: f.ruleId === ownRule, k: key(show(f.file), f.ruleId, f.severity, f.range) }));
  const missing: string[] = [];
  for (const w of want) {
    const i = pool.findIndex((p) => p.k === w);
    if (i >= 0) pool.splice(i, 1);
    else missing.push(w);
  }
  const unexpected = pool.filter((p) => p.own).map((p) => p.k);
  return { missing: missing.sort(), unexpected: unexpected.sort() };
}

/** A range a fixture pins as it should be, which the rule does not give yet. */
export interface KnownWrong {
  readonly expected: string;
  readonly actual: string;
  readonly why: string;
}

/** The differences left once the known-wrong ranges are accepted, and the entries that did not occur. */
export function withoutKnownWrong(diff: { missing: string[]; unexpected: string[] }, known: readonly KnownWrong[]): { missing: string[]; unexpected: string[]; stale: string[] } {
  const missing = [...diff.missing];
  const unexpected = [...diff.unexpected];
  const stale: string[] = [];
  for (const k of known) {
    const i = missing.indexOf(k.expected);
    const j = unexpected.indexOf(k.actual);
    if (i < 0 || j < 0) stale.push(i < 0 ? `${k.expected}: found as annotated, remove it from KNOWN_WRONG` : `${k.expected}: not found as ${k.actual}, KNOWN_WRONG is out of date`);
    else {
      missing.splice(i, 1);
      unexpected.splice(j, 1);
    }
  }
  return { missing, unexpected, stale };
}
