// Tidy test: every `export` of server/src, rules/ and client/src is imported by another file.
// An export nobody imports is API surface nobody uses: drop the `export` (or the code).
// Tests and the benchmark count as importers: a function exported so that a unit test can
// call it directly is fine. Roots (entry points and the rule API barrel) export for callers
// outside the code (the bundler, VS Code, rules) and are not checked.
// References are resolved with the TypeScript checker: named imports of values and types,
// default and namespace imports (`ns.name`, `ns.Type`), `import('…').Name`, destructured
// `await import('…')`, and re-exports through barrels (each hop of a chain counts as used).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

/** Entry points and barrels whose exports are for the outside: never reported. */
const ROOTS = [
  'server/src/cli.ts',
  'server/src/server.ts',
  'server/src/boot/server.ts',
  'server/src/boot/cli.ts',
  'server/src/language-server.ts',
  'server/src/scan-worker.ts',
  'server/src/rule-api.ts',
  'client/src/extension.ts',
  'rules/index.ts',
];

/** Folders whose exports are checked. */
const CHECKED = ['server/src/', 'rules/', 'client/src/'];

/** Folders whose files are importers (the checked ones, plus tests and the benchmark). */
const IMPORTERS = [...CHECKED, 'test/', 'bench/'];

/** Not code: rule fixtures and the e2e workspace. */
const SKIP = [/^rules\/[^/]+\/(test|fixes)\//, /^test\/e2e\/workspace\//, /^test\/fixtures\//];

function listTs(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const stack = dirs.map((d) => path.join(root, d));
  while (stack.length) {
    const dir = stack.pop()!;
    if (!fs.existsSync(dir)) continue;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      const rel = path.relative(root, p).split(path.sep).join('/');
      if (e.name === 'node_modules' || SKIP.some((r) => r.test(rel + (e.isDirectory() ? '/' : '')))) continue;
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
    }
  }
  return out.sort();
}

function compilerOptions(root: string): ts.CompilerOptions {
  const base = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(base.config?.compilerOptions ?? {}, root);
  return { ...options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false, types: ['node', 'vscode'] };
}

interface UnusedExport {
  /** Repository-relative path. */
  readonly file: string;
  readonly line: number;
  readonly name: string;
}

/**
 * The exports of the `checked` files (minus `roots`) that no other file of `files` refers
 * to. Paths are relative to `root`.
 */
function findUnusedExports(
  root: string,
  files: readonly string[],
  checked: (rel: string) => boolean,
  roots: ReadonlySet<string>,
  options: ts.CompilerOptions,
): UnusedExport[] {
  const program = ts.createProgram({ rootNames: files.map((f) => path.join(root, f)), options });
  const checker = program.getTypeChecker();
  const rel = (sf: ts.SourceFile) => path.relative(root, sf.fileName).split(path.sep).join('/');
  const own = new Set(files);
  const sources = program.getSourceFiles().filter((sf) => own.has(rel(sf)));

  // symbol → the files that refer to it (through any hop of an alias chain)
  const referrers = new Map<ts.Symbol, Set<ts.SourceFile>>();
  const mark = (s: ts.Symbol, sf: ts.SourceFile) => {
    const key = s.flags & ts.SymbolFlags.Alias ? s : checker.getExportSymbolOfSymbol(s);
    let set = referrers.get(key);
    if (!set) referrers.set(key, (set = new Set()));
    set.add(sf);
  };
  const markChain = (start: ts.Symbol | undefined, sf: ts.SourceFile) => {
    const seen = new Set<ts.Symbol>();
    let s = start;
    while (s && !seen.has(s)) {
      seen.add(s);
      mark(s, sf);
      if (!(s.flags & ts.SymbolFlags.Alias)) break;
      s = checker.getImmediateAliasedSymbol(s);
    }
  };
  const isNamespaceImport = (id: ts.Identifier) =>
    checker.getSymbolAtLocation(id)?.declarations?.some((d) => ts.isNamespaceImport(d)) ?? false;
  const isDynamicImport = (e: ts.Expression | undefined): boolean =>
    !!e && ts.isAwaitExpression(e) && ts.isCallExpression(e.expression) && e.expression.expression.kind === ts.SyntaxKind.ImportKeyword;
  // Only the places where a name of another file can appear are resolved (no expression is
  // type-checked but the initializers of destructured dynamic imports).
  for (const sf of sources) {
    const stack: ts.Node[] = [sf];
    while (stack.length) {
      const node = stack.pop()!;
      if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node) || ts.isImportClause(node)) {
        if (node.name) markChain(checker.getSymbolAtLocation(node.name), sf);
      } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && isNamespaceImport(node.expression)) {
        markChain(checker.getSymbolAtLocation(node.name), sf);
      } else if (ts.isQualifiedName(node) && ts.isIdentifier(node.left) && isNamespaceImport(node.left)) {
        markChain(checker.getSymbolAtLocation(node.right), sf);
      } else if (ts.isImportTypeNode(node) && node.qualifier) {
        markChain(checker.getSymbolAtLocation(ts.isIdentifier(node.qualifier) ? node.qualifier : node.qualifier.right), sf);
      } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && isDynamicImport(node.initializer)) {
        const type = checker.getTypeAtLocation(node.initializer!);
        for (const el of node.name.elements) {
          const key = el.propertyName ?? el.name;
          if (ts.isIdentifier(key)) markChain(type.getProperty(key.text), sf);
        }
      }
      ts.forEachChild(node, (c) => {
        stack.push(c);
      });
    }
  }

  const unused: UnusedExport[] = [];
  for (const sf of sources) {
    const file = rel(sf);
    if (!checked(file) || roots.has(file)) continue;
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (!moduleSymbol) continue;
    for (const e of checker.getExportsOfModule(moduleSymbol)) {
      const decl = e.declarations?.find((d) => d.getSourceFile() === sf);
      if (!decl) continue; // `export *` of another file: checked there
      const users = referrers.get(e);
      if (users && [...users].some((u) => u !== sf)) continue;
      const line = sf.getLineAndCharacterOfPosition(decl.getStart()).line + 1;
      unused.push({ file, line, name: e.name });
    }
  }
  return unused.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

describe('unused exports', () => {
  it('finds exports nobody imports, and only those', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perimeter-unused-exports-'));
    try {
      const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
      write(
        'a.ts',
        [
          'export const named = 1;',
          'export const viaNamespace = 2;',
          'export interface OnlyAType { x: number }',
          'export function reExported(): number { return 3; }',
          'export const onlyHere = 4;',
          'export const nobody = onlyHere + 5;',
          'export default function dflt(): number { return 6; }',
          'const local = 7;',
          'export { local as renamed };',
          'export type ViaImportType = string;',
          'export const viaDynamicImport = 8;',
          '',
        ].join('\n'),
      );
      write('barrel.ts', "export { reExported } from './a';\nexport { named as unusedHop } from './a';\n");
      write(
        'b.ts',
        [
          "import dflt, { named, type OnlyAType, renamed } from './a';",
          "import * as ns from './a';",
          "import { reExported } from './barrel';",
          "export const sum: OnlyAType = { x: dflt() + named + ns.viaNamespace + reExported() + renamed };",
          "export const t: import('./a').ViaImportType = '';",
          "export async function later(): Promise<number> { const { viaDynamicImport: v } = await import('./a'); return v; }",
          '',
        ].join('\n'),
      );
      const files = ['a.ts', 'barrel.ts', 'b.ts'];
      const options = { ...compilerOptions(ROOT), types: [] };
      const found = findUnusedExports(dir, files, (f) => f !== 'b.ts', new Set(), options);
      assert.deepEqual(
        found.map((u) => `${u.file}:${u.line} ${u.name}`),
        ['a.ts:5 onlyHere', 'a.ts:6 nobody', 'barrel.ts:2 unusedHop'],
      );
      // A root's exports are never reported.
      const withRoot = findUnusedExports(dir, files, (f) => f !== 'b.ts', new Set(['barrel.ts']), options);
      assert.deepEqual(
        withRoot.map((u) => `${u.file}:${u.line} ${u.name}`),
        ['a.ts:5 onlyHere', 'a.ts:6 nobody'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every export of server/src, rules/ and client/src is imported by another file (tests count)', () => {
    const files = listTs(ROOT, IMPORTERS).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    for (const r of ROOTS) assert.ok(files.includes(r), `root ${r} exists`);
    const unused = findUnusedExports(ROOT, files, (f) => CHECKED.some((c) => f.startsWith(c)), new Set(ROOTS), compilerOptions(ROOT));
    assert.deepEqual(
      unused.map((u) => `${u.file}:${u.line}: ${u.name}`),
      [],
      'exported but imported by no other file: drop the `export` keyword, or the code if nothing uses it',
    );
  });
});
