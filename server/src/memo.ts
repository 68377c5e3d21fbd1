/**
 * `compute` remembered by argument, for pure functions the editor asks again on every pause
 * in typing (catalogue lookups, pattern expansions, id normalisation). At most `max` answers
 * are kept: past that the memory starts afresh, so a long session cannot grow it without end.
 */
export function memoized<K, V>(compute: (key: K) => V, max = 10_000): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    if (known.size >= max) known.clear();
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}

/**
 * `compute` remembered by object, for as long as the object lives: results that depend on one
 * parsed file version or one list of files, asked again by every module (and module instance)
 * that reads it.
 */
export function memoizedByObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}
