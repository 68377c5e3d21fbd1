import type { FileEdit } from '../engine/rule';
import type { Value } from '../eval/value';
import { indentAt, indentUnit, lineBreakOf, reindent } from './layout';

type JsonObject = Extract<Value, { kind: 'object' }>;

/**
 * Adds `"key": value` to a JSON object written in a heredoc, a quoted string or a
 * `.json` file read with `file()`. `object` comes from `parseJsonString`, so its origin
 * and its entries' origins are offsets in `text` (the text of `object.origin.file`).
 * `valueJson` is JSON text written with two-space indentation; it is re-indented to
 * the object's members.
 */
export function addJsonMember(text: string, object: JsonObject, key: string, valueJson: string): FileEdit {
  const file = object.origin.file;
  const nl = lineBreakOf(text);
  const close = object.origin.span.end - 1;
  if (text[close] !== '}') throw new Error('the JSON object does not end where its range says');
  const last = object.entries[object.entries.length - 1];
  const multiLine = /[\r\n]/.test(text.slice(object.origin.span.start, object.origin.span.end));
  if (!multiLine) {
    const value = valueJson.replace(/\s*\n\s*/g, ' ');
    const insertAt = last ? last.value.origin.span.end : object.origin.span.start + 1;
    return { file, span: { start: insertAt, end: insertAt }, newText: `${last ? ', ' : ' '}${JSON.stringify(key)}: ${value}${last ? '' : ' '}` };
  }
  const indent = last ? indentAt(text, last.keyOrigin.span.start) : indentAt(text, object.origin.span.start) + indentUnit(text);
  // The first line follows the key on its line; the rest are re-indented under the members.
  const value = reindent(valueJson, indent, indentUnit(text))
    .map((l, i) => (i === 0 ? l.slice(indent.length) : l))
    .join(nl);
  const insertAt = last ? last.value.origin.span.end : object.origin.span.start + 1;
  return { file, span: { start: insertAt, end: insertAt }, newText: `${last ? ',' : ''}${nl}${indent}${JSON.stringify(key)}: ${value}` };
}
