// Tidy test: the layers of ARCHITECTURE.md, enforced on every import (rust-analyzer's tidy
// tests are the model). Reads every .ts under server/src, rules/ and client/src, resolves
// relative imports and fails, with the file and line, on an import against the layer order,
// a file-level import cycle, a package imported outside the layer that owns it, or a rule
// importing anything but the rule API, another rule or a file of its own folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

interface Layer {
  readonly name: string;
  /** Repository-relative files, or folders ending in `/`. */
  readonly paths: readonly string[];
  /** When set, the only other layers this one may import (below it or not). */
  readonly only?: readonly string[];
}

/** The layer order, lowest first: a file imports only from its own layer or one below. */
export const LAYERS: readonly Layer[] = [
  { name: 'base', paths: ['server/src/group-by.ts', 'server/src/memo.ts', 'server/src/version.ts', 'server/src/save-code-cache.ts', 'server/src/sectioned-file.ts'] },
  { name: 'hcl', paths: ['server/src/hcl/'] },
  { name: 'eval', paths: ['server/src/eval/'] },
  { name: 'iam', paths: ['server/src/iam/'] },
  { name: 'registry', paths: ['server/src/registry/'] },
  { name: 'module', paths: ['server/src/module/'] },
  { name: 'engine', paths: ['server/src/engine/'] },
  { name: 'fix', paths: ['server/src/fix/'] },
  { name: 'rules-support', paths: ['server/src/rules-support/'] },
  { name: 'authoring', paths: ['server/src/authoring/'] },
  { name: 'rule-api', paths: ['server/src/rule-api.ts'] },
  { name: 'rules', paths: ['rules/'], only: ['rule-api'] },
  { name: 'report', paths: ['server/src/report/'] },
  { name: 'lsp', paths: ['server/src/lsp/'] },
  { name: 'commands', paths: ['server/src/commands/'] },
  { name: 'entry', paths: ['server/src/cli.ts', 'server/src/server.ts', 'server/src/language-server.ts', 'server/src/scan-worker.ts'] },
  // The loader that starts the server bundle: nothing of the server, which does not know it.
  { name: 'boot', paths: ['server/src/boot/'], only: [] },
  { name: 'client', paths: ['client/src/'], only: [] },
];

/** Packages only some files may import: a file matching none of `allowed` must not. */
export const PACKAGE_OWNERS: readonly { readonly pkg: RegExp; readonly what: string; readonly allowed: readonly string[] }[] = [
  // Perimeter parses with its own parser: tree-sitter is the tests' second reading and a bench baseline.
  { pkg: /^web-tree-sitter(\/|$)/, what: 'web-tree-sitter', allowed: ['test/oracle/', 'bench/'] },
  { pkg: /^vscode(-[a-z-]+)?(\/|$)/, what: 'LSP and VS Code packages', allowed: ['server/src/server.ts', 'server/src/language-server.ts', 'client/src/'] },
];

/** Relative imports outside the code (data read at build time) that are allowed. */
const DATA_FILE = /\.json$/;

export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  readonly from: string;
  /** The module specifier as written. */
  readonly spec: string;
  readonly line: number;
  /** Repository-relative path a relative specifier resolves to (undefined: not found). */
  readonly target?: string;
}

function inPaths(file: string, paths: readonly string[]): boolean {
  return paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p));
}

function layerOf(file: string, layers: readonly Layer[]): number {
  return layers.findIndex((l) => inPaths(file, l.paths));
}

/** The folder of a file under rules/ (`rules/<id>/`), or `rules/` for rules/index.ts. */
function ruleFolder(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : 'rules/';
}

/**
 * Every violation of the layer rules in an import graph, as messages naming the file, the
 * line and the rule broken. `files` are the files checked; `edges` their imports.
 */
export function checkImports(files: readonly string[], edges: readonly ImportEdge[], layers: readonly Layer[] = LAYERS): string[] {
  const out: string[] = [];
  for (const f of files) if (layerOf(f, layers) < 0) out.push(`${f} is in no layer: add it to LAYERS (test/unit/layers.test.ts) and ARCHITECTURE.md`);
  const known = new Set(files);
  for (const e of edges) {
    const at = `${e.from}:${e.line}`;
    const relative = e.spec.startsWith('.');
    if (!relative) {
      for (const owner of PACKAGE_OWNERS) {
        if (owner.pkg.test(e.spec) && !inPaths(e.from, owner.allowed)) out.push(`${at} imports ${e.spec} (${owner.what} only in ${owner.allowed.join(', ')})`);
      }
      if (e.from.startsWith('rules/') && !e.spec.startsWith('node:')) out.push(`${at} imports ${e.spec} (a rule imports only server/src/rule-api, another rule, node: modules or files of its own folder)`);
      continue;
    }
    if (e.target === undefined) {
      out.push(`${at} imports ${e.spec}, which does not exist`);
      continue;
    }
    if (!known.has(e.target)) {
      if (!DATA_FILE.test(e.target)) out.push(`${at} imports ${e.spec} (${e.target} is outside the checked code)`);
      continue;
    }
    const from = layerOf(e.from, layers);
    const to = layerOf(e.target, layers);
    if (from < 0 || to < 0) continue;
    const a = layers[from];
    const b = layers[to];
    if (from !== to && a.only && !a.only.includes(b.name)) {
      out.push(`${at} imports ${e.spec} (${a.name} may import only ${a.only.length ? a.only.join(', ') : 'itself'})`);
    } else if (to > from) {
      out.push(`${at} imports ${e.spec} (${b.name} is above ${a.name})`);
    } else if (from === to && a.name === 'rules') {
      const own = e.target.startsWith(ruleFolder(e.from));
      if (!own && !e.target.endsWith('/rule.ts')) out.push(`${at} imports ${e.spec} (a rule imports another rule only through its rule.ts)`);
    }
  }
  for (const cycle of importCycles(files, edges)) out.push(`import cycle: ${cycle.join(' → ')}`);
  return out;
}

/** File-level cycles (each strongly connected group once, as one closed path through it). */
export function importCycles(files: readonly string[], edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) if (e.target !== undefined && next.has(e.target)) next.get(e.from)?.push(e.target);
  // Tarjan's algorithm with an explicit stack (no recursion).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  for (const root of files) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const succ = next.get(top.node) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const group: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          group.push(w);
        } while (w !== top.node);
        const selfLoop = next.get(top.node)!.includes(top.node);
        if (group.length > 1 || selfLoop) groups.push(group);
      }
    }
  }
  return groups.map((g) => closedPath(g, next));
}

/** A path from the group's first file (sorted) back to itself, within the group. */
function closedPath(group: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[] {
  const inGroup = new Set(group);
  const start = [...group].sort()[0];
  // Breadth-first: the shortest way back to `start`.
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of next.get(v) ?? []) {
      if (!inGroup.has(w)) continue;
      if (w === start) {
        const p = [start];
        for (let x: string | undefined = v; x !== undefined && x !== start; x = prev.get(x)) p.unshift(x);
        return [start, ...p];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

// ---- reading the repository ----

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
    }
  }
  return out.sort();
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const c of [base, `${base}.ts`, base.replace(/\.js$/, '.ts'), `${base}/index.ts`]) {
    const abs = path.join(ROOT, c);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return c;
  }
  return undefined;
}

/** Every import, export-from, dynamic import() and require() of a file, type-only ones included. */
export function importsOf(file: string, text: string): { spec: string; line: number }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { spec: string; line: number }[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined): void => {
    if (spec && ts.isStringLiteral(spec)) out.push({ spec: spec.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const stack: ts.Node[] = [sf];
  while (stack.length) {
    const n = stack.pop()!;
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) add(n, n.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) add(n, n.moduleReference.expression);
    else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) add(n, n.arguments[0]);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) add(n, n.argument.literal);
    n.forEachChild((c) => {
      stack.push(c);
    });
  }
  return out.sort((a, b) => a.line - b.line);
}

function repositoryGraph(): { files: string[]; edges: ImportEdge[] } {
  const files = [...tsFiles('server/src'), ...tsFiles('rules'), ...tsFiles('client/src')];
  const edges: ImportEdge[] = [];
  for (const f of files) {
    for (const i of importsOf(f, fs.readFileSync(path.join(ROOT, f), 'utf8'))) {
      edges.push({ from: f, spec: i.spec, line: i.line, target: i.spec.startsWith('.') ? resolveImport(f, i.spec) : undefined });
    }
  }
  return { files, edges };
}

describe('layers: the architecture, enforced', () => {
  const graph = repositoryGraph();

  it('reads the whole code base', () => {
    // Guards against a checker that passes because it read nothing.
    assert.ok(graph.files.length > 100, `only ${graph.files.length} files read`);
    assert.ok(graph.files.includes('server/src/rule-api.ts') && graph.files.includes('client/src/extension.ts'));
    assert.ok(graph.edges.filter((e) => e.target).length > 300, 'too few relative imports resolved');
  });

  it('every import goes down the layer order, no file is in an import cycle, packages stay in their layer, rules use the rule API', () => {
    assert.deepEqual(checkImports(graph.files, graph.edges), []);
  });

  it('ARCHITECTURE.md states the same layer order', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const m = /^Layer order, lowest first: (.+)\.$/m.exec(doc);
    assert.ok(m, 'ARCHITECTURE.md has no line "Layer order, lowest first: a, b, ...."');
    assert.deepEqual(m[1].split(/,\s*/).map((s) => s.replace(/`/g, '').trim()), LAYERS.map((l) => l.name));
  });
});

describe('layers: the checker', () => {
  const files = ['server/src/hcl/a.ts', 'server/src/eval/b.ts', 'server/src/iam/c.ts', 'server/src/engine/d.ts', 'server/src/rule-api.ts', 'rules/x/rule.ts', 'rules/x/helper.ts', 'rules/y/rule.ts', 'rules/y/helper.ts', 'server/src/server.ts'];
  const edge = (from: string, spec: string, target?: string, line = 1): ImportEdge => ({ from, spec, line, target });

  it('accepts imports downward, within a layer, and a rule using the rule API, another rule and its own files', () => {
    const edges = [
      edge('server/src/eval/b.ts', '../hcl/a', 'server/src/hcl/a.ts'),
      edge('server/src/engine/d.ts', '../iam/c', 'server/src/iam/c.ts'),
      edge('rules/x/rule.ts', '../../server/src/rule-api', 'server/src/rule-api.ts'),
      edge('rules/x/rule.ts', '../y/rule', 'rules/y/rule.ts'),
      edge('rules/x/rule.ts', './helper', 'rules/x/helper.ts'),
      edge('rules/x/rule.ts', 'node:zlib'),
      edge('server/src/server.ts', 'vscode-languageserver/node'),
      edge('test/oracle/tree-sitter.ts', 'web-tree-sitter'),
    ];
    assert.deepEqual(checkImports(files, edges), []);
  });

  it('names the file, line and layers of an upward import', () => {
    assert.deepEqual(checkImports(files, [edge('server/src/iam/c.ts', '../engine/d', 'server/src/engine/d.ts', 7)]), [
      'server/src/iam/c.ts:7 imports ../engine/d (engine is above iam)',
    ]);
  });

  it('finds a file-level cycle, even within one layer and through type-only imports', () => {
    const cyc = ['server/src/eval/b.ts', 'server/src/eval/e.ts', 'server/src/eval/f.ts'];
    const edges = [
      edge(cyc[0], './e', cyc[1]),
      edge(cyc[1], './f', cyc[2]),
      edge(cyc[2], './b', cyc[0]),
      edge(cyc[1], '../hcl/a', 'server/src/hcl/a.ts'),
    ];
    assert.deepEqual(checkImports([...files, ...cyc.slice(1)], edges), ['import cycle: server/src/eval/b.ts → server/src/eval/e.ts → server/src/eval/f.ts → server/src/eval/b.ts']);
    const found = importCycles(
      ['a.ts', 'b.ts'],
      [edge('a.ts', './b', 'b.ts'), edge('b.ts', './a', 'a.ts')],
    );
    assert.deepEqual(found, [['a.ts', 'b.ts', 'a.ts']]);
  });

  it('rejects web-tree-sitter in the product (hcl/ included) and LSP or VS Code packages outside the server and client entry points', () => {
    assert.deepEqual(checkImports(files, [edge('server/src/hcl/a.ts', 'web-tree-sitter', undefined, 1), edge('server/src/eval/b.ts', 'web-tree-sitter', undefined, 2), edge('server/src/engine/d.ts', 'vscode-languageserver-types', undefined, 3), edge('server/src/engine/d.ts', 'vscode', undefined, 4)]), [
      'server/src/hcl/a.ts:1 imports web-tree-sitter (web-tree-sitter only in test/oracle/, bench/)',
      'server/src/eval/b.ts:2 imports web-tree-sitter (web-tree-sitter only in test/oracle/, bench/)',
      'server/src/engine/d.ts:3 imports vscode-languageserver-types (LSP and VS Code packages only in server/src/server.ts, server/src/language-server.ts, client/src/)',
      'server/src/engine/d.ts:4 imports vscode (LSP and VS Code packages only in server/src/server.ts, server/src/language-server.ts, client/src/)',
    ]);
  });

  it('rejects a rule reaching past the rule API, into another rule\'s helpers, or into a package', () => {
    assert.deepEqual(
      checkImports(files, [
        edge('rules/x/rule.ts', '../../server/src/hcl/a', 'server/src/hcl/a.ts', 1),
        edge('rules/x/rule.ts', '../y/helper', 'rules/y/helper.ts', 2),
        edge('rules/x/rule.ts', 'yaml', undefined, 3),
      ]),
      [
        'rules/x/rule.ts:1 imports ../../server/src/hcl/a (rules may import only rule-api)',
        'rules/x/rule.ts:2 imports ../y/helper (a rule imports another rule only through its rule.ts)',
        'rules/x/rule.ts:3 imports yaml (a rule imports only server/src/rule-api, another rule, node: modules or files of its own folder)',
      ],
    );
  });

  it('rejects a file in no layer, a missing import and code outside the checked folders', () => {
    assert.deepEqual(checkImports([...files, 'server/src/newdir/z.ts'], [edge('server/src/eval/b.ts', './gone', undefined, 5), edge('server/src/eval/b.ts', '../../../test/helpers', 'test/helpers.ts', 6)]), [
      'server/src/newdir/z.ts is in no layer: add it to LAYERS (test/unit/layers.test.ts) and ARCHITECTURE.md',
      'server/src/eval/b.ts:5 imports ./gone, which does not exist',
      'server/src/eval/b.ts:6 imports ../../../test/helpers (test/helpers.ts is outside the checked code)',
    ]);
  });

  it('reads type-only, re-exported, dynamic and require imports', () => {
    const text = "import type { A } from './a';\nexport { B } from './b';\nconst c = import('./c');\nconst d = require('./d');\ntype E = import('./e').E;\nimport './f';\n";
    assert.deepEqual(importsOf('x.ts', text).map((i) => `${i.line}:${i.spec}`), ['1:./a', '2:./b', '3:./c', '4:./d', '5:./e', '6:./f']);
  });
});
