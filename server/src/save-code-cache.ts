/**
 * Asks the loader that started this bundle (server/src/boot: dist/server.js, dist/cli.js) to
 * save V8's code cache, which then holds the functions run so far too, so the next start
 * compiles neither the bundle nor them. The loader leaves a function under this key when the
 * cache needs writing, and writes after the current work; without a loader (tests, a
 * bundle run directly) this does nothing. The bundles do not import the loader: the key is
 * spelled in both.
 */
export function saveCodeCache(): void {
  const save = (globalThis as Record<symbol, unknown>)[Symbol.for('perimeter.codeCache.save')];
  if (typeof save === 'function') save();
}
