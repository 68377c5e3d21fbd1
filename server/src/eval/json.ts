import { type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ObjectEntry, Origin, Value } from './value';
import { substringOrigin, unknown } from './value';

type StringValue = Extract<Value, { kind: 'string' }>;

export interface JsonParseResult {
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
  const root = parseTree(s.value, errors, { allowTrailingComma: true, disallowComments: false });
  const mapped = errors.map((e) => ({
    message: `Invalid JSON: ${printParseErrorCode(e.error)}`,
    origin: substringOrigin(s, e.offset, e.offset + Math.max(1, e.length)),
  }));
  if (!root) return { value: unknown('not JSON', s.origin), errors: mapped };
  return { value: convert(root, s), errors: mapped };
}

function convert(n: JsonNode, s: StringValue): Value {
  const origin = substringOrigin(s, n.offset, n.offset + n.length);
  switch (n.type) {
    case 'string':
      return { kind: 'string', value: String(n.value), known: s.known || !n.value.includes('${'), origin: stringOrigin(n, s) };
    case 'number':
      return { kind: 'number', value: Number(n.value), origin };
    case 'boolean':
      return { kind: 'bool', value: Boolean(n.value), origin };
    case 'null':
      return { kind: 'null', origin };
    case 'array':
      return { kind: 'list', items: (n.children ?? []).map((c) => convert(c, s)), origin };
    case 'object': {
      const entries: ObjectEntry[] = [];
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        const entry: ObjectEntry = {
          key: String(k.value),
          keyOrigin: substringOrigin(s, k.offset, k.offset + k.length),
          value: v ? convert(v, s) : unknown('missing value', substringOrigin(s, prop.offset, prop.offset + prop.length)),
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
