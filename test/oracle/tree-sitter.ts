import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { HclFile } from '../../server/src/hcl/ast';
import { convertTree } from './convert';

/**
 * tree-sitter's HCL grammar, which Perimeter parsed with before its own parser: a second,
 * independent reading of the same files for the differential test. Test-only: the runtime
 * bundle no longer carries it.
 */
let parser: Parser | undefined;

export async function initTreeSitter(): Promise<void> {
  if (parser) return;
  await Parser.init({ locateFile: () => path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm') });
  const grammar = path.join(path.dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), 'tree-sitter-terraform.wasm');
  const p = new Parser();
  p.setLanguage(await Language.load(grammar));
  parser = p;
}

/** The file as tree-sitter reads it (initTreeSitter first). */
export function parseWithTreeSitter(filePath: string, text: string): HclFile {
  if (!parser) throw new Error('initTreeSitter() first');
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${filePath}`);
  try {
    return convertTree(tree.rootNode, text, filePath);
  } finally {
    tree.delete();
  }
}
