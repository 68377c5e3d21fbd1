import type { Node } from 'web-tree-sitter';
import type { Attribute, Block, Body, Comment, Expr, HclFile, Label, ObjectItem, SyntaxError, TemplatePart, TextPiece } from '../../server/src/hcl/ast';
import { span, type Span } from '../../server/src/hcl/span';
import { decodeHeredoc, decodeQuoted, stripHeredocIndent } from '../../server/src/hcl/strings';

/**
 * The AST from tree-sitter's tree, as Perimeter read files before its own parser
 * (server/src/hcl/native): kept as a test oracle only (test/unit/native-parser.test.ts).
 * An ERROR node's children are searched for attributes and blocks.
 */
export function convertTree(root: Node, text: string, path: string): HclFile {
  const comments: Comment[] = [];
  const syntaxErrors: SyntaxError[] = [];
  collectErrors(root, text, syntaxErrors);
  tooDeep = [];
  const top = kids(root);
  const bodyNode = top.find((c) => c.type === 'body');
  const body = bodyNode ? convertBody(bodyNode, text) : emptyBody(root);
  collectComments(root, text, comments);
  // Top-level ERROR nodes sit beside (not inside) the body: recover from them too.
  const extra = top.filter((c) => c.type === 'ERROR');
  const merged = extra.length ? mergeBodies(body, extra.map((e) => convertBody(e, text))) : body;
  for (const cut of tooDeep) syntaxErrors.push({ span: cut, message: `Blocks nested more than ${MAX_BLOCK_DEPTH} deep are not read` });
  tooDeep = [];
  return { path, text, body: merged, comments, syntaxErrors };
}

function emptyBody(n: Node): Body {
  return { span: span(n.startIndex, n.endIndex), attributes: [], blocks: [] };
}

function mergeBodies(main: Body, others: Body[]): Body {
  const attributes = [...main.attributes, ...others.flatMap((b) => b.attributes)].sort((a, b) => a.span.start - b.span.start);
  const blocks = [...main.blocks, ...others.flatMap((b) => b.blocks)].sort((a, b) => a.span.start - b.span.start);
  return { span: main.span, attributes, blocks };
}

/** Comments, from tree-sitter's native descendant search (no per-node marshalling). */
function collectComments(root: Node, text: string, comments: Comment[]): void {
  const found = root.type === 'comment' ? [root] : root.descendantsOfType('comment');
  for (const c of found) {
    if (c) comments.push({ span: span(c.startIndex, c.endIndex), text: commentText(text.slice(c.startIndex, c.endIndex)) });
  }
}

/**
 * Syntax errors: only subtrees that contain one are entered, with a cursor rather than
 * recursion so deep nesting cannot overflow the stack.
 */
function collectErrors(root: Node, text: string, errors: SyntaxError[]): void {
  if (!root.hasError) return;
  const cursor = root.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (type === 'ERROR') {
        errors.push({ span: span(cursor.startIndex, cursor.endIndex), message: `Syntax error: unexpected ${describe(text.slice(cursor.startIndex, cursor.endIndex))}` });
      } else if (cursor.nodeIsMissing) {
        errors.push({ span: span(cursor.startIndex, cursor.endIndex), message: `Syntax error: missing ${type}` });
      }
      if (type !== 'ERROR' && cursor.currentNode.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

function describe(s: string): string {
  const first = s.trim().split(/\s+/)[0] ?? '';
  return first ? `'${first.length > 30 ? first.slice(0, 30) + '…' : first}'` : 'end of input';
}

function commentText(raw: string): string {
  if (raw.startsWith('/*')) return raw.slice(2, raw.endsWith('*/') ? -2 : undefined).trim();
  if (raw.startsWith('//')) return raw.slice(2).trim();
  return raw.slice(1).trim();
}

/**
 * Blocks nested deeper than this are not converted (their body reads as empty, and the
 * file gets a syntax error there): real Terraform nests a handful deep, and a hostile file
 * nested thousands deep must cost that block, not the whole file.
 */
const MAX_BLOCK_DEPTH = 64;

/** Blocks cut at MAX_BLOCK_DEPTH during the current conversion (reported as syntax errors). */
let tooDeep: Span[] = [];

function convertBody(n: Node, text: string, depth = 0): Body {
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  if (depth > MAX_BLOCK_DEPTH) {
    tooDeep.push(span(n.startIndex, n.endIndex));
    return { span: span(n.startIndex, n.endIndex), attributes, blocks };
  }
  const visit = (parent: Node): void => {
    for (const c of kids(parent)) {
      if (c.type === 'attribute') {
        const a = convertAttribute(c, text);
        if (a) attributes.push(a);
      } else if (c.type === 'block') {
        const b = convertBlock(c, text, depth);
        if (b) blocks.push(b);
      } else if (c.type === 'ERROR' || c.type === 'body') {
        visit(c);
      }
    }
  };
  visit(n);
  return { span: span(n.startIndex, n.endIndex), attributes, blocks };
}

function convertAttribute(n: Node, text: string): Attribute | null {
  const ch = kids(n);
  const name = ch.find((c) => c.type === 'identifier');
  if (!name) return null;
  const exprNode = ch.find((c) => c.type === 'expression');
  const eq = ch.find((c) => c.type === '=');
  const expr: Expr = exprNode
    ? convertExpr(exprNode, text)
    : { type: 'invalid', span: span(eq ? eq.endIndex : name.endIndex, n.endIndex) };
  return { kind: 'attribute', name: name.text, nameSpan: nodeSpan(name), expr, span: nodeSpan(n) };
}

function convertBlock(n: Node, text: string, depth: number): Block | null {
  const children = kids(n);
  const typeNode = children[0];
  if (!typeNode || typeNode.type !== 'identifier') return null;
  const labels: Label[] = [];
  let headerEnd = n.endIndex;
  let bodyNode: Node | undefined;
  for (const c of children.slice(1)) {
    if (c.type === 'string_lit') {
      const inner = stringContent(c);
      labels.push({ value: decodeQuoted(text, inner.start, inner.end).value, span: nodeSpan(c) });
    } else if (c.type === 'identifier') {
      labels.push({ value: c.text, span: nodeSpan(c) });
    } else if (c.type === 'block_start') {
      headerEnd = c.endIndex;
    } else if (c.type === 'body') {
      bodyNode = c;
    }
  }
  const body = bodyNode ? convertBody(bodyNode, text, depth + 1) : { span: span(headerEnd, n.endIndex), attributes: [], blocks: [] };
  return {
    kind: 'block',
    type: typeNode.text,
    typeSpan: nodeSpan(typeNode),
    labels,
    body,
    span: nodeSpan(n),
    headerSpan: span(n.startIndex, headerEnd),
  };
}

function nodeSpan(n: Node): Span {
  return span(n.startIndex, n.endIndex);
}

/** Offsets between the quotes of a string_lit or quoted_template. */
function stringContent(n: Node, ch: Node[] = kids(n)): Span {
  const open = ch.find((c) => c.type === 'quoted_template_start');
  const close = ch.find((c) => c.type === 'quoted_template_end');
  const start = open ? open.endIndex : n.startIndex;
  const end = close && !close.isMissing ? close.startIndex : n.endIndex;
  return span(start, Math.max(start, end));
}

const MAX_DEPTH = 200;


function convertExpr(n: Node, text: string, depth = 0): Expr {
  if (depth > MAX_DEPTH) return { type: 'invalid', span: nodeSpan(n) };
  const d = depth + 1;
  switch (n.type) {
    case 'expression': {
      const kids = significant(n);
      if (kids[0]?.type === '(') {
        const inner = kids.find((k) => k.type === 'expression');
        if (kids.length > 3 || !inner) return chain(kids, n, text, d);
        return { type: 'paren', expr: convertExpr(inner, text, d), span: nodeSpan(n) };
      }
      return chain(kids, n, text, d);
    }
    case 'literal_value': {
      const c = significant(n)[0];
      return c ? convertExpr(c, text, d) : { type: 'invalid', span: nodeSpan(n) };
    }
    case 'numeric_lit': {
      const raw = n.text;
      return { type: 'number', value: Number(raw), raw, span: nodeSpan(n) };
    }
    case 'bool_lit':
      return { type: 'bool', value: n.text === 'true', span: nodeSpan(n) };
    case 'null_lit':
      return { type: 'null', span: nodeSpan(n) };
    case 'string_lit':
    case 'quoted_template':
      return quotedTemplate(n, text, d);
    case 'template_expr': {
      const c = significant(n)[0];
      return c ? convertExpr(c, text, d) : { type: 'invalid', span: nodeSpan(n) };
    }
    case 'heredoc_template':
      return heredoc(n, text, d);
    case 'collection_value': {
      const c = significant(n)[0];
      return c ? convertExpr(c, text, d) : { type: 'invalid', span: nodeSpan(n) };
    }
    case 'tuple':
      return { type: 'tuple', items: kids(n).filter((c) => c.type === 'expression').map((c) => convertExpr(c, text, d)), span: nodeSpan(n) };
    case 'object': {
      const items: ObjectItem[] = [];
      for (const el of kids(n)) {
        if (el.type !== 'object_elem') continue;
        const [k, v] = kids(el).filter((c) => c.type === 'expression');
        if (!k) continue;
        items.push({
          key: convertExpr(k, text, d),
          value: v ? convertExpr(v, text, d) : { type: 'invalid', span: span(el.endIndex, el.endIndex) },
          span: nodeSpan(el),
        });
      }
      return { type: 'object', items, span: nodeSpan(n) };
    }
    case 'variable_expr': {
      const id = kids(n).find((c) => c.type === 'identifier') ?? n;
      return { type: 'variable', name: id.text, span: nodeSpan(n) };
    }
    case 'function_call': {
      const ch = kids(n);
      const id = ch.find((c) => c.type === 'identifier');
      const argsNode = ch.find((c) => c.type === 'function_arguments');
      const argNodes = argsNode ? kids(argsNode) : [];
      const args = argNodes.filter((c) => c.type === 'expression').map((c) => convertExpr(c, text, d));
      const expandLast = argNodes.some((c) => c.type === 'ellipsis');
      return { type: 'call', name: id?.text ?? '', nameSpan: id ? nodeSpan(id) : nodeSpan(n), args, expandLast, span: nodeSpan(n) };
    }
    case 'for_expr': {
      const c = significant(n)[0];
      return c ? convertExpr(c, text, d) : { type: 'invalid', span: nodeSpan(n) };
    }
    case 'for_tuple_expr':
    case 'for_object_expr':
      return forExpr(n, text, d);
    case 'conditional': {
      const [c, t, e] = kids(n).filter((k) => k.type === 'expression');
      if (!c || !t || !e) return { type: 'invalid', span: nodeSpan(n) };
      return { type: 'conditional', condition: convertExpr(c, text, d), then: convertExpr(t, text, d), else: convertExpr(e, text, d), span: nodeSpan(n) };
    }
    case 'operation': {
      const c = significant(n)[0];
      return c ? convertExpr(c, text, d) : { type: 'invalid', span: nodeSpan(n) };
    }
    case 'unary_operation': {
      const kids = significant(n);
      const op = kids[0];
      const rest = kids.slice(1);
      if (!op || rest.length === 0) return { type: 'invalid', span: nodeSpan(n) };
      return { type: 'unary', op: op.type, operand: chain(rest, n, text, d), span: nodeSpan(n) };
    }
    case 'binary_operation': {
      const kids = significant(n);
      const opIndex = kids.findIndex((k, i) => i > 0 && !k.isNamed);
      if (opIndex <= 0 || opIndex === kids.length - 1) return { type: 'invalid', span: nodeSpan(n) };
      return {
        type: 'binary',
        op: kids[opIndex].type,
        left: chain(kids.slice(0, opIndex), n, text, d),
        right: chain(kids.slice(opIndex + 1), n, text, d),
        span: nodeSpan(n),
      };
    }
    default:
      return { type: 'invalid', span: nodeSpan(n) };
  }
}

function significant(n: Node): Node[] {
  return kids(n).filter((c) => c.type !== 'comment');
}

/** A term followed by postfix operators: `a.b[0].*.c`. */
function chain(nodes: Node[], whole: Node, text: string, d: number): Expr {
  if (nodes.length === 0) return { type: 'invalid', span: nodeSpan(whole) };
  let expr = convertExpr(nodes[0], text, d);
  const start = nodes[0].startIndex;
  const postfix: Node[] = [];
  for (const p of nodes.slice(1)) {
    postfix.push(p);
    // `.*.a[0]` / `[*].a[0]`: the splat, then the accessors written after it inside the
    // splat node; each applies to every element (see eval/evaluate.ts splat()).
    if (p.type === 'splat') for (const inner of kids(p)) for (const step of kids(inner)) if (step.type === 'get_attr' || step.type === 'index') postfix.push(step);
  }
  for (const p of postfix) {
    const s = span(start, p.endIndex);
    if (p.type === 'get_attr') {
      const id = kids(p).find((c) => c.type === 'identifier');
      expr = { type: 'getattr', object: expr, name: id?.text ?? '', nameSpan: id ? nodeSpan(id) : nodeSpan(p), span: s };
    } else if (p.type === 'index') {
      const inner = kids(p)[0];
      if (inner?.type === 'new_index') {
        const k = kids(inner).find((c) => c.type === 'expression');
        expr = { type: 'index', object: expr, key: k ? convertExpr(k, text, d) : { type: 'invalid', span: nodeSpan(inner) }, span: s };
      } else {
        const raw = p.text.replace(/^\./, '');
        const keySpan = span(p.endIndex - raw.length, p.endIndex);
        expr = { type: 'index', object: expr, key: { type: 'number', value: Number(raw), raw, span: keySpan }, span: s };
      }
    } else if (p.type === 'splat') {
      expr = { type: 'splat', object: expr, span: span(start, (kids(kids(p)[0] ?? p)[0] ?? p).endIndex) };
    } else if (p.type === 'ERROR' || p.isMissing) {
      return { type: 'invalid', span: nodeSpan(whole) };
    } else {
      // An unexpected node in the chain: keep what we have rather than invent meaning.
      return { type: 'invalid', span: nodeSpan(whole) };
    }
  }
  return expr;
}

function quotedTemplate(n: Node, text: string, d: number): Expr {
  const ch = kids(n);
  const content = stringContent(n, ch);
  const parts: TemplatePart[] = [];
  let cursor = content.start;
  const pushText = (end: number): void => {
    if (end > cursor) parts.push({ kind: 'text', piece: decodeQuoted(text, cursor, end) });
  };
  // Only interpolations and directives break the literal text: plain strings skip the loop.
  if (ch.length > 2 || ch.some((c) => c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end' && c.type !== 'template_literal')) {
    for (const c of ch) {
      if (c.type !== 'template_interpolation' && c.type !== 'template_directive') continue;
      if (c.startIndex < content.start || c.endIndex > content.end) continue;
      pushText(c.startIndex);
      parts.push(templatePart(c, text, d));
      cursor = c.endIndex;
    }
  }
  pushText(content.end);
  return { type: 'template', parts, heredoc: false, span: nodeSpan(n), contentSpan: content };
}

function templatePart(c: Node, text: string, d: number): TemplatePart {
  if (c.type === 'template_interpolation') {
    const e = kids(c).find((k) => k.type === 'expression');
    return { kind: 'interpolation', expr: e ? convertExpr(e, text, d) : null, span: nodeSpan(c) };
  }
  return { kind: 'directive', span: nodeSpan(c) };
}

function heredoc(n: Node, text: string, d: number): Expr {
  const start = kids(n).find((c) => c.type === 'heredoc_start');
  const ids = kids(n).filter((c) => c.type === 'heredoc_identifier');
  const flush = start?.text === '<<-';
  const open = ids[0];
  const close = ids.length > 1 ? ids[ids.length - 1] : undefined;
  // Content starts on the line after the opening marker and ends before the closing
  // marker's line (the final newline belongs to the content, as in Terraform).
  const afterOpen = open ? text.indexOf('\n', open.endIndex) : -1;
  const contentStart = afterOpen === -1 ? n.endIndex : afterOpen + 1;
  let contentEnd = n.endIndex;
  if (close) {
    contentEnd = text.lastIndexOf('\n', close.startIndex - 1) + 1;
    if (contentEnd < contentStart) contentEnd = contentStart;
  }
  const raw: { part: TemplatePart; lineStart: boolean }[] = [];
  let cursor = contentStart;
  const pushText = (end: number): void => {
    if (end > cursor) {
      const lineStart = cursor === contentStart || text[cursor - 1] === '\n';
      raw.push({ part: { kind: 'text', piece: decodeHeredoc(text, cursor, end) }, lineStart });
    }
  };
  for (const c of kids(n)) {
    if (c.startIndex < contentStart || c.endIndex > contentEnd) continue;
    if (c.type === 'template_interpolation' || c.type === 'template_directive') {
      pushText(c.startIndex);
      raw.push({ part: templatePart(c, text, d), lineStart: false });
      cursor = c.endIndex;
    }
  }
  pushText(contentEnd);
  let parts = raw.map((r) => r.part);
  if (flush) {
    const texts = raw.filter((r) => r.part.kind === 'text') as { part: { kind: 'text'; piece: TextPiece }; lineStart: boolean }[];
    const stripped = stripHeredocIndent(texts.map((t) => ({ piece: t.part.piece, lineStart: t.lineStart })));
    let i = 0;
    parts = raw.map((r) => (r.part.kind === 'text' ? { kind: 'text', piece: stripped[i++] } : r.part));
  }
  return { type: 'template', parts, heredoc: true, span: nodeSpan(n), contentSpan: span(contentStart, contentEnd) };
}

function forExpr(n: Node, text: string, d: number): Expr {
  const intro = kids(n).find((c) => c.type === 'for_intro');
  const ids = intro ? kids(intro).filter((c) => c.type === 'identifier') : [];
  const collection = (intro ? kids(intro) : []).find((c) => c.type === 'expression');
  const exprs = kids(n).filter((c) => c.type === 'expression');
  const cond = kids(n).filter((c) => c.type === "for_cond").flatMap(kids).find((c) => c.type === 'expression');
  const isObject = n.type === 'for_object_expr';
  if (!collection || ids.length === 0 || exprs.length < (isObject ? 2 : 1)) return { type: 'invalid', span: nodeSpan(n) };
  return {
    type: 'for',
    keyVar: ids.length > 1 ? ids[0].text : null,
    valueVar: ids[ids.length - 1].text,
    collection: convertExpr(collection, text, d),
    key: isObject ? convertExpr(exprs[0], text, d) : null,
    value: convertExpr(exprs[isObject ? 1 : 0], text, d),
    grouping: kids(n).some((c) => c.type === 'ellipsis'),
    condition: cond ? convertExpr(cond, text, d) : null,
    span: nodeSpan(n),
  };
}

/** web-tree-sitter types children as nullable; they never are for a live tree. */
function kids(n: Node): Node[] {
  return n.children.filter((c): c is Node => c !== null);
}
