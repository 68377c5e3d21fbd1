export { applyEdits } from './apply';
export { addAttribute, addObjectMember, appendNestedBlock, hclString, insertBlockAfter, removeAttribute, replaceExpr } from './hcl-edits';
export { addJsonMember } from './json-edits';
export { writeFileSafely } from './write';
