import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import type { Body, Expr, HclFile } from '../../server/src/hcl/ast';
import { parseNative } from '../../server/src/hcl/native/parser';
import { childExprs } from '../../server/src/hcl/walk';
import { evaluate } from '../../server/src/eval/evaluate';
import { toPlain, unknown } from '../../server/src/eval/value';
import { type GeneratorOptions, HclGenerator, type Item, type Model, render, Rng, shrinkItems, UNKNOWN } from '../support/hcl-generator';
import { blockJson, type Json } from '../support/hcl2json';

/**
 * Property test: random valid HCL files (test/support/hcl-generator.ts) read by Perimeter's
 * own parser (parseNative, called directly: no PERIMETER_NATIVE_HCL needed) and by
 * HashiCorp's (@cdktf/hcl2json). For each file:
 * - parseNative reports no syntax error and no `invalid` node;
 * - every span lies inside its parent's, a quoted string's contentSpan is inside its quotes,
 *   and a text piece without offsets is the very text it decodes to;
 * - the blocks, labels and attribute names are hcl2json's;
 * - a value hcl2json evaluates (literals, strings, collections, templates of literals)
 *   equals Perimeter's; one it writes back as "${…}" is the text of Perimeter's expression;
 * - a value the generator knows (operators, conditionals, functions Perimeter implements,
 *   for expressions over literals: Terraform's semantics) equals Perimeter's.
 * A failure prints the seed and the smallest failing file found by shrinking it.
 * PERIMETER_GEN_SEED and PERIMETER_GEN_FILES choose the run.
 */
const SEED = Number(process.env.PERIMETER_GEN_SEED ?? 20261130);
const FILES = Number(process.env.PERIMETER_GEN_FILES ?? 500);

const plain = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** hcl2json escapes literal `${` and `%{` in the strings it writes. */
function escapeMarkers(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/([$%])\{/g, (_m, c: string) => `${c}${c}{`);
  if (Array.isArray(v)) return v.map(escapeMarkers);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeMarkers(x)]));
  return v;
}

/** hcl2json writes a parenthesized object key `("k") = v` as the key "${(\"k\")}": read it as "k". */
function parenKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(parenKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [/^\$\{\("[^"\\]*"\)\}$/.test(k) ? k.slice(4, -3) : k, parenKeys(x)]));
  }
  return v;
}

/** A template hcl2json did not evaluate (escaped `$${` / `%%{` are literal text). */
function unevaluated(v: Json): boolean {
  if (typeof v === 'string') return /\$\{|%\{/.test(v.replace(/\$\$\{|%%\{/g, ''));
  if (Array.isArray(v)) return v.some(unevaluated);
  if (v && typeof v === 'object') return Object.values(v).some(unevaluated);
  return false;
}

const inside = (outer: { start: number; end: number }, inner: { start: number; end: number }): boolean => outer.start <= inner.start && inner.end <= outer.end && inner.start <= inner.end;

/** Syntax and span problems of one expression tree. */
function exprProblems(file: HclFile, e: Expr, parent: { start: number; end: number }, where: string, out: string[]): void {
  const show = (s: { start: number; end: number }): string => `[${s.start},${s.end}) ${JSON.stringify(file.text.slice(s.start, s.end))}`;
  if (e.type === 'invalid') out.push(`${where}: invalid node at ${show(e.span)}`);
  if (!inside(parent, e.span)) out.push(`${where}: ${e.type} span ${show(e.span)} is outside its parent's ${show(parent)}`);
  if (e.type === 'template') {
    if (!inside(e.span, e.contentSpan)) out.push(`${where}: template contentSpan ${show(e.contentSpan)} outside ${show(e.span)}`);
    if (!e.heredoc && (file.text[e.span.start] !== '"' || file.text[e.span.end - 1] !== '"' || e.contentSpan.start !== e.span.start + 1 || e.contentSpan.end !== e.span.end - 1)) {
      out.push(`${where}: quoted string span ${show(e.span)} / content ${show(e.contentSpan)} are not its quotes and what is between`);
    }
    for (const p of e.parts) {
      if (p.kind === 'text') {
        const piece = p.piece;
        if (!inside(e.contentSpan, piece.span)) out.push(`${where}: text piece ${show(piece.span)} outside the content ${show(e.contentSpan)}`);
        if (!piece.offsets && file.text.slice(piece.span.start, piece.span.end) !== piece.value) {
          out.push(`${where}: text piece ${show(piece.span)} has no offsets but reads ${JSON.stringify(piece.value)}`);
        }
        if (piece.offsets) {
          const o = piece.offsets;
          if (o.length !== piece.value.length + 1) out.push(`${where}: text piece ${show(piece.span)}: ${o.length} offsets for ${piece.value.length} characters`);
          for (let i = 0; i < o.length; i++) {
            if (o[i] < piece.span.start || o[i] > piece.span.end || (i > 0 && o[i] < o[i - 1])) {
              out.push(`${where}: text piece ${show(piece.span)}: offset ${i} = ${o[i]} out of order or outside`);
              break;
            }
            // A character that is not an escape is the source character at its offset.
            if (i < piece.value.length && o[i + 1] - o[i] === 1 && file.text[o[i]] !== piece.value[i] && !/[\\$%]/.test(file.text[o[i]])) {
              out.push(`${where}: text piece ${show(piece.span)}: character ${i} ${JSON.stringify(piece.value[i])} maps to ${JSON.stringify(file.text[o[i]])}`);
              break;
            }
          }
        }
      } else if (!inside(e.contentSpan, p.span)) {
        out.push(`${where}: ${p.kind} ${show(p.span)} outside the content ${show(e.contentSpan)}`);
      } else if (p.kind === 'interpolation' && p.expr) {
        exprProblems(file, p.expr, p.span, where, out);
      }
    }
    return;
  }
  if ((e.type === 'getattr' || e.type === 'call') && !inside(e.span, e.nameSpan)) out.push(`${where}: name span ${show(e.nameSpan)} outside ${show(e.span)}`);
  if (e.type === 'object') for (const i of e.items) if (!inside(e.span, i.span) || !inside(i.span, i.key.span) || !inside(i.span, i.value.span)) out.push(`${where}: object item ${show(i.span)} misplaced`);
  for (const c of childExprs(e)) exprProblems(file, c, e.span, where, out);
}

/** How many values each comparison saw over a run (a check that cannot pass vacuously). */
const stats = { model: 0, hcl2json: 0, exprText: 0 };

/** Everything wrong with one generated file (empty when it passes). */
async function problems(items: readonly Item[]): Promise<string[]> {
  const text = render(items);
  const out: string[] = [];
  let file: HclFile;
  try {
    file = parseNative('generated.tf', text);
  } catch (e) {
    return [`parseNative threw ${String(e)}`];
  }
  for (const s of file.syntaxErrors) out.push(`syntax error at [${s.span.start},${s.span.end}) ${JSON.stringify(text.slice(s.span.start, s.span.end))}: ${s.message}`);
  let json: Json;
  try {
    json = plain(parenKeys(await hcl2json('generated.tf', text)));
  } catch (e) {
    return [...out, `hcl2json rejects the file (a generator bug): ${String(e).slice(0, 300)}`];
  }
  const env = { file: file.path, resolve: (_r: string, _s: unknown, o: { file: string; span: { start: number; end: number } }) => unknown('no module context', o) };

  const compare = (e: Expr, theirs: Json, model: Model, where: string): void => {
    const mine = plain(toPlain(evaluate(e, env)));
    if (model !== UNKNOWN) stats.model++;
    if (model !== UNKNOWN && !isDeepEqual(mine, plain(model))) out.push(`${where}: Perimeter reads ${JSON.stringify(mine)}, Terraform gives ${JSON.stringify(model)}`);
    if (theirs === undefined) {
      out.push(`${where}: missing in hcl2json's output`);
      return;
    }
    const src = text.slice(e.span.start, e.span.end);
    if (typeof theirs === 'string' && theirs.startsWith('${') && theirs.endsWith('}') && e.type !== 'template') {
      stats.exprText++;
      if (theirs !== `\${${src}}`) out.push(`${where}: hcl2json has the expression ${JSON.stringify(theirs)}, Perimeter's span reads ${JSON.stringify(src)}`);
      return;
    }
    if (!unevaluated(theirs)) {
      stats.hcl2json++;
      if (mine === undefined) out.push(`${where}: hcl2json knows ${JSON.stringify(theirs)}, Perimeter does not`);
      else if (!isDeepEqual(escapeMarkers(mine), theirs)) out.push(`${where}: Perimeter reads ${JSON.stringify(mine)}, hcl2json ${JSON.stringify(theirs)}`);
      return;
    }
    const inner = e.type === 'paren' ? e.expr : e;
    if (inner.type === 'tuple' && Array.isArray(theirs)) {
      if (inner.items.length !== theirs.length) out.push(`${where}: ${inner.items.length} items, hcl2json ${theirs.length}`);
      else inner.items.forEach((x, i) => compare(x, theirs[i], Array.isArray(model) ? model[i] : UNKNOWN, `${where}[${i}]`));
      return;
    }
    if (inner.type === 'object' && theirs && typeof theirs === 'object' && !Array.isArray(theirs)) {
      const mineKeys: string[] = [];
      const theirKeys = new Map(Object.entries(theirs));
      for (const it of inner.items) {
        const k = it.key.type === 'variable' ? it.key.name : toPlain(evaluate(it.key.type === 'paren' ? it.key.expr : it.key, env));
        if (typeof k !== 'string') {
          out.push(`${where}: object key ${JSON.stringify(text.slice(it.key.span.start, it.key.span.end))} not read`);
          continue;
        }
        mineKeys.push(k);
        const m = model !== UNKNOWN && model && typeof model === 'object' && !Array.isArray(model) ? model[k] : UNKNOWN;
        compare(it.value, theirKeys.get(k), m === undefined ? UNKNOWN : m, `${where}.${k}`);
      }
      if (!isDeepEqual(mineKeys.sort(), [...theirKeys.keys()].sort())) out.push(`${where}: keys ${JSON.stringify(mineKeys)}, hcl2json ${JSON.stringify(Object.keys(theirs))}`);
    }
    // Other templates hcl2json leaves as text: only the syntax checks above apply.
  };

  const walk = (body: Body, gen: readonly Item[], node: Json, where: string): void => {
    const attrs = gen.filter((i) => i.kind === 'attribute');
    const blocks = gen.filter((i) => i.kind === 'block');
    const names = body.attributes.map((a) => a.name);
    if (!isDeepEqual(names, attrs.map((a) => a.name))) out.push(`${where}: attributes ${JSON.stringify(names)}, generated ${JSON.stringify(attrs.map((a) => a.name))}`);
    const types = new Set(body.blocks.map((b) => b.type));
    const theirNames = node && typeof node === 'object' ? Object.keys(node).filter((k) => !types.has(k)) : [];
    if (!isDeepEqual([...names].sort(), theirNames.sort())) out.push(`${where}: attributes ${JSON.stringify(names)}, hcl2json ${JSON.stringify(theirNames)}`);
    for (const a of body.attributes) {
      if (!inside(body.span, a.span) || !inside(a.span, a.nameSpan) || !inside(a.span, a.expr.span)) out.push(`${where}.${a.name}: attribute span misplaced`);
      exprProblems(file, a.expr, a.span, `${where}.${a.name}`, out);
      const g = attrs.find((x) => x.name === a.name);
      compare(a.expr, node && typeof node === 'object' ? (node as Record<string, Json>)[a.name] : undefined, g ? g.expr.value : UNKNOWN, `${where}.${a.name}`);
    }
    if (body.blocks.length !== blocks.length) out.push(`${where}: ${body.blocks.length} blocks, generated ${blocks.length}`);
    const seen = new Map<string, number>();
    body.blocks.forEach((b, i) => {
      const g = blocks[i];
      const labels = b.labels.map((l) => l.value);
      const bWhere = `${where}/${[b.type, ...labels].join(' ')}`;
      if (g && (g.type !== b.type || !isDeepEqual(labels, g.labels.map((l) => (l.startsWith('"') ? (JSON.parse(l) as string) : l))))) out.push(`${bWhere}: generated ${[g.type, ...g.labels].join(' ')}`);
      if (!inside(b.span, b.headerSpan) || !inside(b.span, b.body.span) || !inside(b.span, b.typeSpan) || b.labels.some((l) => !inside(b.headerSpan, l.span)) || (body.span && !inside(body.span, b.span))) {
        out.push(`${bWhere}: block spans misplaced`);
      }
      const key = [b.type, ...labels].join('\0');
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const sub = blockJson(node, b, n);
      if (sub === undefined) out.push(`${bWhere}: not in hcl2json's output`);
      walk(b.body, g ? g.items : [], sub, bWhere);
    });
  };
  walk(file.body, items, json, '');
  return out;
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

/**
 * The smallest variant of a failing file that still fails (greedy, over shrinkItems). A
 * variant HashiCorp's parser rejects (two attributes of one name, after a block is unwrapped)
 * is not a smaller case of a file it accepts.
 */
async function shrink(items: Item[]): Promise<{ items: Item[]; problems: string[] }> {
  let current = items;
  let found = await problems(current);
  const rejected = (p: string[]): boolean => p.some((x) => x.startsWith('hcl2json rejects'));
  const wasRejected = rejected(found);
  for (let budget = 600; budget > 0; ) {
    let smaller = false;
    for (const candidate of shrinkItems(current)) {
      if (--budget <= 0) break;
      const p = await problems(candidate);
      if (p.length && (wasRejected || !rejected(p))) {
        current = candidate;
        found = p;
        smaller = true;
        break;
      }
    }
    if (!smaller) break;
  }
  return { items: current, problems: found };
}

/** What every run must have generated at least once (the generator's coverage). */
const CONSTRUCTS: readonly [string, RegExp][] = [
  ['block with 0 labels', /^\s*[a-z]+\d?x? \{/m], ['block with 2 labels', /^\s*[a-z]+2 \S+ \S+ \{/m], ['bare label', /^\s*[a-z]+[12] [a-z]+ /m],
  ['nested block', /^ {2,}[a-z]+\d?x? .*\{$/m], ['one-line block', /\{ only = /], ['# comment', /# /], ['// comment', /\/\/ /], ['/* */ comment', /\/\* /],
  ['multi-line /* */', /\/\*\n/], ['\\n escape', /\\n/], ['\\" escape', /\\"/], ['\\\\ escape', /\\\\/], ['\\u escape', /\\u00e9/], ['$${', /\$\$\{/], ['%%{', /%%\{/],
  ['interpolation', /"[^"\n]*\$\{[^"\n]*"/], ['%{ if }', /%\{ if /], ['%{ else }', /%\{~? else/], ['%{ for }', /%\{ for /], ['<<EOT', /<<[A-Z]/], ['<<-EOT', /<<-[A-Z]/],
  ['heredoc interpolation', /<<-?[A-Z_]+\n[^]*?\$\{/], ['decimal', /\d\.\d/], ['exponent', /\de-?\d/i], ['bool', /\btrue\b/], ['null', /\bnull\b/],
  ['object with =', /\{[^{}\n]*\w+ = /], ['object with :', /\{[^{}\n]*\w+"?\)? ?: /], ['trailing comma', /,\s*[\]}]/], ['multi-line tuple', /\[\n/], ['nested tuple', /\[\[/],
  ['call', /\w\(/], ['... expansion', /\]\.\.\.\)/], ['getattr', /\w\.[a-z]/], ['index', /\w\[\d\]/], ['string index', /\["[a-z]+"\]/], ['.* splat', /\.\*\./], ['[*] splat', /\[\*\]/],
  ['tuple for', /\[for /], ['object for', /\{ ?for /], ['for with if', /\bif \w+ [!>]/], ['for grouping', /=> x\.\.\.\}/], ['nested conditional', /\? [^?:\n]+ : [^?:\n]+ \? /],
  ['unary -', /[^\w)\]] ?-[\d(]/], ['unary !', /!\w/], ['||', /\|\|/], ['&&', /&&/], ['==', /==/], ['!=', /!=/], ['<=', /<=/], ['>', /> /], ['*', / \* /], ['/', / \/ \d/], ['%', / % \d/],
  ['parentheses', /= \(/], ['multi-line parentheses', /\(\n/],
];

async function run(files: number, seed0: number, options: GeneratorOptions): Promise<{ failures: string[]; texts: string[]; ms: number }> {
  const started = Date.now();
  const failures: string[] = [];
  const texts: string[] = [];
  for (let f = 0; f < files; f++) {
    const seed = seed0 + f;
    const items = new HclGenerator(new Rng(seed), options).body(0);
    texts.push(render(items));
    const p = await problems(items);
    if (p.length === 0) continue;
    const small = await shrink(items);
    failures.push(`seed ${seed} (PERIMETER_GEN_SEED=${seed} PERIMETER_GEN_FILES=1), smallest failing file:\n${render(small.items)}---\n${small.problems.slice(0, 8).join('\n')}`);
    if (failures.length >= 5) break;
  }
  return { failures, texts, ms: Date.now() - started };
}

describe('generated HCL: Perimeter\'s parser and evaluator agree with HashiCorp\'s parser', () => {
  it(`${FILES} random valid files (seed ${SEED})`, async (t) => {
    delete process.env.PERIMETER_NATIVE_HCL;
    const before = { ...stats };
    const { failures, texts, ms } = await run(FILES, SEED, { unsortedForObjects: true, multiListJoin: true, stripMarkers: true });
    const all = texts.join('\n');
    t.diagnostic(`${FILES} files, ${all.length} bytes in ${ms} ms; values compared: ${stats.model - before.model} with Terraform's semantics, ${stats.hcl2json - before.hcl2json} with hcl2json's; ${stats.exprText - before.exprText} expression texts`);
    assert.deepEqual(failures, [], failures.join('\n\n'));
    if (FILES >= 200) {
      assert.deepEqual(CONSTRUCTS.filter(([, re]) => !re.test(all)).map(([name]) => name), [], 'constructs never generated');
      assert.ok(stats.model - before.model > FILES && stats.hcl2json - before.hcl2json > FILES && stats.exprText - before.exprText > FILES / 2, JSON.stringify(stats));
    }
  });

  it('the checks catch a wrong value, a wrong name and a syntax error', async () => {
    const num = (text: string, value: Model): Item => ({ kind: 'attribute', name: 'a', expr: { text, value, prec: 8, kids: [] }, trailing: '', heredoc: false });
    assert.deepEqual(await problems([num('1 + 2 * 3', 7)]), []);
    assert.match((await problems([num('1 + 2 * 3', 9)])).join('\n'), /Perimeter reads 7, Terraform gives 9/);
    assert.match((await problems([num('"a\\u00e9"', 'a')])).join('\n'), /Perimeter reads "aé", Terraform gives "a"/);
    assert.match((await problems([num('[1, 2', UNKNOWN)])).join('\n'), /syntax error/);
    assert.deepEqual(await problems([{ kind: 'block', type: 'b', labels: ['"x"'], items: [num('1', 1)], oneLine: false, headerComment: '' }, num('2', 2)]), []);
  });

  // Gaps this test found (each fixed), with their smallest inputs.
  it('for over an object iterates in key order, as Terraform does', async () => {
    assert.deepEqual(await problems([{ kind: 'attribute', name: 'a', expr: { text: '[for k, v in { b = 1, a = 2 } : v]', value: [2, 1], prec: 8, kids: [] }, trailing: '', heredoc: false }]), []);
  });

  it('join() joins every list it is given', async () => {
    assert.deepEqual(await problems([{ kind: 'attribute', name: 'a', expr: { text: 'join("-", ["a"], ["b", "c"])', value: 'a-b-c', prec: 8, kids: [] }, trailing: '', heredoc: false }]), []);
  });

  it('strip markers trim the white space next to them', async () => {
    const attr = (name: string, text: string, value: Model): Item => ({ kind: 'attribute', name, expr: { text, value, prec: 8, kids: [] }, trailing: '', heredoc: false });
    assert.deepEqual(await problems([attr('a', '"x ${~ 1 ~} y"', 'x1y'), attr('b', '"a\\n ${~ 1}"', 'a1'), attr('c', '"x ${1 ~} \\t y"', 'x 1y')]), []);
    assert.deepEqual(await problems([attr('a', '<<EOT\n  x\n  ${~ 1 ~}\n  y\nEOT', '  x\n1  y\n')]), []);
    // In a heredoc the token next to the marker is one line: a marker at a line's start takes
    // the line feed (and trailing blanks) of the line before; a line joined to the one before
    // keeps its indentation in a `<<-` heredoc (as hcl2json reads it).
    assert.deepEqual(await problems([attr('b', '<<EOT\nx  \n${~ 1}\nEOT', 'x1\n'), attr('c', '<<-EOT\n    a\n    ${1 ~}\n    b\n    EOT', 'a\n1    b\n')]), []);
  });
});
