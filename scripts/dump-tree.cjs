// Debug aid: prints the tree-sitter CST of a .tf file (node scripts/dump-tree.cjs FILE).
const {Parser, Language} = require('web-tree-sitter');
(async()=>{await Parser.init(); const L = await Language.load('node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'); const p = new Parser(); p.setLanguage(L);
const src = require('fs').readFileSync(process.argv[2],'utf8');
const t = p.parse(src);
function dump(n, d){ console.log('  '.repeat(d)+n.type+(n.isNamed?'':'(anon)')+' ['+n.startIndex+','+n.endIndex+'] '+(n.childCount?'':JSON.stringify(n.text))); for (const c of n.children) dump(c,d+1);}
dump(t.rootNode,0);})();
