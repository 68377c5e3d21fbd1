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

/** The one hidden property under which an object keeps the values of every ObjectSlot. */
const HELD = Symbol('perimeter.objectSlots');

type Holder = { [HELD]?: Map<symbol, unknown> };

/**
 * Gives an object, as it is made, the place ObjectSlot values go: objects of a class that
 * calls this in its constructor all have one shape, whichever slots are filled later (V8
 * optimises code for the shapes it has seen, and undoes it on a new one).
 */
export function holdsObjectSlots(object: object): Map<symbol, unknown> {
  const held = new Map<symbol, unknown>();
  Object.defineProperty(object, HELD, { value: held, enumerable: false });
  return held;
}

/**
 * What a WeakMap does (a value per object, for as long as the object lives), with the value
 * kept on the object itself: in one hidden property (not enumerable, so spreading,
 * comparing or serialising the object does not see it) holding every slot's value, so an
 * object changes shape once, whichever slots are filled and in what order.
 *
 * Why not a WeakMap: V8's young-generation collector keeps every value of a long-lived
 * WeakMap alive until the next full collection, even when its key is garbage. Values keyed
 * by what one keystroke's analysis made (a module, a file version, a file list) took that
 * keystroke's syntax tree and text with them into the old generation, so every young
 * collection while typing copied 1-4 MB (3 ms instead of 0.5 for the module index alone, in
 * a test of 2,000 lines typed into). An object that cannot take a property (frozen) falls
 * back to a WeakMap.
 */
export class ObjectSlot<K extends object, V> {
  private readonly slot = Symbol('slot');
  private readonly frozen = new WeakMap<K, V>();

  private static held(key: object): Map<symbol, unknown> | undefined {
    return Object.prototype.hasOwnProperty.call(key, HELD) ? (key as Holder)[HELD] : undefined;
  }

  get(key: K): V | undefined {
    const held = ObjectSlot.held(key);
    return held ? (held.get(this.slot) as V | undefined) : this.frozen.get(key);
  }

  has(key: K): boolean {
    const held = ObjectSlot.held(key);
    return held ? held.has(this.slot) : this.frozen.has(key);
  }

  set(key: K, value: V): this {
    const held = ObjectSlot.held(key) ?? (Object.isExtensible(key) ? holdsObjectSlots(key) : undefined);
    if (held) held.set(this.slot, value);
    else this.frozen.set(key, value);
    return this;
  }
}

/**
 * `compute` remembered by object, for as long as the object lives: results that depend on one
 * parsed file version or one list of files, asked again by every module (and module instance)
 * that reads it. Kept in an ObjectSlot (above), not a WeakMap.
 */
export function memoizedByObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new ObjectSlot<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}
