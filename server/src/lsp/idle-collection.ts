import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * Collects young garbage while the editor is idle. An analysis allocates a few hundred KB
 * and V8 collects its young generation every few megabytes, wherever the allocation that
 * fills it happens to be: in the middle of the analysis of a keystroke, where the pause
 * (5–15 ms, copying the analysis's live values) adds to the time until the user sees the
 * diagnostics. A collection in a pause in typing finds only the published results alive,
 * takes a millisecond or two, and leaves the next analysis a whole young generation.
 * (Browsers schedule collections in idle time for the same reason.)
 */
export class IdleCollection {
  private timer: NodeJS.Timeout | undefined;
  private readonly collect: (() => void) | undefined;

  constructor(
    /** How long without new work counts as a pause in typing. */
    private readonly idleMs: number,
    collect?: () => void,
  ) {
    this.collect = collect ?? minorCollection();
  }

  /** Work arrived: a collection now would be in its way. */
  busy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Work is done: collect if nothing else arrives for a while. */
  idle(): void {
    if (!this.collect) return;
    this.busy();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect?.();
    }, this.idleMs);
    // A pending collection never keeps the process alive.
    this.timer.unref();
  }
}

/**
 * V8's young-generation collection, when this Node offers it: `gc` is exposed to contexts
 * made after `--expose-gc` is set, so the server needs no command-line flag (an editor
 * starts it with its own). Undefined if not available: the server then runs as before.
 */
function minorCollection(): (() => void) | undefined {
  // Started with --expose-gc: use it, and leave the flags as they are.
  const global = (globalThis as { gc?: unknown }).gc;
  if (typeof global === 'function') return () => (global as (options: { type: 'minor' }) => void)({ type: 'minor' });
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
    if (typeof gc !== 'function') return undefined;
    return () => (gc as (options: { type: 'minor' }) => void)({ type: 'minor' });
  } catch {
    return undefined;
  }
}
