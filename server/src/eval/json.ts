import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ObjectEntry, Origin, Value } from './value';
import { substringOrigin as charsOrigin, unknown } from './value';

type StringValue = Extract<Value, { kind: 'string' }>;

interface JsonParseResult {
  readonly value: Value;
  /** Syntax errors, with origins pointing into the source. Empty when the JSON is valid. */
  readonly errors: readonly { message: string; origin: Origin }[];
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
  const root = parseTree(holes.size ? holes.text : s.value, errors, { allowTrailingComma: true, disallowComments: false });
  const mapped = errors.map((e) => ({
    message: `Invalid JSON: ${printParseErrorCode(e.error)}`,
    origin: substringOrigin(s, e.offset, e.offset + Math.max(1, e.length)),
  }));
  if (!root) return { value: unknown('not JSON', s.origin), errors: mapped };
  return { value: convert(root, s, holes), errors: mapped };
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
  const map = s.origin.offsets;
  if (!map || map.length !== s.value.length + 1 || to <= from || to > s.value.length || s.value[to - 1] === '\n') return o;
  const gap = map[to] - map[to - 1];
  return gap >= 2 && gap <= MAX_ESCAPE_WIDTH && o.span.end === map[to - 1] + 1 ? { ...o, span: { start: o.span.start, end: map[to] } } : o;
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
  const base = s.origin.offsets;
  const toSource = (i: number): number =>
    base && base.length === s.value.length + 1 ? base[Math.min(i, base.length - 1)] : s.origin.span.start + i;
  const linear = s.origin.span.end - s.origin.span.start === s.value.length || !!base;
  if (!linear) return whole;
  return { file: s.origin.file, span: whole.span, offsets: local.map(toSource) };
}
