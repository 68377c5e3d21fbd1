/**
 * A generator of random, valid HCL native syntax (Terraform .tf files) for the property
 * test test/fuzz/generated-hcl.test.ts. Every generated expression carries its text and,
 * when it is known without any context, the value Terraform gives it (a plain JavaScript
 * value, the way hcl2json and `toPlain` write values); UNKNOWN otherwise (references,
 * functions Perimeter does not model, template directives).
 *
 * The semantics modelled are Terraform's (checked by hand with `terraform console`):
 * objects iterate in key order, `keys`/`values` sort, `%` keeps the dividend's sign,
 * numbers in templates print as in JSON. The generator avoids what a plain JavaScript
 * model cannot follow: arithmetic that needs arbitrary precision (only dyadic fractions
 * and small integers are generated), conditionals whose branches need type unification
 * (both branches have one primitive type), duplicate object keys.
 */

export type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Model = Plain | typeof UNKNOWN;

/** A generated expression. */
export interface Gen {
  readonly text: string;
  readonly value: Model;
  /** Binding power: 0 conditional, 1..6 binary operators, 7 unary, 8 postfix/atoms. */
  readonly prec: number;
  /** Sub-expressions that are valid expressions on their own (for shrinking). */
  readonly kids: readonly Gen[];
}

/** A generated body item: the tree kept so that a failing file can be shrunk. */
export type Item =
  | { readonly kind: 'attribute'; readonly name: string; readonly expr: Gen; readonly trailing: string; readonly heredoc: boolean }
  | { readonly kind: 'block'; readonly type: string; readonly labels: readonly string[]; readonly items: readonly Item[]; readonly oneLine: boolean; readonly headerComment: string }
  | { readonly kind: 'comment'; readonly text: string };

/** mulberry32: a small seeded PRNG, so that a failure reproduces from its seed. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const known = (v: Model): v is Plain => v !== UNKNOWN;
const atom = (text: string, value: Model, kids: readonly Gen[] = []): Gen => ({ text, value, prec: 8, kids });

/** Terraform's conversion of a primitive to a string (template interpolation, join). */
function str(v: Plain): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

const sortedKeys = (o: { [k: string]: Plain }): string[] => Object.keys(o).sort();

/** Escaped pieces of a quoted string: [source, value]. */
const QUOTED_PIECES: readonly [string, string][] = [
  ['abc', 'abc'], ['x', 'x'], [' ', ' '], ['word ', 'word '], ['\\n', '\n'], ['\\"', '"'], ['\\\\', '\\'], ['\\u00e9', 'é'],
  ['\\t', '\t'], ['$${', '${'], ['%%{', '%{'], ['é', 'é'], ['$5', '$5'], ['100% ', '100% '], ['{x}', '{x}'], ['# no comment', '# no comment'],
  ['// nor this', '// nor this'], ['a=b', 'a=b'], ["'", "'"], ['\\U0001F600', '\u{1F600}'], ['日本', '日本'],
];
/** Pieces of heredoc text: backslashes are literal there. */
const HEREDOC_PIECES: readonly [string, string][] = [
  ['abc', 'abc'], ['x y', 'x y'], ['"quoted"', '"quoted"'], ['back\\slash', 'back\\slash'], ['\\n', '\\n'], ['$${', '${'], ['%%{', '%{'],
  ['é', 'é'], ['$5', '$5'], ['{x}', '{x}'], ['# hash', '# hash'], ['EOTX', 'EOTX'], ['key = "v"', 'key = "v"'],
];

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'x', 'y', 'name', 'tag', 'a', 'b'];
const COMMENT_TEXT = ['note', 'a = "b" {', 'TODO: fix', '}', '"quoted"', '${not_interpolated}', 'é ünïcode', ''];

interface Ctx {
  /** Inside brackets or parentheses: line feeds are ignored. */
  readonly loose: boolean;
}

export interface GeneratorOptions {
  /**
   * `for` expressions over object literals whose keys are not written in sorted order.
   * (Terraform iterates in key order; found a gap in Perimeter's evaluator, since fixed.)
   */
  readonly unsortedForObjects?: boolean;
  /**
   * `join(sep, list1, list2)` with more than one list (also through `[l1, l2]...`; found a
   * gap in Perimeter's join, since fixed).
   */
  readonly multiListJoin?: boolean;
  /** Strip markers `${~ x ~}` in quoted strings (found a gap in Perimeter's parser, since fixed). */
  readonly stripMarkers?: boolean;
}

export class HclGenerator {
  private n = 0;
  constructor(
    readonly rng: Rng,
    private readonly options: GeneratorOptions = {},
  ) {}

  private uniq(prefix: string): string {
    return `${prefix}${this.n++}`;
  }

  // ---- comments --------------------------------------------------------------------------

  /** An inline comment (`/* *\/`) or nothing, around a token. */
  private gap(): string {
    if (!this.rng.chance(0.08)) return ' ';
    return ` /* ${this.rng.pick(COMMENT_TEXT).replace(/\*\//g, '')} */ `;
  }

  private lineComment(): string {
    const t = this.rng.pick(COMMENT_TEXT);
    switch (this.rng.int(0, 2)) {
      case 0: return `# ${t}`;
      case 1: return `// ${t}`;
      default: return `/* ${t} */`;
    }
  }

  /** A comment on its own line(s): also multi-line block comments. */
  private ownLineComment(): string {
    if (this.rng.chance(0.25)) return `/*\n  ${this.rng.pick(COMMENT_TEXT)}\n  ${this.rng.pick(COMMENT_TEXT)} */`;
    return this.lineComment();
  }

  // ---- primitives --------------------------------------------------------------------------

  private numberLit(): Gen {
    const r = this.rng.int(0, 9);
    if (r < 6) {
      const v = this.rng.int(0, 99);
      return atom(String(v), v);
    }
    const [text, value] = this.rng.pick<[string, number]>([['1.5', 1.5], ['0.25', 0.25], ['2e2', 200], ['1.5e1', 15], ['12.75', 12.75], ['3E1', 30], ['5e-1', 0.5], ['007', 7]]);
    return atom(text, value);
  }

  private quotedString(ctx: Ctx, depth: number, allowInterp = true): Gen {
    // Segments first: a strip marker `${~ x ~}` trims the white space of the text next to it.
    const segs: ({ raw: string; dec: string } | { g: Gen; left: boolean; right: boolean })[] = [];
    const n = this.rng.int(0, 4);
    for (let i = 0; i < n; i++) {
      if (allowInterp && depth < 3 && this.rng.chance(0.2)) {
        const strip = this.options.stripMarkers === true;
        const space = (): void => void (strip && this.rng.chance(0.5) && segs.push(this.rng.pick([{ raw: ' ', dec: ' ' }, { raw: ' \\t', dec: ' \t' }, { raw: '\\n  ', dec: '\n  ' }])));
        space();
        segs.push({ g: this.interpolated(ctx, depth), left: strip && this.rng.chance(0.5), right: strip && this.rng.chance(0.5) });
        space();
      } else {
        const [raw, dec] = this.rng.pick(QUOTED_PIECES);
        segs.push({ raw, dec });
      }
    }
    let src = '';
    const kids: Gen[] = [];
    // Runs of text between interpolations: one literal each, trimmed next to a strip marker.
    const runs: (string | Gen)[] = [];
    for (const seg of segs) {
      if ('g' in seg) {
        kids.push(seg.g);
        const sp = (): string => this.rng.pick(['', ' ']);
        src += `\${${seg.left ? '~' : ''}${sp()}${seg.g.text}${sp()}${seg.right ? '~' : ''}}`;
        runs.push(seg.g);
      } else {
        src += seg.raw;
        if (typeof runs[runs.length - 1] === 'string') runs[runs.length - 1] += seg.dec;
        else runs.push(seg.dec);
      }
    }
    const interps = segs.filter((x) => 'g' in x);
    let acc = '';
    let isKnown = true;
    let before = 0; // interpolations before the current run
    for (const r of runs) {
      if (typeof r !== 'string') {
        const s = known(r.value) ? str(r.value) : undefined;
        if (s === undefined) isKnown = false;
        else acc += s;
        before++;
        continue;
      }
      let t = r;
      const prev = interps[before - 1];
      const next = interps[before];
      if (prev && 'g' in prev && prev.right) t = t.replace(/^\s+/u, '');
      if (next && 'g' in next && next.left) t = t.replace(/\s+$/u, '');
      acc += t;
    }
    let val: Model = isKnown ? acc : UNKNOWN;
    // "${x}" alone is x itself, of x's own type.
    if (kids.length === 1 && segs.length === 1) val = kids[0].value;
    return atom(`"${src}"`, val, kids);
  }

  /** An expression inside `${ }`: a primitive, often a literal (which hcl2json evaluates). */
  private interpolated(ctx: Ctx, depth: number): Gen {
    const r = this.rng.int(0, 9);
    if (r < 3) return this.numberLit();
    if (r < 4) return this.boolLit();
    if (r < 5) return this.quotedString(ctx, depth + 1, false);
    if (r < 6) return this.reference(depth + 1);
    if (r < 8) return this.num({ loose: true }, depth + 1);
    return this.str({ loose: true }, depth + 1);
  }

  private boolLit(): Gen {
    const v = this.rng.chance(0.5);
    return atom(String(v), v);
  }

  /** `"…%{ if c }a%{ else }b%{ endif }…"` or `%{ for }`: Perimeter does not evaluate directives. */
  private directiveString(depth: number): Gen {
    const c = this.bool({ loose: true }, depth + 1);
    const strip = (): string => (this.rng.chance(0.2) ? '~' : '');
    if (this.rng.chance(0.5)) {
      const els = this.rng.chance(0.5) ? `%{${strip()} else ${strip()}}no` : '';
      return atom(`"pre %{ if ${c.text} }yes${els}%{ endif } post"`, UNKNOWN, [c]);
    }
    const list = this.list({ loose: true }, depth + 1, 'number');
    return atom(`"%{ for i, v in ${list.text} }\${i}=\${v},%{ endfor }"`, UNKNOWN, [list]);
  }

  /** A heredoc (only as an attribute value: its lines follow the attribute). */
  heredoc(): Gen {
    const flush = this.rng.chance(0.6);
    const id = this.rng.pick(['EOT', 'EOF', 'POLICY', 'END_OF_TEXT']);
    const lines: { indent: number; src: string; val: Model }[] = [];
    const n = this.rng.int(1, 4);
    const kids: Gen[] = [];
    for (let i = 0; i < n; i++) {
      let src = '';
      let val: Model = '';
      const parts = this.rng.int(1, 3);
      for (let k = 0; k < parts; k++) {
        if (this.rng.chance(0.25)) {
          const inner = this.rng.chance(0.5) ? this.numberLit() : this.rng.chance(0.5) ? this.quotedString({ loose: true }, 2, false) : this.reference(2);
          kids.push(inner);
          src += `\${${inner.text}}`;
          const s = known(inner.value) ? str(inner.value) : undefined;
          val = val === UNKNOWN || s === undefined ? UNKNOWN : val + s;
        } else {
          const [raw, dec] = this.rng.pick(HEREDOC_PIECES);
          src += raw;
          if (val !== UNKNOWN) val += dec;
        }
        if (k < parts - 1) {
          src += ' ';
          if (val !== UNKNOWN) val += ' ';
        }
      }
      lines.push({ indent: flush ? this.rng.int(2, 8) : this.rng.int(0, 3), src, val });
    }
    const min = flush ? Math.min(...lines.map((l) => l.indent)) : 0;
    let value: Model = '';
    for (const l of lines) value = value === UNKNOWN || l.val === UNKNOWN ? UNKNOWN : `${value}${' '.repeat(l.indent - min)}${l.val}\n`;
    const closeIndent = flush ? ' '.repeat(this.rng.int(0, min)) : '';
    const body = lines.map((l) => `${' '.repeat(l.indent)}${l.src}\n`).join('');
    return { text: `<<${flush ? '-' : ''}${id}\n${body}${closeIndent}${id}`, value, prec: 8, kids: [] };
  }

  // ---- typed expressions -----------------------------------------------------------------

  /** Wraps in parentheses when `g` binds looser than `min`. */
  private operand(g: Gen, min: number): Gen {
    return g.prec < min ? this.paren(g) : g;
  }

  private paren(g: Gen): Gen {
    const nl = this.rng.chance(0.15);
    const text = nl ? `(\n  ${g.text}\n)` : `(${g.text})`;
    return { text, value: g.value, prec: 8, kids: [g] };
  }

  private binaryOp(op: string, prec: number, l: Gen, r: Gen, value: Model): Gen {
    const left = this.operand(l, prec);
    const right = this.operand(r, prec + 1);
    return { text: `${left.text}${this.gap()}${op}${this.gap()}${right.text}`, value, prec, kids: [left, right] };
  }

  private conditional(ctx: Ctx, depth: number, branch: (d: number) => Gen): Gen {
    const c = this.operand(this.bool(ctx, depth + 1), 1);
    const t = branch(depth + 1);
    // The else branch may itself be a conditional: `a ? b : c ? d : e` (right-associative).
    const e = this.rng.chance(0.3) ? this.conditional(ctx, depth + 1, branch) : branch(depth + 1);
    const value = known(c.value) ? (c.value ? t.value : e.value) : UNKNOWN;
    return { text: `${c.text} ? ${t.text} : ${e.text}`, value, prec: 0, kids: [c, t, e] };
  }

  num(ctx: Ctx, depth: number): Gen {
    const r = depth > 4 ? this.rng.int(0, 2) : this.rng.int(0, 15);
    const v = (g: Gen): number | undefined => (typeof g.value === 'number' ? g.value : undefined);
    switch (r) {
      case 0: case 1: case 2:
        return this.numberLit();
      case 3: {
        const x = this.operand(this.num(ctx, depth + 1), 7);
        const val = v(x);
        return { text: `-${x.text}`, value: val === undefined ? UNKNOWN : -val, prec: 7, kids: [x] };
      }
      case 4: case 5: case 6: {
        const op = this.rng.pick(['+', '-', '*']);
        const prec = op === '*' ? 6 : 5;
        const l = this.num(ctx, depth + 1);
        const rr = this.num(ctx, depth + 1);
        const a = v(l);
        const b = v(rr);
        const val = a === undefined || b === undefined ? UNKNOWN : op === '+' ? a + b : op === '-' ? a - b : a * b;
        return this.binaryOp(op, prec, l, rr, val);
      }
      case 7: {
        // A divisor that keeps the result exact in binary floating point.
        const op = this.rng.pick(['/', '%']);
        const l = this.num(ctx, depth + 1);
        const d = this.rng.pick([1, 2, 4, 8]);
        const a = v(l);
        return this.binaryOp(op, 6, l, atom(String(d), d), a === undefined ? UNKNOWN : op === '/' ? a / d : a % d);
      }
      case 8:
        return this.paren(this.num(ctx, depth + 1));
      case 9:
        return this.conditional(ctx, depth, (d) => this.num(ctx, d));
      case 10: {
        const l = this.rng.chance(0.5) ? this.list(ctx, depth + 1, this.rng.pick(['number', 'string'])) : this.str(ctx, depth + 1);
        const n = Array.isArray(l.value) ? l.value.length : typeof l.value === 'string' ? [...l.value].length : UNKNOWN;
        // length() counts characters (grapheme clusters); only ASCII-free of combining marks here.
        return atom(`length(${l.text})`, typeof l.value === 'string' && /[^\x20-\x7e]/.test(l.value) ? UNKNOWN : n, [l]);
      }
      case 11: {
        const l = this.list(ctx, depth + 1, 'number');
        const idx = this.rng.int(0, 5);
        const items = Array.isArray(l.value) ? l.value : undefined;
        const val = items && items.length ? items[idx % items.length] : UNKNOWN;
        return atom(`element(${l.text}, ${idx})`, items && items.length ? val : UNKNOWN, [l]);
      }
      case 12: {
        // Functions Perimeter does not evaluate: unknown to it, and not modelled here.
        const a = this.num(ctx, depth + 1);
        const b = this.num(ctx, depth + 1);
        const fn = this.rng.pick(['max', 'min']);
        if (this.rng.chance(0.4)) {
          const l = this.list(ctx, depth + 1, 'number');
          return atom(`${fn}(${l.text}...)`, UNKNOWN, [l]);
        }
        return atom(`${fn}(${a.text}, ${b.text})`, UNKNOWN, [a, b]);
      }
      case 13: {
        // An index into a literal collection.
        const l = this.list(ctx, depth + 1, 'number');
        const items = Array.isArray(l.value) ? l.value : undefined;
        if (!items || items.length === 0) return this.numberLit();
        const i = this.rng.int(0, items.length - 1);
        return atom(`${l.text}[${i}]`, items[i], [l]);
      }
      default:
        return this.reference(depth + 1);
    }
  }

  bool(ctx: Ctx, depth: number): Gen {
    const r = depth > 4 ? this.rng.int(0, 1) : this.rng.int(0, 12);
    switch (r) {
      case 0: case 1:
        return this.boolLit();
      case 2: {
        const x = this.operand(this.bool(ctx, depth + 1), 7);
        return { text: `!${x.text}`, value: typeof x.value === 'boolean' ? !x.value : UNKNOWN, prec: 7, kids: [x] };
      }
      case 3: case 4: {
        const op = this.rng.pick(['&&', '||']);
        const l = this.bool(ctx, depth + 1);
        const rr = this.bool(ctx, depth + 1);
        const val = typeof l.value === 'boolean' && typeof rr.value === 'boolean' ? (op === '&&' ? l.value && rr.value : l.value || rr.value) : UNKNOWN;
        return this.binaryOp(op, op === '&&' ? 2 : 1, l, rr, val);
      }
      case 5: case 6: {
        const op = this.rng.pick(['<', '>', '<=', '>=']);
        const l = this.num(ctx, depth + 1);
        const rr = this.num(ctx, depth + 1);
        const a = l.value;
        const b = rr.value;
        const val = typeof a === 'number' && typeof b === 'number' ? (op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b) : UNKNOWN;
        return this.binaryOp(op, 4, l, rr, val);
      }
      case 7: {
        const op = this.rng.pick(['==', '!=']);
        const kind = this.rng.int(0, 2);
        const l = kind === 0 ? this.num(ctx, depth + 1) : kind === 1 ? this.str(ctx, depth + 1) : this.bool(ctx, depth + 1);
        const rr = kind === 0 ? this.num(ctx, depth + 1) : kind === 1 ? this.str(ctx, depth + 1) : this.bool(ctx, depth + 1);
        const val = known(l.value) && known(rr.value) ? (l.value === rr.value) === (op === '==') : UNKNOWN;
        return this.binaryOp(op, 3, l, rr, val);
      }
      case 8:
        return this.paren(this.bool(ctx, depth + 1));
      case 9:
        return this.conditional(ctx, depth, (d) => this.bool(ctx, d));
      case 10: {
        const l = this.list(ctx, depth + 1, 'string');
        const x = this.str(ctx, depth + 1);
        const val = Array.isArray(l.value) && typeof x.value === 'string' ? l.value.includes(x.value) : UNKNOWN;
        return atom(`contains(${l.text}, ${x.text})`, val, [l, x]);
      }
      default:
        return this.reference(depth + 1);
    }
  }

  str(ctx: Ctx, depth: number): Gen {
    const r = depth > 4 ? 0 : this.rng.int(0, 13);
    switch (r) {
      case 0: case 1: case 2: case 3:
        return this.quotedString(ctx, depth);
      case 4: {
        const x = this.str(ctx, depth + 1);
        const fn = this.rng.pick(['upper', 'lower']);
        const val = typeof x.value === 'string' ? (fn === 'upper' ? x.value.toUpperCase() : x.value.toLowerCase()) : UNKNOWN;
        return atom(`${fn}(${x.text})`, /\u{1F600}/u.test(String(val)) ? UNKNOWN : val, [x]);
      }
      case 5: {
        const sep = this.quotedString(ctx, depth + 1, false);
        if (this.options.multiListJoin && this.rng.chance(0.3)) {
          // join(sep, lists...): the expanded last argument.
          const a = this.list(ctx, depth + 1, 'string');
          const b = this.list(ctx, depth + 1, 'string');
          const val = typeof sep.value === 'string' && Array.isArray(a.value) && Array.isArray(b.value) ? [...a.value, ...b.value].join(sep.value) : UNKNOWN;
          return atom(`join(${sep.text}, [${a.text}, ${b.text}]...)`, val, [sep, a, b]);
        }
        const l = this.list(ctx, depth + 1, this.rng.pick(['string', 'number']));
        const val = typeof sep.value === 'string' && Array.isArray(l.value) ? l.value.map((x) => str(x)).join(sep.value) : UNKNOWN;
        return atom(`join(${sep.text}, ${l.text})`, val, [sep, l]);
      }
      case 6:
        return this.paren(this.str(ctx, depth + 1));
      case 7:
        return this.conditional(ctx, depth, (d) => this.str(ctx, d));
      case 8:
        return this.directiveString(depth);
      case 9: {
        const a = this.str(ctx, depth + 1);
        const b = this.str(ctx, depth + 1);
        // coalesce("", "") is an error in Terraform.
        const val = typeof a.value === 'string' && typeof b.value === 'string' && (a.value !== '' || b.value !== '') ? (a.value !== '' ? a.value : b.value) : UNKNOWN;
        return atom(`coalesce(${a.text}, ${b.text})`, val, [a, b]);
      }
      case 10: {
        const x = this.quotedString(ctx, depth + 1, false);
        return atom(`trimspace(${x.text})`, typeof x.value === 'string' ? x.value.replace(/^[\s]+|[\s]+$/gu, '') : UNKNOWN, [x]);
      }
      case 11:
        return this.reference(depth + 1);
      default: {
        // A template mixing text and a computed number.
        const n = this.num(ctx, depth + 1);
        return atom(`"n=\${${n.text}}!"`, typeof n.value === 'number' ? `n=${n.value}!` : UNKNOWN, [n]);
      }
    }
  }

  /** A tuple of one element type (numbers or strings), for functions and for expressions. */
  list(ctx: Ctx, depth: number, type: 'number' | 'string'): Gen {
    const n = this.rng.int(0, 4);
    const items: Gen[] = [];
    for (let i = 0; i < n; i++) items.push(type === 'number' ? (depth > 3 ? this.numberLit() : this.num(ctx, depth + 1)) : depth > 3 ? this.quotedString(ctx, 9, false) : this.str(ctx, depth + 1));
    return this.tupleOf(items);
  }

  private tupleOf(items: Gen[]): Gen {
    const value: Model = items.every((i) => known(i.value)) ? items.map((i) => i.value as Plain) : UNKNOWN;
    const multi = items.length > 0 && this.rng.chance(0.25);
    const trailing = this.rng.chance(0.3) ? ',' : '';
    if (!multi) return atom(`[${items.map((i) => i.text).join(', ')}${items.length ? trailing : ''}]`, value, items);
    const lines = items.map((it, k) => {
      const comma = k < items.length - 1 ? ',' : trailing;
      const c = this.rng.chance(0.2) ? ` ${this.lineComment()}` : '';
      return `  ${it.text}${comma}${c}\n`;
    });
    const lead = this.rng.chance(0.2) ? ` ${this.lineComment()}` : '';
    return atom(`[${lead}\n${lines.join('')}]`, value, items);
  }

  private objectKey(used: Set<string>): { text: string; key: string } {
    for (;;) {
      const r = this.rng.int(0, 3);
      const w = this.rng.pick(WORDS) + this.rng.int(0, 9);
      const text = r === 0 ? `"${w}-k"` : r === 1 ? `"${w} s"` : r === 2 ? `("${w}")` : w;
      const key = r === 0 ? `${w}-k` : r === 1 ? `${w} s` : w;
      if (used.has(key)) continue;
      used.add(key);
      return { text, key };
    }
  }

  object(ctx: Ctx, depth: number): Gen {
    const n = this.rng.int(0, 4);
    const used = new Set<string>();
    const items: { k: { text: string; key: string }; v: Gen; sep: string }[] = [];
    for (let i = 0; i < n; i++) items.push({ k: this.objectKey(used), v: this.any(ctx, depth + 1), sep: this.rng.pick([' = ', ' = ', ': ', ' : ', '=']) });
    const value: Model = items.every((i) => known(i.v.value)) ? Object.fromEntries(items.map((i) => [i.k.key, i.v.value as Plain])) : UNKNOWN;
    const kids = items.map((i) => i.v);
    const multi = items.length > 0 && (this.rng.chance(0.5) || items.some((i) => i.v.text.includes('\n')));
    if (!multi) {
      const trailing = items.length && this.rng.chance(0.3) ? ',' : '';
      return atom(`{${items.map((i) => `${i.k.text}${i.sep}${i.v.text}`).join(', ')}${trailing}}`, value, kids);
    }
    const lines = items.map((i, k) => {
      const comma = this.rng.chance(0.4) || k === items.length - 1 ? (this.rng.chance(0.5) ? ',' : '') : '';
      const c = this.rng.chance(0.15) ? ` ${this.lineComment()}` : '';
      const before = this.rng.chance(0.1) ? `  ${this.ownLineComment()}\n` : '';
      return `${before}  ${i.k.text}${i.sep}${i.v.text}${comma}${c}\n`;
    });
    return atom(`{\n${lines.join('')}}`, value, kids);
  }

  /** A literal object of numbers (for `for` over objects, keys, values, merge). */
  private numObject(ctx: Ctx, depth: number, sorted = false): Gen {
    const n = this.rng.int(0, 4);
    const used = new Set<string>();
    const items: { k: { text: string; key: string }; v: Gen }[] = [];
    for (let i = 0; i < n; i++) items.push({ k: this.objectKey(used), v: depth > 3 ? this.numberLit() : this.num(ctx, depth + 1) });
    if (sorted) items.sort((a, b) => (a.k.key < b.k.key ? -1 : 1));
    const value: Model = items.every((i) => known(i.v.value)) ? Object.fromEntries(items.map((i) => [i.k.key, i.v.value as Plain])) : UNKNOWN;
    return atom(`{ ${items.map((i) => `${i.k.text} = ${i.v.text}`).join(', ')} }`, value, items.map((i) => i.v));
  }

  private forExpr(ctx: Ctx, depth: number): Gen {
    const r = this.rng.int(0, 4);
    const cond = (x: string, type: 'number' | 'string'): { text: string; test: (v: Plain) => boolean } | null => {
      if (!this.rng.chance(0.5)) return null;
      if (type === 'number') {
        const k = this.rng.int(0, 50);
        return this.rng.chance(0.5) ? { text: ` if ${x} > ${k}`, test: (v) => (v as number) > k } : { text: ` if ${x} != ${k}`, test: (v) => v !== k };
      }
      return { text: ` if ${x} != "abc"`, test: (v) => v !== 'abc' };
    };
    if (r <= 1) {
      // [for (i,) x in list : body (if cond)]
      const type = this.rng.pick(['number', 'string'] as const);
      const l = this.list(ctx, depth + 1, type);
      const withIndex = this.rng.chance(0.4);
      const bodies: [string, (x: Plain, i: number) => Plain][] =
        type === 'number'
          ? [['x', (x) => x], ['x * 2', (x) => (x as number) * 2], ['"n${x}"', (x) => `n${x}`], ...(withIndex ? [['i + x', (x: Plain, i: number) => i + (x as number)] as [string, (x: Plain, i: number) => Plain]] : [])]
          : [['x', (x) => x], ['upper(x)', (x) => (x as string).toUpperCase()], ['"${x}-s"', (x) => `${x}-s`], ...(withIndex ? [['"${i}:${x}"', (x: Plain, i: number) => `${i}:${x}`] as [string, (x: Plain, i: number) => Plain]] : [])];
      const [bt, bf] = this.rng.pick(bodies);
      const c = cond('x', type);
      const items = Array.isArray(l.value) ? l.value : undefined;
      const value: Model = items && !(type === 'string' && items.some((s) => /\u{1F600}/u.test(String(s)))) ? items.flatMap((x, i) => (c && !c.test(x) ? [] : [bf(x, i)])) : UNKNOWN;
      return atom(`[for ${withIndex ? 'i, ' : ''}x in ${l.text} : ${bt}${c?.text ?? ''}]`, value, [l]);
    }
    if (r === 2) {
      // {for k, v in object : key => value}: Terraform iterates an object in key order.
      const o = this.numObject(ctx, depth + 1, !this.options.unsortedForObjects);
      const [kt, kf] = this.rng.pick<[string, (k: string) => string]>([['k', (k) => k], ['"p-${k}"', (k) => `p-${k}`]]);
      const [vt, vf] = this.rng.pick<[string, (v: number) => Plain]>([['v', (v) => v], ['v * 2', (v) => v * 2], ['[v]', (v) => [v]]]);
      const c = cond('v', 'number');
      let value: Model = UNKNOWN;
      if (o.value !== UNKNOWN) {
        const obj = o.value as { [k: string]: Plain };
        value = Object.fromEntries(sortedKeys(obj).filter((k) => !c || c.test(obj[k])).map((k) => [kf(k), vf(obj[k] as number)]));
      }
      return atom(`{ for k, v in ${o.text} : ${kt} => ${vt}${c?.text ?? ''} }`, value, [o]);
    }
    if (r === 3) {
      // [for k, v in object : …]: the order of an object's keys.
      const o = this.numObject(ctx, depth + 1, !this.options.unsortedForObjects);
      const value: Model = o.value === UNKNOWN ? UNKNOWN : sortedKeys(o.value as { [k: string]: Plain }).map((k) => `${k}=${(o.value as { [k: string]: Plain })[k]}`);
      return atom(`[for k, v in ${o.text} : "\${k}=\${v}"]`, value, [o]);
    }
    // {for x in list : key => x...}: grouping.
    const l = this.list(ctx, depth + 1, 'number');
    const [kt, kf] = this.rng.pick<[string, (x: number) => string]>([['x % 2 == 0 ? "even" : "odd"', (x) => (x % 2 === 0 ? 'even' : 'odd')], ['"k"', () => 'k'], ['x > 10', (x) => String(x > 10)]]);
    let value: Model = UNKNOWN;
    if (Array.isArray(l.value)) {
      const out: { [k: string]: Plain } = {};
      for (const x of l.value as number[]) {
        const k = kf(x);
        out[k] = [...((out[k] as Plain[] | undefined) ?? []), x];
      }
      value = out;
    }
    return atom(`{for x in ${l.text}: ${kt} => x...}`, value, [l]);
  }

  /** A reference: unknown without module context; hcl2json writes it back as "${…}". */
  reference(depth: number): Gen {
    const root = this.rng.pick(['var.region', 'local.tags', 'aws_s3_bucket.logs', 'data.aws_iam_policy_document.p', 'module.net', 'count.index', 'each.value', 'path.module', 'self']);
    let text = root;
    const n = depth > 4 ? 0 : this.rng.int(0, 3);
    // HCL allows one attribute-only splat per traversal, and no two legacy indexes in a row.
    let splat = false;
    let legacy = false;
    for (let i = 0; i < n; i++) {
      const r = this.rng.int(0, 6);
      const wasLegacy = legacy;
      legacy = false;
      if (r === 0) text += `.${this.rng.pick(WORDS)}`;
      else if (r === 1) text += `[${this.rng.int(0, 3)}]`;
      else if (r === 2) text += `["${this.rng.pick(WORDS)}"]`;
      else if (r === 3 && !splat) {
        text += `.*.${this.rng.pick(WORDS)}`;
        splat = true;
      } else if (r === 4 && !splat) {
        text += `[*].${this.rng.pick(WORDS)}`;
        splat = true;
      } else if (r === 5) text += `[var.i]`;
      else if (!wasLegacy) {
        text += `.${this.rng.int(0, 2)}`;
        legacy = true;
      } else text += `.${this.rng.pick(WORDS)}`;
    }
    if (!splat && this.rng.chance(0.1)) text += '[*]';
    return atom(text, UNKNOWN);
  }

  /** An expression of any type. */
  any(ctx: Ctx, depth: number): Gen {
    const r = depth > 3 ? this.rng.int(0, 4) : this.rng.int(0, 17);
    switch (r) {
      case 0: case 1:
        return this.num(ctx, depth);
      case 2: case 3:
        return this.str(ctx, depth);
      case 4:
        return this.bool(ctx, depth);
      case 5:
        return atom('null', null);
      case 6: case 7:
        return this.tupleOf(Array.from({ length: this.rng.int(0, 3) }, () => this.any(ctx, depth + 1)));
      case 8: case 9:
        return this.object(ctx, depth);
      case 10: case 11:
        return this.forExpr(ctx, depth);
      case 12: {
        const a = this.list(ctx, depth + 1, 'number');
        const b = this.list(ctx, depth + 1, 'number');
        if (this.rng.chance(0.5)) return atom(`concat(${a.text}, ${b.text})`, Array.isArray(a.value) && Array.isArray(b.value) ? [...a.value, ...b.value] : UNKNOWN, [a, b]);
        return atom(`concat([${a.text}, ${b.text}]...)`, Array.isArray(a.value) && Array.isArray(b.value) ? [...a.value, ...b.value] : UNKNOWN, [a, b]);
      }
      case 13: {
        const o = this.numObject(ctx, depth + 1);
        const fn = this.rng.pick(['keys', 'values']);
        const obj = o.value === UNKNOWN ? undefined : (o.value as { [k: string]: Plain });
        return atom(`${fn}(${o.text})`, obj ? sortedKeys(obj).map((k) => (fn === 'keys' ? k : obj[k])) : UNKNOWN, [o]);
      }
      case 14: {
        const a = this.numObject(ctx, depth + 1);
        const b = this.numObject(ctx, depth + 1);
        return atom(`merge(${a.text}, ${b.text})`, a.value !== UNKNOWN && b.value !== UNKNOWN ? { ...(a.value as object), ...(b.value as object) } : UNKNOWN, [a, b]);
      }
      case 15: {
        const a = this.list(ctx, depth + 1, 'number');
        const b = this.list(ctx, depth + 1, 'number');
        const flat = Array.isArray(a.value) && Array.isArray(b.value) ? [...a.value, ...b.value] : UNKNOWN;
        return atom(`flatten([${a.text}, [${b.text}]])`, flat, [a, b]);
      }
      case 16:
        return this.reference(depth);
      default: {
        // An access into a literal object.
        const o = this.numObject(ctx, depth + 1);
        const obj = o.value === UNKNOWN ? undefined : (o.value as { [k: string]: Plain });
        const keys = obj ? Object.keys(obj).filter((k) => /^[a-z]\w*$/.test(k)) : [];
        if (!obj || keys.length === 0) return o;
        const k = this.rng.pick(keys);
        return atom(this.rng.chance(0.5) ? `${o.text}.${k}` : `${o.text}["${k}"]`, obj[k], [o]);
      }
    }
  }

  // ---- bodies ----------------------------------------------------------------------------

  private attribute(used: Set<string>, depth: number): Item {
    let name: string;
    do name = `${this.rng.pick(WORDS)}_${this.rng.int(0, 20)}`;
    while (used.has(name));
    used.add(name);
    const heredoc = this.rng.chance(0.1);
    const expr = heredoc ? this.heredoc() : this.any({ loose: false }, depth > 2 ? 3 : 0);
    const trailing = !heredoc && this.rng.chance(0.2) ? ` ${this.lineComment()}` : '';
    return { kind: 'attribute', name, expr, trailing, heredoc };
  }

  private label(): string {
    const r = this.rng.int(0, 4);
    if (r === 0) return this.rng.pick(WORDS);
    if (r === 1) return `"${this.rng.pick(WORDS)}-${this.rng.int(0, 9)}"`;
    if (r === 2) return '"with space"';
    if (r === 3) return '"é"';
    return `"${this.rng.pick(WORDS)}"`;
  }

  body(depth: number): Item[] {
    const items: Item[] = [];
    const used = new Set<string>();
    const n = this.rng.int(depth === 0 ? 1 : 0, depth === 0 ? 6 : 4);
    // A block type always has the same number of labels (hcl2json merges blocks by type).
    for (let i = 0; i < n; i++) {
      const r = this.rng.int(0, 9);
      if (r < 1) items.push({ kind: 'comment', text: this.ownLineComment() });
      else if (r < 6 || depth > 2) items.push(this.attribute(used, depth));
      else {
        const nLabels = this.rng.int(0, 2);
        const type = `${this.rng.pick(['resource', 'inner', 'rule', 'setting'])}${nLabels}`;
        const labels = Array.from({ length: nLabels }, () => this.label());
        const oneLine = this.rng.chance(0.15);
        const children = oneLine ? (this.rng.chance(0.5) ? [] : [this.oneLineAttribute()]) : this.body(depth + 1);
        items.push({ kind: 'block', type, labels, items: children, oneLine, headerComment: !oneLine && this.rng.chance(0.15) ? ` ${this.lineComment()}` : '' });
      }
    }
    return items;
  }

  private oneLineAttribute(): Item {
    const expr = this.rng.chance(0.5) ? this.num({ loose: false }, 3) : this.quotedString({ loose: false }, 3);
    return { kind: 'attribute', name: 'only', expr, trailing: '', heredoc: false };
  }
}

/** The text of a body. */
export function render(items: readonly Item[], indent = ''): string {
  let out = '';
  for (const it of items) {
    if (it.kind === 'comment') out += `${indent}${it.text.replace(/\n/g, `\n${indent}`)}\n`;
    else if (it.kind === 'attribute') out += `${indent}${it.name} = ${it.expr.text}${it.trailing}\n`;
    else {
      const header = [it.type, ...it.labels].join(' ');
      if (it.oneLine) {
        const a = it.items[0];
        out += a && a.kind === 'attribute' ? `${indent}${header} { ${a.name} = ${a.expr.text} }\n` : `${indent}${header} {}\n`;
      } else {
        out += `${indent}${header} {${it.headerComment}\n${render(it.items, `${indent}  `)}${indent}}\n`;
      }
    }
  }
  return out;
}

/**
 * Smaller variants of a file's items, for shrinking a failure: each item left out in turn,
 * each block's body shrunk, and each attribute's value replaced by one of its sub-expressions.
 */
export function* shrinkItems(items: readonly Item[]): Generator<Item[]> {
  for (let i = 0; i < items.length; i++) yield [...items.slice(0, i), ...items.slice(i + 1)];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.kind === 'block') {
      yield [...items.slice(0, i), ...it.items, ...items.slice(i + 1)];
      if (it.headerComment) yield [...items.slice(0, i), { ...it, headerComment: '' }, ...items.slice(i + 1)];
      if (it.labels.length) yield [...items.slice(0, i), { ...it, labels: [], type: `${it.type}x` }, ...items.slice(i + 1)];
      for (const smaller of shrinkItems(it.items)) yield [...items.slice(0, i), { ...it, items: smaller }, ...items.slice(i + 1)];
    } else if (it.kind === 'attribute') {
      if (it.trailing) yield [...items.slice(0, i), { ...it, trailing: '' }, ...items.slice(i + 1)];
      for (const k of it.expr.kids) {
        yield [...items.slice(0, i), { ...it, expr: k, heredoc: false }, ...items.slice(i + 1)];
      }
    }
  }
}
