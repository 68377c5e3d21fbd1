import type { Attribute, Block, Body, Expr, HclFile, Label, ObjectItem, SyntaxError, TemplatePart, TextPiece } from '../ast';
import { span, type Span } from '../span';
import { decodeHeredoc, decodeQuoted, stripHeredocIndent, trimPiece } from '../strings';
import { CommentSink, comment, identEnd, isBlank, isDigit, isIdStart, numberEnd } from './lexer';

/**
 * Perimeter's own parser of HCL native syntax (.tf and .tfvars): recursive descent over
 * the text, producing the AST of ../ast.ts directly, with UTF-16 spans.
 *
 * Error recovery: the first error inside an attribute's value costs that attribute (it is
 * left out) and parsing resumes at the next line; a stray line in a body costs that line;
 * a block header that does not reach `{` costs its line. A block left open at the end of
 * the file is parsed again with the rule that a line opening a block in column 0 ends
 * every open block (the `terraform fmt` layout), so it costs at most that block. Inside
 * lists, calls and objects, a line that can only start an attribute or a block ends the
 * unclosed bracket. Expressions nested deeper than MAX_EXPR_DEPTH read as `invalid` and
 * blocks nested deeper than MAX_BLOCK_DEPTH read as empty, without recursion past them.
 */
export function parseNative(path: string, text: string): HclFile {
  return readNative(path, text).file;
}

/** parseNative, saying whether the second pass (column-0 headers end open blocks) was needed. */
export function readNative(path: string, text: string): { file: HclFile; resynced: boolean } {
  let p = new Parser(text, false);
  let body = p.file();
  const resynced = p.unclosedBlock;
  if (resynced) {
    p = new Parser(text, true);
    body = p.file();
  }
  return { file: { path, text, body, comments: p.sink.comments, syntaxErrors: p.errors }, resynced };
}

const MAX_EXPR_DEPTH = 200;
const MAX_BLOCK_DEPTH = 64;

/** `name = ` at a line start: in a list, a call or parentheses, an attribute that follows an unclosed bracket. */
const ATTRIBUTE_START = /[A-Za-z_][\w-]*[ \t]*=(?![=>])/y;
/** `type "label" name {` at a line start: a block header. */
const BLOCK_HEADER = /[A-Za-z_][\w-]*(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*))*[ \t]*\{/y;

const BINARY: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

type Closer = 'quote' | 'heredoc' | 'directive';

class Parser {
  readonly sink: CommentSink;
  readonly errors: SyntaxError[] = [];
  /** A block was still open at the end of the text. */
  unclosedBlock = false;
  private pos = 0;
  /** Set by the first error inside an attribute's value; the value is abandoned. */
  private failed = false;
  private lastSkip = { from: -1, nl: false, to: -1 };
  /** Where an object key starts (a key may look like an attribute: `name = value`). */
  private keyAt = -1;

  constructor(
    private readonly text: string,
    /** Second pass over a text with an unclosed block: column-0 block headers end open blocks. */
    private readonly resyncAtColumn0: boolean,
  ) {
    this.sink = new CommentSink(text);
  }

  // ---- characters ---------------------------------------------------------------------

  private code(i = this.pos): number {
    return this.text.charCodeAt(i);
  }

  private at(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Skips blanks and comments, and line feeds unless `nl` (newline-sensitive context). */
  private skip(nl: boolean): void {
    const from = this.pos;
    if (this.lastSkip.from === from && this.lastSkip.nl === nl) {
      this.pos = this.lastSkip.to;
      return;
    }
    const text = this.text;
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        if (nl) break;
        i++;
      } else if (isBlank(c)) {
        i++;
      } else if (c === 35 || c === 47) {
        const end = comment(text, i, this.sink);
        if (end < 0) break;
        i = end;
      } else {
        break;
      }
    }
    this.pos = i;
    this.lastSkip = { from, nl, to: i };
  }

  /** True when only blanks stand between the start of the line and `i`. */
  private atLineStart(i = this.pos): boolean {
    let k = i - 1;
    while (k >= 0 && this.text.charCodeAt(k) !== 10) {
      if (!isBlank(this.text.charCodeAt(k))) return false;
      k--;
    }
    return true;
  }

  /** The text of the last non-blank line before `i` (indentation and trailing blanks left out). */
  private previousLine(i: number): Span {
    let end = i;
    while (end > 0 && /\s/.test(this.text[end - 1])) end--;
    let start = this.text.lastIndexOf('\n', end - 1) + 1;
    while (start < end && isBlank(this.code(start))) start++;
    return span(start, end);
  }

  private lineEnd(i = this.pos): number {
    const n = this.text.indexOf('\n', i);
    return n < 0 ? this.text.length : n;
  }

  private matches(re: RegExp, i = this.pos): boolean {
    re.lastIndex = i;
    return re.test(this.text);
  }

  /** Passes the rest of a broken line, keeping the comments written after it. */
  private skipLine(): void {
    const end = this.lineEnd();
    let quote = false;
    for (let i = this.pos; i < end; i++) {
      const c = this.code(i);
      if (quote) {
        if (c === 92) i++;
        else if (c === 34) quote = false;
      } else if (c === 34) {
        quote = true;
      } else if (c === 35 || (c === 47 && this.code(i + 1) === 47)) {
        comment(this.text, i, this.sink);
        break;
      }
    }
    this.pos = end;
  }

  private describe(i = this.pos): string {
    if (i >= this.text.length) return 'end of file';
    if (this.code(i) === 10 || this.code(i) === 13) return 'end of line';
    const word = /^(?:[\p{ID_Start}_][\p{ID_Continue}_-]*|\S)/u.exec(this.text.slice(i, i + 40))?.[0] ?? this.text[i];
    return `'${word}'`;
  }

  private error(s: Span, message: string): void {
    this.errors.push({ span: s, message });
  }

  /** The first error of a value: recorded, and the value is abandoned. */
  private fail(s: Span, message: string): Expr {
    if (!this.failed) this.error(s, message);
    this.failed = true;
    return { type: 'invalid', span: s };
  }

  private unexpected(what: string): Expr {
    const end = Math.max(this.pos, Math.min(this.lineEnd(), this.pos + 1));
    return this.fail(span(this.pos, end), `Syntax error: expected ${what}, found ${this.describe()}`);
  }

  // ---- bodies ---------------------------------------------------------------------------

  file(): Body {
    const { attributes, blocks } = this.body(0, null);
    const items = [...attributes, ...blocks];
    if (items.length === 0) return { span: span(0, this.text.length), attributes, blocks };
    return { span: bodySpan(attributes, blocks)!, attributes, blocks };
  }

  /**
   * The items of a body, up to its closing `}` (left for the caller) or the end of the text.
   * `block` is the header of the enclosing block (null at the top level).
   */
  private body(depth: number, block: Span | null): { attributes: Attribute[]; blocks: Block[] } {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    for (;;) {
      this.skip(false);
      if (this.pos >= this.text.length) break;
      const c = this.code();
      if (c === 125 /* } */) {
        if (block) break;
        this.error(span(this.pos, this.pos + 1), "Syntax error: unexpected '}' (no block is open here)");
        this.pos++;
        this.skipLine();
        continue;
      }
      if (block && this.resyncAtColumn0 && this.atColumn0HeaderLine()) break;
      if (!isIdStart(this.text, this.pos)) {
        const start = this.pos;
        this.skipLine();
        this.error(span(start, Math.max(start + 1, this.pos)), `Syntax error: unexpected ${this.describe(start)}: expected an attribute or a block`);
        continue;
      }
      const item = this.item(depth, block !== null);
      if (item?.kind === 'attribute') attributes.push(item);
      else if (item) blocks.push(item);
    }
    return { attributes, blocks };
  }

  private atColumn0HeaderLine(): boolean {
    return (this.pos === 0 || this.code(this.pos - 1) === 10) && this.matches(BLOCK_HEADER);
  }

  /** An attribute or a block, at an identifier; null when it does not parse (its line is passed). */
  private item(depth: number, inBlock: boolean): Attribute | Block | null {
    const start = this.pos;
    const nameEnd = identEnd(this.text, start);
    const name = this.text.slice(start, nameEnd);
    this.pos = nameEnd;
    this.skip(true);
    if (this.code() === 61 /* = */ && this.code(this.pos + 1) !== 61) {
      const eqEnd = this.pos + 1;
      this.pos = eqEnd;
      this.skip(true);
      if (this.pos >= this.text.length || this.code() === 10 || (inBlock && this.code() === 125)) {
        this.error(span(start, eqEnd), `Syntax error: '${name} =' has no value`);
        return null;
      }
      this.failed = false;
      const expr = this.expr(true, 0);
      if (this.failed) {
        this.failed = false;
        this.resync();
        return null;
      }
      this.skip(true);
      if (!(this.pos >= this.text.length || this.code() === 10 || (inBlock && this.code() === 125))) {
        const from = this.pos;
        this.skipLine();
        this.error(span(from, Math.max(from + 1, this.pos)), `Syntax error: unexpected ${this.describe(from)} after the value of '${name}'`);
        return null;
      }
      return { kind: 'attribute', name, nameSpan: span(start, nameEnd), expr, span: span(start, expr.span.end) };
    }
    return this.block(start, name, depth);
  }

  /** After an error in a value: parsing resumes at the line where it was found, or the next. */
  private resync(): void {
    if (this.pos > this.text.length) this.pos = this.text.length;
    if (!this.atLineStart()) this.skipLine();
  }

  private block(start: number, type: string, depth: number): Block | null {
    const labels: Label[] = [];
    for (;;) {
      const c = this.code();
      if (c === 123 /* { */) break;
      if (c === 34 /* " */) {
        const label = this.label();
        if (!label) return null;
        labels.push(label);
      } else if (isIdStart(this.text, this.pos)) {
        const end = identEnd(this.text, this.pos);
        labels.push({ value: this.text.slice(this.pos, end), span: span(this.pos, end) });
        this.pos = end;
      } else {
        const where = this.pos;
        const lineEnd = this.lineEnd(start);
        this.error(
          span(start, Math.max(lineEnd > start ? lineEnd : start + 1, where)),
          labels.length === 0 && (where >= this.text.length || c === 10)
            ? `Syntax error: '${type}' is neither an attribute (name = value) nor a block (name {)`
            : `Syntax error: the block header '${type}' does not reach its '{' (found ${this.describe(where)})`,
        );
        this.pos = Math.max(where, start);
        if (this.pos < lineEnd) this.skipLine();
        return null;
      }
      this.skip(true);
    }
    const open = this.pos;
    this.pos++;
    const headerSpan = span(start, open + 1);
    let body: Body;
    if (depth + 1 > MAX_BLOCK_DEPTH) {
      this.skip(false);
      const bodyStart = this.pos;
      this.skipBalanced(open);
      const closeAt = this.code(this.pos - 1) === 125 ? this.pos - 1 : this.pos;
      let bodyEnd = closeAt;
      while (bodyEnd > bodyStart && /\s/.test(this.text[bodyEnd - 1])) bodyEnd--;
      const cut = bodyEnd > bodyStart ? span(bodyStart, bodyEnd) : span(open + 1, this.pos);
      this.error(cut, `Blocks nested more than ${MAX_BLOCK_DEPTH} deep are not read`);
      body = { span: cut, attributes: [], blocks: [] };
      if (this.code(this.pos - 1) !== 125) this.unclosedBlock = true;
      return { kind: 'block', type, typeSpan: span(start, start + type.length), labels, body, span: span(start, this.pos), headerSpan };
    }
    const { attributes, blocks } = this.body(depth + 1, headerSpan);
    let end: number;
    if (this.code() === 125) {
      this.pos++;
      end = this.pos;
      body = { span: bodySpan(attributes, blocks) ?? span(open + 1, end), attributes, blocks };
    } else {
      this.unclosedBlock = true;
      this.error(headerSpan, `Syntax error: the block '${[type, ...labels.map((l) => l.value)].join(' ')}' is not closed: expected '}'`);
      const last = bodySpan(attributes, blocks);
      end = last ? last.end : open + 1;
      body = { span: last ?? span(open + 1, end), attributes, blocks };
    }
    return { kind: 'block', type, typeSpan: span(start, start + type.length), labels, body, span: span(start, end), headerSpan };
  }

  /** A quoted block label (literal text only). */
  private label(): Label | null {
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const c = this.code(i);
      if (c === 34) break;
      if (Number.isNaN(c) || c === 10) {
        this.error(span(start, i), 'Syntax error: unterminated string in a block label');
        this.pos = i;
        return null;
      }
      i += c === 92 && this.code(i + 1) !== 10 ? 2 : 1;
    }
    this.pos = i + 1;
    return { value: decodeQuoted(this.text, start + 1, i).value, span: span(start, i + 1) };
  }

  // ---- expressions ----------------------------------------------------------------------

  /** An expression; `nl`: a line feed ends it (attribute and object values). */
  private expr(nl: boolean, depth: number): Expr {
    if (depth > MAX_EXPR_DEPTH) return this.tooDeep(nl);
    const condition = this.binary(nl, depth, 1);
    if (this.failed) return condition;
    const save = this.pos;
    this.skip(nl);
    if (this.code() !== 63 /* ? */) {
      this.pos = save;
      return condition;
    }
    this.pos++;
    this.skip(false);
    const then = this.expr(nl, depth + 1);
    if (this.failed) return then;
    this.skip(nl);
    if (this.code() !== 58 /* : */) return this.unexpected("':' of the conditional");
    this.pos++;
    this.skip(false);
    const otherwise = this.expr(nl, depth + 1);
    if (this.failed) return otherwise;
    return { type: 'conditional', condition, then, else: otherwise, span: span(condition.span.start, otherwise.span.end) };
  }

  private operator(): string | undefined {
    const c = this.code();
    const n = this.code(this.pos + 1);
    switch (c) {
      case 124: return n === 124 ? '||' : undefined;
      case 38: return n === 38 ? '&&' : undefined;
      case 61: return n === 61 ? '==' : undefined;
      case 33: return n === 61 ? '!=' : undefined;
      case 60: return n === 61 ? '<=' : n === 60 ? undefined : '<';
      case 62: return n === 61 ? '>=' : '>';
      case 43: return '+';
      case 45: return '-';
      case 42: return '*';
      case 47: return '/';
      case 37: return n === 123 ? undefined : '%';
      default: return undefined;
    }
  }

  private binary(nl: boolean, depth: number, min: number): Expr {
    let left = this.unary(nl, depth);
    for (;;) {
      if (this.failed) return left;
      const save = this.pos;
      this.skip(nl);
      const op = this.operator();
      const prec = op ? BINARY[op] : 0;
      if (!op || prec < min) {
        this.pos = save;
        return left;
      }
      this.pos += op.length;
      this.skip(false);
      const right = prec < 6 ? this.binary(nl, depth + 1, prec + 1) : this.unary(nl, depth + 1);
      if (this.failed) return right;
      left = { type: 'binary', op, left, right, span: span(left.span.start, right.span.end) };
    }
  }

  private unary(nl: boolean, depth: number): Expr {
    const c = this.code();
    if (c !== 45 && c !== 33) return this.postfix(nl, depth);
    if (depth > MAX_EXPR_DEPTH) return this.tooDeep(nl);
    const start = this.pos;
    this.pos++;
    this.skip(false);
    const operand = this.unary(nl, depth + 1);
    if (this.failed) return operand;
    return { type: 'unary', op: c === 45 ? '-' : '!', operand, span: span(start, operand.span.end) };
  }

  private postfix(nl: boolean, depth: number): Expr {
    let expr = this.term(nl, depth);
    const start = expr.span.start;
    for (;;) {
      if (this.failed) return expr;
      const save = this.pos;
      this.skip(nl);
      const c = this.code();
      if (c === 46 /* . */) {
        const after = this.pos + 1;
        const n = this.code(after);
        if (isDigit(n)) {
          let end = after;
          while (isDigit(this.code(end))) end++;
          const raw = this.text.slice(after, end);
          this.pos = end;
          expr = { type: 'index', object: expr, key: { type: 'number', value: Number(raw), raw, span: span(after, end) }, span: span(start, end) };
        } else if (n === 42 /* * */) {
          this.pos = after + 1;
          expr = { type: 'splat', object: expr, span: span(start, this.pos) };
        } else if (isIdStart(this.text, after)) {
          const end = identEnd(this.text, after);
          this.pos = end;
          expr = { type: 'getattr', object: expr, name: this.text.slice(after, end), nameSpan: span(after, end), span: span(start, end) };
        } else if (n === 46) {
          // `...`: the expansion of a call's last argument or a grouping for, not an access.
          this.pos = save;
          return expr;
        } else {
          this.pos = after;
          return this.unexpected("an attribute name after '.'");
        }
      } else if (c === 91 /* [ */) {
        const open = this.pos;
        this.pos++;
        this.skip(false);
        if (this.text.startsWith('[*]', open)) {
          this.pos = open + 3;
          expr = { type: 'splat', object: expr, span: span(start, this.pos) };
          continue;
        }
        const key = this.expr(false, depth + 1);
        if (this.failed) return key;
        this.skip(false);
        if (this.code() !== 93) {
          return this.closeMissing(open, "']' of the index");
        }
        this.pos++;
        expr = { type: 'index', object: expr, key, span: span(start, this.pos) };
      } else {
        this.pos = save;
        return expr;
      }
    }
  }

  /** An error for a bracket opened at `open` that is not closed where it should be. */
  private closeMissing(open: number, what: string): Expr {
    if (this.failed) return { type: 'invalid', span: span(open, this.pos) };
    const found = this.describe();
    this.fail(span(open, open + 1), `Syntax error: expected ${what} (opened here), found ${found}`);
    return { type: 'invalid', span: span(open, this.pos) };
  }

  private term(nl: boolean, depth: number): Expr {
    if (depth > MAX_EXPR_DEPTH) return this.tooDeep(nl);
    const start = this.pos;
    const c = this.code();
    // A value expected on a line that starts an attribute or a block: the text before was left open.
    if (start !== this.keyAt && this.atLineStart() && (this.matches(ATTRIBUTE_START) || this.matches(BLOCK_HEADER))) {
      return this.fail(this.previousLine(start), 'Syntax error: this line is left open (a value is missing at its end)');
    }
    if (isDigit(c)) {
      const end = numberEnd(this.text, start);
      const raw = this.text.slice(start, end);
      this.pos = end;
      return { type: 'number', value: Number(raw), raw, span: span(start, end) };
    }
    switch (c) {
      case 34:
        return this.quoted(depth);
      case 60:
        if (this.code(start + 1) === 60) return this.heredoc(depth);
        break;
      case 91:
        return this.tuple(depth);
      case 123:
        return this.object(depth);
      case 40: {
        this.pos++;
        this.skip(false);
        const inner = this.expr(false, depth + 1);
        if (this.failed) return inner;
        this.skip(false);
        if (this.code() !== 41) return this.closeMissing(start, "')'");
        this.pos++;
        return { type: 'paren', expr: inner, span: span(start, this.pos) };
      }
    }
    if (isIdStart(this.text, start)) {
      const end = identEnd(this.text, start);
      const name = this.text.slice(start, end);
      this.pos = end;
      if (name === 'true' || name === 'false') return { type: 'bool', value: name === 'true', span: span(start, end) };
      if (name === 'null') return { type: 'null', span: span(start, end) };
      let k = end;
      while (this.code(k) === 32 || this.code(k) === 9) k++;
      if (this.code(k) === 40) {
        this.pos = k;
        return this.call(name, span(start, end), depth);
      }
      return { type: 'variable', name, span: span(start, end) };
    }
    if (this.pos >= this.text.length || c === 10 || c === 13) return this.fail(span(start, start), 'Syntax error: a value is missing here');
    return this.unexpected('a value');
  }

  private call(name: string, nameSpan: Span, depth: number): Expr {
    const open = this.pos;
    this.pos++;
    const args: Expr[] = [];
    let expandLast = false;
    this.skip(false);
    if (this.code() !== 41) {
      for (;;) {
        if (this.endsBracket()) return this.closeMissing(open, "')' of the call");
        const arg = this.expr(false, depth + 1);
        if (this.failed) return arg;
        args.push(arg);
        this.skip(false);
        if (this.at('...')) {
          expandLast = true;
          this.pos += 3;
          this.skip(false);
          if (this.code() !== 41) return this.closeMissing(open, "')' after '...'");
          break;
        }
        if (this.code() === 44) {
          this.pos++;
          this.skip(false);
          if (this.code() === 41) break;
          continue;
        }
        if (this.code() === 41) break;
        return this.closeMissing(open, "',' or ')' of the call");
      }
    }
    this.pos++;
    return { type: 'call', name, nameSpan, args, expandLast, span: span(nameSpan.start, this.pos) };
  }

  /**
   * A line that can only start an attribute or a block, met where a list, call or
   * parenthesis expects its next item: the bracket was left open.
   */
  private endsBracket(): boolean {
    if (this.pos >= this.text.length) return true;
    if (!this.atLineStart()) return false;
    return this.matches(ATTRIBUTE_START) || this.matches(BLOCK_HEADER);
  }

  private keywordAt(word: string): boolean {
    return this.at(word) && !isIdContinueAt(this.text, this.pos + word.length);
  }

  private tuple(depth: number): Expr {
    const open = this.pos;
    this.pos++;
    this.skip(false);
    if (this.keywordAt('for')) return this.forExpr(open, false, depth);
    const items: Expr[] = [];
    for (;;) {
      this.skip(false);
      if (this.code() === 93) break;
      if (this.endsBracket()) return this.closeMissing(open, "']' of the list");
      const item = this.expr(false, depth + 1);
      if (this.failed) return item;
      items.push(item);
      this.skip(false);
      if (this.code() === 44) {
        this.pos++;
        continue;
      }
      if (this.code() === 93) break;
      return this.closeMissing(open, "',' or ']' of the list");
    }
    this.pos++;
    return { type: 'tuple', items, span: span(open, this.pos) };
  }

  private object(depth: number): Expr {
    const open = this.pos;
    this.pos++;
    this.skip(false);
    if (this.keywordAt('for')) return this.forExpr(open, true, depth);
    const multiline = this.text.lastIndexOf('\n', this.pos - 1) > open;
    const items: ObjectItem[] = [];
    for (;;) {
      this.skip(false);
      if (this.code() === 125) break;
      if (this.pos >= this.text.length || (this.atLineStart() && this.matches(BLOCK_HEADER))) return this.closeMissing(open, "'}' of the object");
      const itemStart = this.pos;
      this.keyAt = itemStart;
      const item = this.objectItem(depth);
      if (this.failed) {
        // A broken item of an object written over several lines costs its line.
        if (!multiline || this.pos >= this.text.length) return { type: 'invalid', span: span(open, this.pos) };
        this.failed = false;
        this.resync();
        if (this.pos <= itemStart) {
          this.skipLine();
          if (this.pos <= itemStart) this.pos = itemStart + 1;
        }
        continue;
      }
      items.push(item);
      this.skip(true);
      if (this.code() === 44) this.pos++;
    }
    this.pos++;
    return { type: 'object', items, span: span(open, this.pos) };
  }

  private objectItem(depth: number): ObjectItem {
    const key = this.expr(true, depth + 1);
    const bad = { key, value: key, span: key.span };
    if (this.failed) return bad;
    this.skip(true);
    const sep = this.code();
    if (!((sep === 61 && this.code(this.pos + 1) !== 61) || sep === 58)) {
      this.unexpected("'=' or ':' after the object key");
      return bad;
    }
    this.pos++;
    this.skip(true);
    if (this.pos >= this.text.length || this.code() === 10) {
      this.fail(span(key.span.start, this.pos), 'Syntax error: the object item has no value');
      return bad;
    }
    const value = this.expr(true, depth + 1);
    return { key, value, span: span(key.span.start, value.span.end) };
  }

  private forExpr(open: number, object: boolean, depth: number): Expr {
    const closer = object ? 125 : 93;
    this.pos += 3;
    this.skip(false);
    const names: string[] = [];
    for (;;) {
      if (!isIdStart(this.text, this.pos)) return this.unexpected('a variable name of the for');
      const end = identEnd(this.text, this.pos);
      names.push(this.text.slice(this.pos, end));
      this.pos = end;
      this.skip(false);
      if (names.length === 1 && this.code() === 44) {
        this.pos++;
        this.skip(false);
        continue;
      }
      break;
    }
    if (!this.keywordAt('in')) return this.unexpected("'in' of the for");
    this.pos += 2;
    this.skip(false);
    const collection = this.expr(false, depth + 1);
    if (this.failed) return collection;
    this.skip(false);
    if (this.code() !== 58) return this.unexpected("':' of the for");
    this.pos++;
    this.skip(false);
    let key: Expr | null = null;
    const first = this.expr(false, depth + 1);
    if (this.failed) return first;
    let value = first;
    let grouping = false;
    this.skip(false);
    if (object) {
      if (!this.at('=>')) return this.unexpected("'=>' of the for");
      this.pos += 2;
      this.skip(false);
      key = first;
      value = this.expr(false, depth + 1);
      if (this.failed) return value;
      this.skip(false);
      if (this.at('...')) {
        grouping = true;
        this.pos += 3;
        this.skip(false);
      }
    }
    let condition: Expr | null = null;
    if (this.keywordAt('if')) {
      this.pos += 2;
      this.skip(false);
      condition = this.expr(false, depth + 1);
      if (this.failed) return condition;
      this.skip(false);
    }
    if (this.code() !== closer) return this.closeMissing(open, object ? "'}' of the for" : "']' of the for");
    this.pos++;
    const [keyVar, valueVar] = names.length > 1 ? [names[0], names[1]] : [null, names[0]];
    return { type: 'for', keyVar, valueVar, collection, value, key, grouping, condition, span: span(open, this.pos) };
  }

  // ---- templates ------------------------------------------------------------------------

  private quoted(depth: number): Expr {
    const start = this.pos;
    this.pos++;
    const parts = this.templateParts('quote', depth, null);
    if (this.failed) return { type: 'invalid', span: span(start, this.pos) };
    const contentEnd = this.pos;
    this.pos++;
    return { type: 'template', parts: stripMarkers(this.text, parts.map((p) => p.part), false), heredoc: false, span: span(start, this.pos), contentSpan: span(start + 1, contentEnd) };
  }

  /**
   * The parts of template text from `this.pos`, up to the closing quote (quote), the
   * heredoc's closing marker line (heredoc: `this.pos` is left at that line's start), or a
   * `%{ else }` / `%{ endif }` / `%{ endfor }` (directive: left at its `%`).
   */
  private templateParts(until: Closer, depth: number, marker: RegExp | null): { part: TemplatePart; lineStart: boolean }[] {
    const text = this.text;
    const out: { part: TemplatePart; lineStart: boolean }[] = [];
    const contentStart = this.pos;
    let cursor = this.pos;
    const pushText = (end: number): void => {
      if (end <= cursor) return;
      const piece: TextPiece = until === 'quote' || (until === 'directive' && !marker) ? decodeQuoted(text, cursor, end) : decodeHeredoc(text, cursor, end);
      out.push({ part: { kind: 'text', piece }, lineStart: cursor === contentStart || text.charCodeAt(cursor - 1) === 10 });
    };
    const quotedText = !marker;
    let lineStart = true;
    for (;;) {
      const i = this.pos;
      if (marker && lineStart && this.matches(marker, i)) {
        pushText(i);
        return out;
      }
      lineStart = false;
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) {
        pushText(i);
        this.fail(span(i, i), marker ? 'Syntax error: the heredoc is not closed' : 'Syntax error: unterminated string');
        return out;
      }
      if (quotedText && (c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10))) {
        pushText(i);
        this.fail(span(i, i), 'Syntax error: unterminated string (a quoted string ends on its line)');
        return out;
      }
      if (c === 10) {
        this.pos++;
        lineStart = true;
        continue;
      }
      if (quotedText && c === 34) {
        pushText(i);
        if (until === 'directive') {
          this.fail(span(i, i + 1), 'Syntax error: the template directive is not closed before the end of the string');
        }
        return out;
      }
      if (quotedText && c === 92) {
        this.pos += text.charCodeAt(i + 1) === 10 || Number.isNaN(text.charCodeAt(i + 1)) ? 1 : 2;
        continue;
      }
      if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
        this.pos += 3;
        continue;
      }
      if (c === 36 && text.charCodeAt(i + 1) === 123) {
        pushText(i);
        const part = this.interpolation(depth);
        if (this.failed) return out;
        out.push({ part, lineStart: false });
        cursor = this.pos;
        continue;
      }
      if (c === 37 && text.charCodeAt(i + 1) === 123) {
        const keyword = this.directiveKeyword(i);
        if (keyword === 'else' || keyword === 'endif' || keyword === 'endfor') {
          if (until === 'directive') {
            pushText(i);
            return out;
          }
          this.fail(span(i, i + 2), `Syntax error: '%{ ${keyword} }' without its opening directive`);
          return out;
        }
        pushText(i);
        const part = this.directive(depth, marker);
        if (this.failed) return out;
        out.push({ part, lineStart: false });
        cursor = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private interpolation(depth: number): TemplatePart {
    const start = this.pos;
    this.pos += 2;
    if (this.code() === 126) this.pos++;
    this.skip(false);
    let expr: Expr | null = null;
    if (!(this.code() === 125 || (this.code() === 126 && this.code(this.pos + 1) === 125))) {
      expr = this.expr(false, depth + 1);
      if (this.failed) return { kind: 'interpolation', expr, span: span(start, this.pos) };
      this.skip(false);
    }
    if (this.code() === 126) this.pos++;
    if (this.code() !== 125) {
      this.closeMissing(start, "'}' of the interpolation");
      return { kind: 'interpolation', expr, span: span(start, this.pos) };
    }
    this.pos++;
    return { kind: 'interpolation', expr, span: span(start, this.pos) };
  }

  /** The keyword of the directive whose `%{` is at `i`. */
  private directiveKeyword(i: number): string {
    let k = i + 2;
    if (this.code(k) === 126) k++;
    while (isBlank(this.code(k)) || this.code(k) === 10) k++;
    return isIdStart(this.text, k) ? this.text.slice(k, identEnd(this.text, k)) : '';
  }

  /** Reads `%{ keyword`, returning false (after an error) when it is not `keyword`. */
  private directiveOpen(keyword: string): boolean {
    this.pos += 2;
    if (this.code() === 126) this.pos++;
    this.skip(false);
    if (!this.keywordAt(keyword)) {
      this.unexpected(`'${keyword}'`);
      return false;
    }
    this.pos += keyword.length;
    this.skip(false);
    return true;
  }

  private directiveClose(start: number): boolean {
    this.skip(false);
    if (this.code() === 126) this.pos++;
    if (this.code() !== 125) {
      this.closeMissing(start, "'}' of the template directive");
      return false;
    }
    this.pos++;
    return true;
  }

  /** `%{ if }…%{ else }…%{ endif }` or `%{ for }…%{ endfor }`: one part spanning all of it. */
  private directive(depth: number, marker: RegExp | null): TemplatePart {
    const start = this.pos;
    const keyword = this.directiveKeyword(start);
    const bad = (): TemplatePart => ({ kind: 'directive', span: span(start, this.pos) });
    if (depth > MAX_EXPR_DEPTH) {
      this.fail(span(start, start + 2), 'Syntax error: template directives nested too deep');
      return bad();
    }
    if (keyword === 'if') {
      if (!this.directiveOpen('if')) return bad();
      this.expr(false, depth + 1);
      if (this.failed || !this.directiveClose(start)) return bad();
      this.templateParts('directive', depth + 1, marker);
      if (this.failed) return bad();
      if (this.directiveKeyword(this.pos) === 'else') {
        const at = this.pos;
        if (!this.directiveOpen('else') || !this.directiveClose(at)) return bad();
        this.templateParts('directive', depth + 1, marker);
        if (this.failed) return bad();
      }
      const at = this.pos;
      if (!this.directiveOpen('endif') || !this.directiveClose(at)) return bad();
      return { kind: 'directive', span: span(start, this.pos) };
    }
    if (keyword === 'for') {
      if (!this.directiveOpen('for')) return bad();
      for (let n = 0; n < 2; n++) {
        if (!isIdStart(this.text, this.pos)) {
          this.unexpected('a variable name of the for');
          return bad();
        }
        this.pos = identEnd(this.text, this.pos);
        this.skip(false);
        if (n === 0 && this.code() === 44) {
          this.pos++;
          this.skip(false);
        } else {
          break;
        }
      }
      if (!this.keywordAt('in')) {
        this.unexpected("'in' of the for");
        return bad();
      }
      this.pos += 2;
      this.skip(false);
      this.expr(false, depth + 1);
      if (this.failed || !this.directiveClose(start)) return bad();
      this.templateParts('directive', depth + 1, marker);
      if (this.failed) return bad();
      const at = this.pos;
      if (!this.directiveOpen('endfor') || !this.directiveClose(at)) return bad();
      return { kind: 'directive', span: span(start, this.pos) };
    }
    this.fail(span(start, start + 2), `Syntax error: unknown template directive ${keyword ? `'${keyword}'` : ''}`.trim());
    return bad();
  }

  private heredoc(depth: number): Expr {
    const start = this.pos;
    let i = start + 2;
    const flush = this.code(i) === 45;
    if (flush) i++;
    if (!isIdStart(this.text, i)) {
      this.pos = i;
      return this.unexpected('the heredoc marker after <<');
    }
    const idEnd = identEnd(this.text, i);
    const id = this.text.slice(i, idEnd);
    let k = idEnd;
    while (isBlank(this.code(k))) k++;
    if (this.code(k) !== 10) {
      this.pos = k;
      return this.unexpected('a line break after the heredoc marker');
    }
    const contentStart = k + 1;
    this.pos = contentStart;
    const marker = new RegExp(`[ \\t]*${id.replace(/[^\w]/g, '\\$&')}[ \\t\\r]*(?:\\n|$)`, 'y');
    const raw = this.templateParts('heredoc', depth, marker);
    if (this.failed) {
      const after = this.skipHeredoc(start);
      this.pos = after < this.text.length ? after : contentStart;
      const last = this.errors[this.errors.length - 1];
      if (last && last.message === 'Syntax error: the heredoc is not closed') this.errors[this.errors.length - 1] = { span: span(start, idEnd), message: `Syntax error: the heredoc <<${flush ? '-' : ''}${id} is not closed (no line '${id}' after it)` };
      return { type: 'invalid', span: span(start, idEnd) };
    }
    const contentEnd = this.pos;
    let m = contentEnd;
    while (this.code(m) === 32 || this.code(m) === 9) m++;
    this.pos = m + id.length;
    // Strip markers first: a line they join to the one before no longer starts a line, so
    // `<<-` leaves its indentation (as HCL does).
    const trimmed = stripMarkers(this.text, raw.map((r) => r.part), true);
    let parts = trimmed;
    if (flush) {
      const texts: { piece: TextPiece; lineStart: boolean }[] = [];
      trimmed.forEach((p, i) => {
        if (p.kind === 'text') texts.push({ piece: p.piece, lineStart: raw[i].lineStart });
      });
      const stripped = stripHeredocIndent(texts);
      let n = 0;
      parts = trimmed.map((p) => (p.kind === 'text' ? { kind: 'text', piece: stripped[n++] } : p));
    }
    return { type: 'template', parts, heredoc: true, span: span(start, this.pos), contentSpan: span(contentStart, contentEnd) };
  }

  // ---- limits ---------------------------------------------------------------------------

  /** An expression past MAX_EXPR_DEPTH: its text is passed without recursion and reads as invalid. */
  private tooDeep(nl: boolean): Expr {
    const start = this.pos;
    this.skipExpression(nl);
    return { type: 'invalid', span: span(start, Math.max(start, this.pos)) };
  }

  /**
   * Passes one expression with an explicit stack: brackets, strings with their
   * interpolations, heredocs and comments. Stops before a separator at its own level.
   */
  private skipExpression(nl: boolean): void {
    const text = this.text;
    const stack: number[] = []; // closer char codes; 34 = inside a quoted string
    let questions = 0;
    let i = this.pos;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      const top = stack.length ? stack[stack.length - 1] : 0;
      if (top === 34) {
        if (c === 92) i += 2;
        else if (c === 34 || c === 10) {
          stack.pop();
          i++;
        } else if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === 123) {
          stack.push(125);
          i += 2;
        } else i++;
        continue;
      }
      if (c === 34) {
        stack.push(34);
        i++;
        continue;
      }
      if (c === 35 || (c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42))) {
        i = comment(text, i, this.sink);
        continue;
      }
      if (c === 60 && text.charCodeAt(i + 1) === 60) {
        i = this.skipHeredoc(i);
        continue;
      }
      if (c === 40 || c === 91 || c === 123) {
        stack.push(c === 40 ? 41 : c + 2);
        i++;
        continue;
      }
      if (stack.length) {
        if (c === top) stack.pop();
        i++;
        continue;
      }
      if (c === 41 || c === 93 || c === 125 || c === 44 || c === 126) break;
      if (c === 10 && nl) break;
      if (c === 63) questions++;
      if (c === 58) {
        if (questions === 0) break;
        questions--;
      }
      if (c === 61 && text.charCodeAt(i + 1) !== 61) break;
      if (c === 46 && text.startsWith('...', i)) break;
      if ((c === 105 && text.startsWith('if', i) && !isIdContinueAt(text, i + 2) && !isIdContinueAt(text, i - 1))) break;
      i++;
    }
    this.pos = i;
  }

  /** Past the heredoc opening at `i` (to the end of its closing marker's line, or the text). */
  private skipHeredoc(i: number): number {
    let k = i + 2;
    if (this.text.charCodeAt(k) === 45) k++;
    if (!isIdStart(this.text, k)) return k;
    const end = identEnd(this.text, k);
    const id = this.text.slice(k, end);
    const marker = new RegExp(`^[ \\t]*${id.replace(/[^\w]/g, '\\$&')}[ \\t\\r]*$`, 'm');
    const rest = this.text.indexOf('\n', end);
    if (rest < 0) return this.text.length;
    const m = marker.exec(this.text.slice(rest + 1));
    return m ? rest + 1 + m.index + m[0].length : this.text.length;
  }

  /** From the `{` at `open`, past its matching `}` (or to the end). */
  private skipBalanced(open: number): void {
    this.pos = open + 1;
    const save = this.failed;
    this.skipExpressionUntilClose();
    this.failed = save;
  }

  private skipExpressionUntilClose(): void {
    for (;;) {
      this.skipExpression(false);
      const c = this.code();
      if (Number.isNaN(c)) return;
      this.pos++;
      if (c === 125) return;
    }
  }
}

function isIdContinueAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function bodySpan(attributes: readonly Attribute[], blocks: readonly Block[]): Span | undefined {
  if (attributes.length === 0 && blocks.length === 0) return undefined;
  const first = Math.min(attributes[0]?.span.start ?? Infinity, blocks[0]?.span.start ?? Infinity);
  const last = Math.max(attributes[attributes.length - 1]?.span.end ?? -1, blocks[blocks.length - 1]?.span.end ?? -1);
  return span(first, last);
}

/**
 * Strip markers: `${~ x }` / `%{~ if }` remove the white space (decoded escapes included)
 * at the end of the literal text before them, `${ x ~}` / `%{ endif ~}` at the start of the
 * text after them, as HCL does (see trimPiece). A text they empty stays, empty: `"${~ x ~} "`
 * is still a string, not x's own value.
 */
function stripMarkers(text: string, parts: readonly TemplatePart[], heredoc: boolean): TemplatePart[] {
  if (!parts.some((p) => p.kind !== 'text')) return [...parts];
  const out = [...parts];
  for (let i = 0; i < out.length; i++) {
    const p = out[i];
    if (p.kind === 'text') continue;
    const before = out[i - 1];
    if (text.charCodeAt(p.span.start + 2) === 126 && before?.kind === 'text') out[i - 1] = { kind: 'text', piece: trimPiece(before.piece, 'end', heredoc) };
    const after = out[i + 1];
    if (text.charCodeAt(p.span.end - 2) === 126 && after?.kind === 'text') out[i + 1] = { kind: 'text', piece: trimPiece(after.piece, 'start', heredoc) };
  }
  return out;
}

