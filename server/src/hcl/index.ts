export * from './ast';
export * from './span';
export { initHcl, parseHcl, HclDocument, type TextEdit } from './parser';
export { pieceOffset } from './strings';
