import * as fc from 'fast-check';

/** Ways a real file gets broken while someone edits it, or by tools that produce it. */
export const mutation = (text: string): fc.Arbitrary<string> => {
  const len = Math.max(1, text.length);
  const at = fc.integer({ min: 0, max: len });
  const range = fc.tuple(at, fc.integer({ min: 0, max: 200 })).map(([s, n]) => [s, Math.min(len, s + n)] as const);
  const junk = fc.constantFrom('{', '}', '[', ']', '(', ')', '"', '${', '%{', '<<EOF\n', '<<-EOT\n', '\nEOF\n', '=', '#', '/*', '*/', '\0', '\uFEFF', '\r', '\r\n', '\\', '\uD800', '.*', ',', '...', '?', ':');
  return fc.oneof(
    at.map((i) => text.slice(0, i)), // truncated while typing
    range.map(([s, e]) => text.slice(0, s) + text.slice(e)), // deleted span
    range.map(([s, e]) => text.slice(0, e) + text.slice(s, e) + text.slice(e)), // duplicated span
    fc.tuple(at, junk).map(([i, j]) => text.slice(0, i) + j + text.slice(i)), // stray token
    fc.tuple(at, fc.array(junk, { minLength: 1, maxLength: 20 })).map(([i, js]) => text.slice(0, i) + js.join('') + text.slice(i)),
    fc.constant(text.replace(/\n/g, '\r\n')), // CRLF
    fc.constant('\uFEFF' + text), // BOM
    fc.tuple(at, fc.string({ unit: 'binary', maxLength: 40 })).map(([i, s]) => text.slice(0, i) + s + text.slice(i)), // any UTF-16, lone surrogates included
  );
};

/** Deep nesting of brackets, objects, calls, conditionals and heredocs. */
export const deepNesting = fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[', '{ a = ', 'f(', '(', 'x ? ', '"${')).map(([depth, open]) => {
  const close: Record<string, string> = { '[': ']', '{ a = ': '}', 'f(': ')', '(': ')', 'x ? ': ' : 1', '"${': '}"' };
  return `v = ${open.repeat(depth)}1${close[open].repeat(depth)}\n`;
});
