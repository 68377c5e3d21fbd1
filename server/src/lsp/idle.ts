import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * Runs a task once the server has been idle for a while after its work: `busy()` when work
 * arrives, `idle()` when it is done; the task runs if no work arrived for `idleMs`.
 *
 * The server uses it twice. To collect young garbage in a pause in typing: an analysis
 * allocates a few hundred KB and V8 collects its young generation every few megabytes,
 * wherever the allocation that fills it happens to be, often in the middle of the analysis
 * of a keystroke, where the pause (5–15 ms, copying the analysis's live values) adds to the
 * time until the user sees the diagnostics; a collection in a pause in typing finds only the
 * published results alive, takes a millisecond or two, and leaves the next analysis a whole
 * young generation (browsers schedule collections in idle time for the same reason). And to
 * save V8's code cache (20–40 ms of serialising) after the first analyses, out of the way of
 * the requests an editor sends when a file is first shown.
 */
export class WhenIdle {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** How long without new work counts as idle. */
    private readonly idleMs: number,
    private readonly task: () => void,
  ) {}

  /** Work arrived: the task now would be in its way. */
  busy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Work is done: run the task if nothing else arrives for a while. */
  idle(): void {
    this.busy();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.task();
    }, this.idleMs);
    // A pending task never keeps the process alive.
    this.timer.unref();
  }
}

type Collector = (options?: { type: 'minor' | 'major' }) => void;

/** V8's `gc`, once looked up: undefined until then, null when this Node does not offer it. */
let collector: Collector | null | undefined;

/**
 * V8's `gc`, when this Node offers it: `gc` is exposed to contexts made after `--expose-gc`
 * is set, so the server needs no command-line flag (an editor starts it with its own, and
 * the flag costs Node 10-30 ms of its start here). Looked up once: that makes a context.
 */
function exposedCollector(): Collector | null {
  if (collector !== undefined) return collector;
  collector = null;
  // Started with --expose-gc: use it, and leave the flags as they are.
  const global = (globalThis as { gc?: unknown }).gc;
  if (typeof global === 'function') return (collector = global as Collector);
  try {
    v8.setFlagsFromString('--expose-gc');
    let gc: unknown;
    try {
      gc = vm.runInNewContext('gc');
    } finally {
      // Put back as it was (off, since no gc was exposed): V8 takes a code cache
      // (server/src/boot) only under the flags it was made with, and the next start
      // compiles before this runs.
      v8.setFlagsFromString('--no-expose-gc');
    }
    if (typeof gc === 'function') collector = gc as Collector;
  } catch {
    // not offered: the callers do without
  }
  return collector;
}

/**
 * V8's young-generation collection, when this Node offers it (see exposedCollector).
 * Undefined if not available: the server then runs as before.
 */
export function minorCollection(): (() => void) | undefined {
  const gc = exposedCollector();
  return gc ? () => gc({ type: 'minor' }) : undefined;
}

/** A full collection, when this Node offers it: for figures of memory in use (perimeter/stats). */
export function fullCollection(): (() => void) | undefined {
  const gc = exposedCollector();
  return gc ? () => gc() : undefined;
}
