// `node --import tsx bench/parsers.ts [dir…]`: parse time of the whole corpus (default
// ../shared/corpus) with Perimeter's parser (hcl/native), the tree-sitter reading it
// replaced (tree-sitter + conversion to the AST, test/oracle), tree-sitter's parse alone, and
// HashiCorp's parser (hcl2json),
// in this process on the same files. Prints MB/s and ratios; figures, not pass/fail.
import * as path from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { Language, Parser } from 'web-tree-sitter';
import { parseHcl } from '../server/src/hcl/parser';
import { initTreeSitter, parseWithTreeSitter } from '../test/oracle/tree-sitter';
import { collectFiles, readSources } from '../server/src/module/workspace';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.PERIMETER_BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(f: () => unknown | Promise<unknown>): Promise<number> {
  await f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function main(): Promise<void> {
  const dirs = process.argv.slice(2);
  const roots = dirs.length ? dirs : [path.resolve(ROOT, '../shared/corpus')];
  const { files } = collectFiles(roots);
  const { sources } = readSources(files.filter((f) => f.endsWith('.tf') || f.endsWith('.tfvars')));
  const mb = sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0) / 1e6;
  await initTreeSitter();
  await Parser.init();
  const ts = new Parser();
  ts.setLanguage(await Language.load(path.join(path.dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), 'tree-sitter-terraform.wasm')));

  const native = await time(() => {
    for (const s of sources) parseHcl(s.path, s.text);
  });
  const today = await time(() => {
    for (const s of sources) parseWithTreeSitter(s.path, s.text);
  });
  const treeSitter = await time(() => {
    for (const s of sources) ts.parse(s.text)?.delete();
  });
  const hashicorp = await time(async () => {
    for (const s of sources) {
      try {
        await hcl2json(path.basename(s.path), s.text);
      } catch {
        // a file hcl2json rejects still costs its time
      }
    }
  });
  const rate = (ms: number) => +(mb / (ms / 1000)).toFixed(1);
  const rows = [
    ['Perimeter parseHcl (AST)', native],
    ['tree-sitter + conversion (AST)', today],
    ['tree-sitter parse alone (no AST)', treeSitter],
    ['hcl2json (HashiCorp, JSON)', hashicorp],
  ] as const;
  console.log(`${sources.length} files, ${mb.toFixed(2)} MB, median of ${RUNS} runs`);
  for (const [name, ms] of rows) console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms ${String(rate(ms)).padStart(7)} MB/s`);
  console.log(`Perimeter vs tree-sitter + conversion: ${(today / native).toFixed(2)}x faster; vs tree-sitter alone: ${(treeSitter / native).toFixed(2)}x; vs hcl2json: ${(hashicorp / native).toFixed(2)}x`);
}

void main();
