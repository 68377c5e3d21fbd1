import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { LineIndex } from '../hcl/span';
import type { ObjectEntry, Origin, Value } from './value';
import { charOffsets, substringOrigin as charsOrigin, unknown } from './value';

type StringValue = Extract<Value, { kind: 'string' }>;

/** A syntax error of JSON text, as jsonc-parser reports it, for rules that report it. */
export interface JsonSyntax {
  /** jsonc-parser's code (`InvalidSymbol`, `CommaExpected`, `CloseBraceExpected`...), or `TrailingComma` (see trailingComma). */
  readonly code: string;
  /** The characters it is about; empty where something is missing at the end of the text. */
  readonly text: string;
  /**
   * The 0-based line of the JSON text it starts on. jsonc-parser reports every token it
   * skips while recovering, so one mistake (`# a comment`, an unquoted word) may give
   * several errors on one line.
   */
  readonly line: number;
  /**
   * False for every error of a text where one lies at a part not known statically (a
   * `${...}` or a template directive the evaluator could not render, read as `null`): that
   * part may render as properties, several items or nothing, so the rendered text may be
   * valid JSON.
   */
  readonly certain: boolean;
}

/**
 * As AWS reads a policy: a trailing comma or a `//` / block comment is an error (jsonc-parser
 * still reads past it, as past any error, so a half-typed policy yields what parsed).
 */
const JSON_OPTIONS = { allowTrailingComma: false, disallowComments: true } as const;

interface JsonParseResult {
  readonly value: Value;
  /** Syntax errors, with origins pointing into the source. Empty when the JSON is valid. */
  readonly errors: readonly { message: string; origin: Origin; syntax: JsonSyntax }[];
}

/**
 * Parses the JSON text held by a string value (a heredoc policy, a `file()` policy, a
 * quoted JSON string) into a Value whose every node points at its characters in the
 * source, through the string's offset map. Tolerant (jsonc-parser): a half-typed policy
 * still yields what parsed.
 */
export function parseJsonString(s: StringValue): JsonParseResult {
  const errors: ParseError[] = [];
  const holes = s.known ? NO_HOLES : valueHoles(s.value);
  const text = holes.size ? holes.text : s.value;
  const root = parseTree(text, errors, JSON_OPTIONS);
  const mapped = syntaxErrors(text, errors, holes).map((e) => ({
    message: `Invalid JSON: ${e.syntax.code}`,
    origin: substringOrigin(s, e.from, e.to),
    syntax: e.syntax,
  }));
  if (!root) return { value: unknown('not JSON', s.origin), errors: mapped };
  return { value: convert(root, s, holes), errors: mapped };
}

/**
 * jsonc-parser's errors with the characters each is about (at least one). A `#` (an HCL
 * habit; JSON has no comments) is one error, the `#`: jsonc-parser also reports each word
 * after it and may skip the next line's property while recovering, so the errors after
 * the first `#` come from the text parsed again with its `#` comments blanked out (same
 * offsets; the value read stays the first parse's). Something missing at the end of the
 * text (an object or list not closed) is placed on the text's last character rather than
 * after it: after a heredoc's last line lies its closing marker.
 */
function syntaxErrors(text: string, found: readonly ParseError[], holes: Holes): { from: number; to: number; syntax: JsonSyntax }[] {
  if (!found.length) return [];
  const errors = withoutCommentCascades(text, found);
  const last = text.trimEnd().length - 1;
  const certain = !errors.some((e) => atHole(text, e, holes));
  const lines = new LineIndex(text);
  const lineAt = (offset: number) => lines.position(offset).line;
  return errors.map((e) => {
    const comma = trailingComma(text, e);
    if (comma !== undefined) return { from: comma, to: comma + 1, syntax: { code: 'TrailingComma', text: text[e.offset], line: lineAt(comma), certain } };
    const atEnd = last >= 0 && e.offset > last;
    const from = atEnd ? last : e.offset;
    const to = atEnd ? last + 1 : e.offset + Math.max(1, e.length);
    return { from, to, syntax: { code: printParseErrorCode(e.error), text: text.slice(e.offset, e.offset + e.length), line: lineAt(from), certain } };
  });
}

/**
 * Where the comma is when an error is a closing bracket right after one (`"*", }`): JSON has
 * no trailing comma, jsonc-parser reports the bracket as a missing name or value. The error is
 * placed on the comma, and its text is the bracket (code `TrailingComma`).
 */
function trailingComma(text: string, e: ParseError): number | undefined {
  const code = printParseErrorCode(e.error);
  if ((code !== 'PropertyNameExpected' && code !== 'ValueExpected') || (text[e.offset] !== '}' && text[e.offset] !== ']')) return undefined;
  let i = e.offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : undefined;
}

function withoutCommentCascades(text: string, errors: readonly ParseError[]): readonly ParseError[] {
  const first = errors.find((e) => isHashComment(text, e));
  if (!first) return errors;
  let blanked = '';
  let copied = 0;
  const comments: ParseError[] = [];
  for (const e of errors) {
    if (!isHashComment(text, e) || e.offset < copied) continue;
    comments.push(e);
    const eol = text.indexOf('\n', e.offset);
    const end = eol < 0 ? text.length : eol;
    blanked += text.slice(copied, e.offset) + ' '.repeat(end - e.offset);
    copied = end;
  }
  blanked += text.slice(copied);
  const again: ParseError[] = [];
  parseTree(blanked, again, JSON_OPTIONS);
  return [...errors.filter((e) => e.offset < first.offset), ...comments, ...again.filter((e) => e.offset >= first.offset)].sort((a, b) => a.offset - b.offset);
}

function isHashComment(text: string, e: ParseError): boolean {
  return text[e.offset] === '#' && printParseErrorCode(e.error) === 'InvalidSymbol';
}

/** Whether an error is on a part not known statically, or on the token right after one. */
function atHole(text: string, e: ParseError, holes: Holes): boolean {
  const end = e.offset + Math.max(1, e.length);
  for (const [start, hole] of holes.at) {
    const holeEnd = start + hole.length;
    if (e.offset < holeEnd && end > start) return true;
    if (e.offset >= holeEnd && onlySpaceBetween(text, holeEnd, e.offset)) return true;
  }
  return false;
}

function onlySpaceBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!/\s/.test(text[i])) return false;
  return true;
}

/**
 * The parts of a partly known string (a heredoc or template with `${...}` the evaluator
 * could not resolve, kept as `${ref}` or `${…}` in the text) that stand where a JSON value
 * goes, e.g. `"Resource": ${jsonencode(var.arns)}`. Each is replaced, for the parser only,
 * by `null` padded to the same length, so offsets stay those of the string; the converter
 * turns these nulls back into unknown values. Parts inside JSON strings stay as they are:
 * such a string is read as a string with unknown parts (`arn:aws:iam::${var.a}:root`).
 */
interface Holes {
  readonly size: number;
  readonly text: string;
  /** Offset of each value-position hole → the hole's text. */
  readonly at: ReadonlyMap<number, string>;
}

const NO_HOLES: Holes = { size: 0, text: '', at: new Map() };

function valueHoles(value: string): Holes {
  const at = new Map<number, string>();
  let text = '';
  let inString = false;
  let copied = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c !== '$' || value[i + 1] !== '{') continue;
    const end = value.indexOf('}', i + 2);
    if (end < 0) break;
    const hole = value.slice(i, end + 1);
    text += value.slice(copied, i) + 'null' + ' '.repeat(hole.length - 4);
    copied = end + 1;
    at.set(i, hole);
    i = end;
  }
  if (!at.size) return NO_HOLES;
  return { size: at.size, text: text + value.slice(copied), at };
}

/**
 * The origin of characters `from`..`to` of the string. The string's offset map gives where
 * each decoded character starts in the source; a token's end is where its last character
 * ends, which is further than one past its start when that character was written as an
 * escape (`\"` closing a JSON string inside a quoted HCL string, `\u0022`). The next
 * character's start is that end, except after a newline (a `<<-` heredoc's stripped
 * indentation lies between them), so it is used when the gap is an escape's width.
 */
function substringOrigin(s: StringValue, from: number, to: number): Origin {
  const o = charsOrigin(s, from, to);
  const map = charOffsets(s);
  if (!map || to <= from || to > s.value.length || s.value[to - 1] === '\n') return o;
  const gap = map(to) - map(to - 1);
  return gap >= 2 && gap <= MAX_ESCAPE_WIDTH && o.span.end === map(to - 1) + 1 ? { ...o, span: { start: o.span.start, end: map(to) } } : o;
}

/** `\UXXXXXXXX`, the longest escape of an HCL quoted string. */
const MAX_ESCAPE_WIDTH = 10;

/** JSON nested deeper than this reads as unknown there: no policy nests more than a few levels. */
const MAX_JSON_DEPTH = 64;

function convert(n: JsonNode, s: StringValue, holes: Holes, depth = 0): Value {
  const origin = substringOrigin(s, n.offset, n.offset + n.length);
  if (depth > MAX_JSON_DEPTH) return unknown(`JSON nested more than ${MAX_JSON_DEPTH} deep is not read`, origin);
  switch (n.type) {
    case 'string':
      return { kind: 'string', value: String(n.value), known: s.known || !n.value.includes('${'), origin: stringOrigin(n, s) };
    case 'number':
      return { kind: 'number', value: Number(n.value), origin };
    case 'boolean':
      return { kind: 'bool', value: Boolean(n.value), origin };
    case 'null': {
      const hole = holes.at.get(n.offset);
      if (hole === undefined) return { kind: 'null', origin };
      const ref = /^\$\{([A-Za-z_][\w.-]*)\}$/.exec(hole)?.[1];
      return unknown(`${hole} is not known statically`, substringOrigin(s, n.offset, n.offset + hole.length), ref);
    }
    case 'array':
      return { kind: 'list', items: (n.children ?? []).map((c) => convert(c, s, holes, depth + 1)), origin };
    case 'object': {
      const entries: ObjectEntry[] = [];
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        const entry: ObjectEntry = {
          key: String(k.value),
          keyOrigin: substringOrigin(s, k.offset, k.offset + k.length),
          value: v ? convert(v, s, holes, depth + 1) : unknown('missing value', substringOrigin(s, prop.offset, prop.offset + prop.length)),
        };
        const at = entries.findIndex((e) => e.key === entry.key);
        if (at >= 0) entries.splice(at, 1);
        entries.push(entry);
      }
      return { kind: 'object', entries, origin };
    }
    default:
      return unknown('unexpected JSON node', origin);
  }
}

/**
 * A JSON string literal's origin spans its quotes; its per-character offsets go through
 * JSON escapes (`\"`, `\u0041`) and then through the HCL string's own offset map.
 */
function stringOrigin(n: JsonNode, s: StringValue): Origin {
  const whole = substringOrigin(s, n.offset, n.offset + n.length);
  const raw = s.value.slice(n.offset + 1, n.offset + n.length - 1);
  const local: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const at = n.offset + 1 + i;
    if (raw[i] === '\\') {
      const width = raw[i + 1] === 'u' ? 6 : 2;
      local.push(at);
      i += width;
    } else {
      local.push(at);
      i++;
    }
  }
  local.push(n.offset + n.length - 1);
  const base = charOffsets(s);
  const toSource = (i: number): number => (base ? base(Math.min(i, s.value.length)) : s.origin.span.start + i);
  const linear = s.origin.span.end - s.origin.span.start === s.value.length || !!base;
  if (!linear) return whole;
  return { file: s.origin.file, span: whole.span, offsets: local.map(toSource) };
}
