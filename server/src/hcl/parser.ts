import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Tree, type Edit } from 'web-tree-sitter';
import type { Expr, HclFile, SyntaxError } from './ast';
import { type ConversionCache, convertTree, shiftSpans } from './convert';
import { repairText } from './recover';
import { parseNative } from './native/parser';

/**
 * PERIMETER_NATIVE_HCL=1: parse with the hand-written parser (native/) instead of
 * tree-sitter, to run the suites against it while it is being integrated (issue 21).
 */
const native = (): boolean => process.env.PERIMETER_NATIVE_HCL === '1';

/**
 * The only module that loads tree-sitter. The grammar is loaded once per process
 * (`initHcl`); parsing is synchronous afterwards.
 */
let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Where the WASM files live: beside the bundle in `dist/`, else in node_modules (tests). */
function locate(file: string, pkg: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  // Resolve a file the package is known to have at its root (its exports map hides package.json).
  const anchor = pkg === 'web-tree-sitter' ? 'web-tree-sitter' : `${pkg}/package.json`;
  return path.join(path.dirname(require.resolve(anchor)), file);
}

export function initHcl(): Promise<void> {
  loading ??= (async () => {
    const runtime = locate('tree-sitter.wasm', 'web-tree-sitter');
    await Parser.init({ locateFile: () => runtime });
    const language = await Language.load(locate('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl'));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return loading;
}

function ready(): Parser {
  if (!parser) throw new Error('HCL grammar not loaded: await initHcl() first');
  return parser;
}

/** Parses a whole file into Perimeter's read-only view. */
export function parseHcl(filePath: string, text: string): HclFile {
  if (native()) return parseNative(filePath, text);
  const tree = ready().parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${filePath}`);
  try {
    const { file, repaired } = convertRecovering(tree, text, filePath);
    repaired?.tree.delete();
    return file;
  } finally {
    tree.delete();
  }
}

/**
 * A template file (`templatefile()`) as a template expression whose spans point into that
 * file: the text is parsed as the body of a heredoc with a marker it cannot contain, and
 * the spans are shifted back by the wrapper's length. Undefined when it does not parse.
 */
export function parseTemplate(filePath: string, text: string): Expr | undefined {
  let marker = 'PERIMETER_TEMPLATE';
  while (text.includes(marker)) marker += '_';
  const prefix = `t = <<${marker}\n`;
  const body = text.endsWith('\n') ? text : `${text}\n`;
  const file = parseHcl(filePath, `${prefix}${body}${marker}\n`);
  const attr = file.body.attributes[0];
  if (!attr || file.syntaxErrors.length || attr.expr.type !== 'template') return undefined;
  const shifted = shiftSpans(attr.expr, -prefix.length);
  // A missing final newline was added for the heredoc: take it back out.
  if (body === text || shifted.type !== 'template') return shifted;
  const parts = [...shifted.parts];
  const last = parts[parts.length - 1];
  if (last?.kind === 'text' && last.piece.value.endsWith('\n')) {
    const v = last.piece.value.slice(0, -1);
    parts[parts.length - 1] = { kind: 'text', piece: { ...last.piece, value: v, ...(last.piece.offsets ? { offsets: last.piece.offsets.slice(0, -1) } : {}) } };
  }
  return { ...shifted, parts };
}

/** A repaired text (half-typed lines blanked) and its tree. */
interface Repaired {
  readonly tree: Tree;
  readonly text: string;
}

/**
 * Converts a tree, repairing half-typed lines first when it has errors. The tree passed
 * in stays untouched (the document keeps it for incremental reparsing); the repaired tree,
 * if any, is returned for the caller to keep (the base of the next repair) or delete.
 */
function convertRecovering(
  tree: Tree,
  text: string,
  filePath: string,
  cache?: ConversionCache,
  focus?: { start: number; end: number },
  previous?: Repaired,
): { file: HclFile; repaired?: Repaired } {
  if (!tree.rootNode.hasError) return { file: convertTree(tree.rootNode, text, filePath, tree.rootNode, cache) };
  // The previous repair is the closest clean tree while typing: reparsing from it touches
  // only the edited lines.
  const base = previous ?? { tree, text };
  let fixed = repairText(ready(), text, focus);
  let repaired = fixed === text ? null : reparseFrom(base, fixed);
  if (focus && (!repaired || repaired.rootNode.hasError)) {
    // The edited chunk was not the whole story: repair every chunk.
    repaired?.delete();
    fixed = repairText(ready(), text);
    repaired = fixed === text ? null : reparseFrom(base, fixed);
  }
  if (!repaired) return { file: convertTree(tree.rootNode, text, filePath, tree.rootNode, cache) };
  // A clean repair says exactly which lines do not parse: report those, not the (often
  // block-wide) error nodes around them.
  const known = repaired.rootNode.hasError ? undefined : setAsideLines(text, fixed);
  return { file: convertTree(repaired.rootNode, text, filePath, tree.rootNode, cache, known), repaired: { tree: repaired, text: fixed } };
}

/** The lines a repair blanked, each as a syntax error on its text (indentation left out). */
function setAsideLines(text: string, fixed: string): SyntaxError[] {
  const out: SyntaxError[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.slice(start, end) !== fixed.slice(start, end)) {
      const line = text.slice(start, end);
      const indent = line.length - line.trimStart().length;
      const content = line.trim();
      const word = content.split(/\s+/)[0] ?? '';
      out.push({
        span: { start: start + indent, end: start + indent + content.length },
        message: `Syntax error: this line does not parse ('${word.length > 30 ? word.slice(0, 30) + '…' : word}')`,
      });
    }
    start = end + 1;
  }
  return out;
}

/**
 * Parses `text` incrementally from a tree of a nearby text: the two differ in one run
 * (between their common prefix and suffix), described to tree-sitter as one edit.
 */
function reparseFrom(base: Repaired, text: string): Tree | null {
  const copy = base.tree.copy();
  const old = base.text;
  let start = 0;
  const shorter = Math.min(old.length, text.length);
  while (start < shorter && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  if (start < old.length || start < text.length) {
    copy.edit(toTreeEdit(old, text, { start, oldEnd: old.length - tail, newText: text.slice(start, text.length - tail) }));
  }
  const next = ready().parse(text, copy);
  copy.delete();
  return next;
}

/** A text change in offsets of the old text (UTF-16), the way the server receives it. */
export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newText: string;
}

/**
 * An open document that keeps its syntax tree, so an edit reparses only what changed.
 * Call `dispose()` when the document closes: trees live in WASM memory.
 */
export class HclDocument {
  private tree: Tree;
  private current: HclFile;
  /** The last repair of a half-typed text, reused as the base of the next one. */
  private repaired: Repaired | undefined;
  /** Top-level blocks by text, reused across edits (see ConversionCache). */
  private readonly cache: ConversionCache = new Map();

  /** Parsed with the native parser (PERIMETER_NATIVE_HCL=1 when the document was opened). */
  private readonly native = native();

  constructor(readonly path: string, private text: string) {
    if (this.native) {
      this.tree = undefined as unknown as Tree;
      this.current = parseNative(path, text);
      return;
    }
    const tree = ready().parse(text);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${path}`);
    this.tree = tree;
    this.current = this.convert(undefined);
  }

  private convert(focus: { start: number; end: number } | undefined): HclFile {
    const { file, repaired } = convertRecovering(this.tree, this.text, this.path, this.cache, focus, this.repaired);
    this.repaired?.tree.delete();
    this.repaired = repaired;
    return file;
  }

  /** The parsed file, parsed now if edits came since the last parse. */
  get file(): HclFile {
    if (this.focus) this.flush();
    return this.current;
  }

  /** The document's text as edited so far (no parse needed). */
  get currentText(): string {
    return this.text;
  }

  /** Applies edits in order (each in offsets of the text as left by the previous one), and parses. */
  edit(edits: readonly TextEdit[]): HclFile {
    this.queue(edits);
    return this.file;
  }

  /**
   * Applies edits without parsing: keystrokes that come faster than the analysis are
   * parsed once, when the file is next read.
   */
  queue(edits: readonly TextEdit[]): void {
    for (const e of edits) {
      const before = this.text;
      const after = before.slice(0, e.start) + e.newText + before.slice(e.oldEnd);
      if (this.native) {
        this.text = after;
        this.focus = { start: 0, end: 0 };
        continue;
      }
      this.tree.edit(toTreeEdit(before, after, e));
      this.text = after;
      // Where the typing is (for repairs): the edits' extent, in the latest offsets.
      const end = e.start + e.newText.length;
      const shift = e.newText.length - (e.oldEnd - e.start);
      this.focus = this.focus
        ? { start: Math.min(this.focus.start, e.start), end: Math.max(this.focus.end > e.start ? this.focus.end + shift : this.focus.end, end) }
        : { start: e.start, end };
    }
    if (!edits.length) this.focus ??= { start: 0, end: 0 };
  }

  private focus: { start: number; end: number } | undefined;

  private flush(): void {
    const focus = this.focus!;
    this.focus = undefined;
    if (this.native) {
      this.current = parseNative(this.path, this.text);
      return;
    }
    const next = ready().parse(this.text, this.tree);
    if (!next) throw new Error(`tree-sitter returned no tree for ${this.path}`);
    this.tree.delete();
    this.tree = next;
    this.current = this.convert(focus);
  }

  /** Replaces the whole text (full-sync clients). */
  replace(text: string): HclFile {
    return this.edit([{ start: 0, oldEnd: this.text.length, newText: text }]);
  }

  dispose(): void {
    if (this.native) return;
    this.tree.delete();
    this.repaired?.tree.delete();
    this.repaired = undefined;
  }
}

/**
 * web-tree-sitter counts `index` in UTF-16 code units (as JavaScript strings do) and
 * `column` likewise; rows are line numbers.
 */
function toTreeEdit(before: string, after: string, e: TextEdit): Edit {
  const newEnd = e.start + e.newText.length;
  return {
    startIndex: e.start,
    oldEndIndex: e.oldEnd,
    newEndIndex: newEnd,
    startPosition: point(before, e.start),
    oldEndPosition: point(before, e.oldEnd),
    newEndPosition: point(after, newEnd),
  } as Edit;
}

function point(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
