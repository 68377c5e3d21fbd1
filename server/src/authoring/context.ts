/**
 * Where in a policy an offset lies, read from the text alone (so it works on a half-typed
 * line that does not parse yet), in every written form: JSON (a .json file, a heredoc), JSON
 * inside a quoted HCL string (`\"Action\"`), HCL objects (`jsonencode`) and
 * `aws_iam_policy_document` blocks. Scans backwards from the offset over strings, balanced
 * brackets and entries to the key the string belongs to; loops, no recursion.
 */
type Slot =
  | { readonly kind: 'action'; readonly field: 'Action' | 'NotAction' }
  | { readonly kind: 'operator' }
  | { readonly kind: 'condition-key'; readonly operator?: string };

interface Token {
  /** The name's characters around the offset (no quotes). */
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** `"` before the name (`\"` when `escaped`); false for a bare HCL key. */
  readonly quoted: boolean;
  /** JSON inside a quoted HCL string: its quotes are written `\"`. */
  readonly escaped: boolean;
  /** The closing quote follows the name. */
  readonly closed: boolean;
}

export interface PolicyContext {
  readonly slot: Slot;
  readonly token: Token;
  /** Service prefixes named by the strings of the enclosing statement (for condition keys). */
  readonly services: readonly string[];
  /** The form of the text around the token: HCL (jsonencode, policy documents) or JSON. */
  readonly syntax: 'hcl' | 'json';
  /** The string is an item of a list (`["a", "b"]`), not the key's only value. */
  readonly inList: boolean;
  /** The statement's Effect when written literally (`Allow` when a policy document omits it). */
  readonly effect?: string;
}

const NAME = /[A-Za-z0-9_:*?.\-/@]/;
const IDENT = /[A-Za-z0-9_-]/;

function tokenAt(text: string, offset: number): Token | undefined {
  let start = offset;
  while (start > 0 && NAME.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && NAME.test(text[end])) end++;
  const quoted = text[start - 1] === '"';
  const escaped = quoted && text[start - 2] === '\\';
  const closed = quoted && (escaped ? text.startsWith('\\"', end) : text[end] === '"');
  return { start, end, value: text.slice(start, end), quoted, escaped, closed };
}

interface Scanner {
  readonly text: string;
  readonly escaped: boolean;
}

/** The start of the string whose closing quote is at `i` (the quote's first character). */
function stringStart(s: Scanner, i: number): number {
  const { text } = s;
  if (s.escaped) {
    // `\"...\"`: the closing `\"` starts at i - 1.
    for (let j = i - 2; j > 0; j--) if (text[j] === '"' && text[j - 1] === '\\' && text[j - 2] !== '\\') return j - 1;
    return -1;
  }
  for (let j = i - 1; j >= 0; j--) {
    if (text[j] === '\n') return -1;
    if (text[j] === '"' && text[j - 1] !== '\\') return j;
  }
  return -1;
}

function isSpace(s: Scanner, i: number): number {
  const c = s.text[i];
  if (c === ' ' || c === '\t' || c === '\n' || c === '\r') return 1;
  // `\n` written inside a quoted HCL string of JSON.
  if (s.escaped && /[nrt]/.test(c) && s.text[i - 1] === '\\') return 2;
  return 0;
}

/** Skips a closed string or bracket group ending at `i`; returns the index before it, or -1. */
function skipBack(s: Scanner, i: number): number {
  const { text } = s;
  let depth = 0;
  for (;;) {
    if (i < 0) return -1;
    const c = text[i];
    if (c === '"') {
      if (s.escaped && text[i - 1] !== '\\') return -1; // left the HCL string
      const st = stringStart(s, i);
      if (st < 0) return -1;
      i = st - 1;
    } else if (c === ']' || c === '}' || c === ')') {
      depth++;
      i--;
    } else if (c === '[' || c === '{' || c === '(') {
      depth--;
      i--;
    } else i--;
    if (depth <= 0) return i;
  }
}

type Parent = ({ kind: 'value'; key: string; keyStart: number } | { kind: 'list'; key: string; open: number } | { kind: 'object'; key: string | undefined; open: number }) & {
  /** How the key is assigned: `=` in HCL, `:` in JSON. */
  readonly sep?: string;
};

/** The key before `i` (the index of its `:` or `=`, or the character before it). */
function keyBefore(s: Scanner, i: number): { key: string; start: number; sep: string } | undefined {
  const { text } = s;
  let j = i;
  while (j >= 0 && isSpace(s, j)) j -= isSpace(s, j);
  if (text[j] !== ':' && text[j] !== '=') return undefined;
  if (text[j] === '=' && /[=!<>]/.test(text[j - 1] ?? '')) return undefined;
  const sep = text[j];
  j--;
  while (j >= 0 && isSpace(s, j)) j -= isSpace(s, j);
  if (text[j] === '"') {
    const st = stringStart(s, j);
    if (st < 0) return undefined;
    return { key: text.slice(st + (s.escaped ? 2 : 1), s.escaped ? j - 1 : j), start: st, sep };
  }
  let k = j;
  while (k >= 0 && IDENT.test(text[k])) k--;
  return k < j ? { key: text.slice(k + 1, j + 1), start: k + 1, sep } : undefined;
}

/** What the value or key starting just after `i` belongs to. */
function parentOf(s: Scanner, from: number): Parent | undefined {
  const { text } = s;
  let i = from;
  let sawEntry = false;
  while (i >= 0) {
    const sp = isSpace(s, i);
    if (sp) {
      i -= sp;
      continue;
    }
    const c = text[i];
    if (c === ',') {
      sawEntry = true;
      i--;
    } else if (c === '"' || c === ']' || c === '}' || c === ')') {
      if (c === '"' && s.escaped && text[i - 1] !== '\\') return undefined;
      i = skipBack(s, i);
      if (i < -1) return undefined;
      sawEntry = true;
    } else if (c === ':' || c === '=') {
      if (!sawEntry) {
        const k = keyBefore(s, i);
        return k ? { kind: 'value', key: k.key, keyStart: k.start, sep: k.sep } : undefined;
      }
      i--;
    } else if (c === '[') {
      const k = keyBefore(s, i - 1);
      return { kind: 'list', key: k?.key ?? '', open: i, sep: k?.sep };
    } else if (c === '{') {
      const k = keyBefore(s, i - 1);
      return { kind: 'object', key: k?.key, open: i, sep: k?.sep };
    } else if (IDENT.test(c) || c === '.' || c === '*') {
      while (i >= 0 && (IDENT.test(text[i]) || text[i] === '.' || text[i] === '*')) i--;
      sawEntry = true;
    } else if (c === '\\' && s.escaped) {
      i--;
    } else return undefined;
    if (i < 0) return undefined;
  }
  return undefined;
}

/** The enclosing bracket of position `from` (the index of its `{` or `[`). */
function enclosingOpen(s: Scanner, from: number): number {
  let i = from;
  while (i >= 0) {
    const c = s.text[i];
    if (c === '"' || c === ']' || c === '}' || c === ')') {
      if (c === '"' && s.escaped && s.text[i - 1] !== '\\') return -1;
      i = skipBack(s, i);
      if (i < -1) return -1;
    } else if (c === '{' || c === '[') return i;
    else i--;
  }
  return -1;
}

/** The end of the group opened at `open` (after its closing bracket), or the text's end. */
function groupEnd(s: Scanner, open: number): number {
  const { text } = s;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && (!s.escaped || text[i - 1] === '\\')) {
      // skip a string forwards
      for (i++; i < text.length; i++) {
        if (s.escaped ? text[i] === '"' && text[i - 1] === '\\' && text[i - 2] !== '\\' : text[i] === '"' && text[i - 1] !== '\\') break;
        if (!s.escaped && text[i] === '\n') break;
      }
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** The words before a block's `{` on its line: `statement`, `dynamic "statement"`, `condition`. */
function blockHeader(text: string, open: number): string {
  const lineStart = text.lastIndexOf('\n', open - 1) + 1;
  return text.slice(lineStart, open).trim().replace(/"/g, '');
}

const ACTION_KEYS: Record<string, 'Action' | 'NotAction'> = { Action: 'Action', NotAction: 'NotAction', actions: 'Action', not_actions: 'NotAction' };

/** The policy slot at `offset`, or undefined when the offset is not in one. */
export function contextAt(text: string, offset: number): PolicyContext | undefined {
  const token = tokenAt(text, offset);
  if (!token) return undefined;
  const s: Scanner = { text, escaped: token.escaped };
  const before = token.quoted ? token.start - (token.escaped ? 3 : 2) : token.start - 1;
  const parent = parentOf(s, before);
  if (!parent) return undefined;
  const syntaxOf = (p: Parent): 'hcl' | 'json' => (token.escaped ? 'json' : p.sep === '=' || (p.sep === undefined && p.kind === 'object') ? 'hcl' : 'json');
  const done = (slot: Slot, p: Parent): PolicyContext => {
    const effect = slot.kind === 'action' ? statementEffect(s, token.start, syntaxOf(p)) : undefined;
    return {
      slot,
      token,
      services: slot.kind === 'condition-key' ? statementServices(s, token.start) : [],
      syntax: syntaxOf(p),
      inList: p.kind === 'list',
      ...(effect ? { effect } : {}),
    };
  };

  if (parent.kind === 'value' || parent.kind === 'list') {
    if (!token.quoted) return undefined;
    const field = ACTION_KEYS[parent.key];
    if (field) {
      // `actions` is a policy document's only inside a `statement` block.
      if (parent.key === 'actions' || parent.key === 'not_actions') {
        const open = enclosingOpen(s, parent.kind === 'value' ? parent.keyStart - 1 : parent.open - 1);
        if (open < 0 || !/^(statement|content)$/.test(blockHeader(text, open))) return undefined;
      }
      return done({ kind: 'action', field }, parent);
    }
    if (parent.kind === 'value' && (parent.key === 'test' || parent.key === 'variable')) {
      const open = enclosingOpen(s, parent.keyStart - 1);
      if (open < 0 || blockHeader(text, open) !== 'condition') return undefined;
      if (parent.key === 'test') return done({ kind: 'operator' }, parent);
      const body = text.slice(open, groupEnd(s, open));
      const test = /\btest\s*=\s*"([^"\n]*)"/.exec(body)?.[1];
      return done({ kind: 'condition-key', ...(test ? { operator: test } : {}) }, parent);
    }
    return undefined;
  }
  // A key of an object: an operator in `Condition`, a condition key in an operator's object.
  if (parent.key === 'Condition') return done({ kind: 'operator' }, parent);
  if (parent.key && token.quoted) {
    const grand = parentOf(s, keyStartOf(s, parent.open) - 1);
    if (grand?.kind === 'object' && grand.key === 'Condition') return done({ kind: 'condition-key', operator: parent.key }, parent);
  }
  return undefined;
}

/** The start of the key of the object opened at `open` (`"StringEquals"` in `"StringEquals": {`). */
function keyStartOf(s: Scanner, open: number): number {
  let j = open - 1;
  while (j >= 0 && isSpace(s, j)) j -= isSpace(s, j);
  const k = keyBefore(s, j);
  return k ? k.start : open;
}

/** The service prefixes named by the strings of the statement around `at` (not `aws`). */
function statementServices(s: Scanner, at: number): string[] {
  const st = statementBody(s, at);
  if (!st) return [];
  const out = new Set<string>();
  for (const m of st.body.matchAll(/"([a-z0-9-]+):[A-Za-z*?]/g)) if (m[1] !== 'aws') out.add(m[1]);
  return [...out];
}

/** The group (statement) around `at` that holds an action key, up to five levels out. */
function statementBody(s: Scanner, at: number): { open: number; body: string } | undefined {
  let open = enclosingOpen(s, at - 1 - (s.escaped ? 2 : 1));
  for (let level = 0; open >= 0 && level < 5; level++) {
    const body = s.text.slice(open, groupEnd(s, open));
    if (/(^|[^A-Za-z_])(Action|NotAction|actions|not_actions)\\?"?\s*[:=]/.test(body)) return { open, body };
    open = enclosingOpen(s, open - 1);
  }
  return undefined;
}

/** `Allow` / `Deny` as the statement writes it; a policy document's default is Allow. */
function statementEffect(s: Scanner, at: number, syntax: 'hcl' | 'json'): string | undefined {
  const st = statementBody(s, at);
  if (!st) return undefined;
  // The statement's own Effect, not one of a nested group: the first at its top level is enough here.
  const m = /(?:^|[^A-Za-z_])(?:Effect|effect)\\?"?\s*[:=]\s*\\?"(Allow|Deny)\\?"/.exec(st.body);
  if (m) return m[1];
  return syntax === 'hcl' && /^(statement|content)$/.test(blockHeader(s.text, st.open)) ? 'Allow' : undefined;
}
