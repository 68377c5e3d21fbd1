import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as vm from 'node:vm';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { fullCollection, minorCollection, WhenIdle } from '../../server/src/lsp/idle';
import { ROOT } from '../helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether V8 made a collection of `kind` (a perf_hooks constant) while `run` ran. */
async function collectionsWhile(kind: number, run: () => Promise<void>): Promise<boolean> {
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (((e as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind === kind) seen.push(e.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  const before = performance.now();
  try {
    await run();
  } finally {
    observer.disconnect();
  }
  return seen.some((t) => t >= before);
}

describe('when idle: a task run in a pause in the server\'s work', () => {
  it('runs once after the pause when no work arrives', async () => {
    let runs = 0;
    const idle = new WhenIdle(10, () => runs++);
    idle.idle();
    assert.equal(runs, 0, 'never during the work it follows');
    await sleep(40);
    assert.equal(runs, 1);
    await sleep(30);
    assert.equal(runs, 1, 'once per pause, not periodically');
  });

  it('does not run when work arrives before the pause is over', async () => {
    let runs = 0;
    const idle = new WhenIdle(30, () => runs++);
    idle.idle();
    await sleep(5);
    idle.busy();
    await sleep(50);
    assert.equal(runs, 0);
  });

  it('waits the whole pause again after each piece of work', async () => {
    let runs = 0;
    const idle = new WhenIdle(30, () => runs++);
    for (let i = 0; i < 4; i++) {
      idle.idle();
      await sleep(10);
    }
    assert.equal(runs, 0, 'keystrokes 10 ms apart are not a pause');
    await sleep(60);
    assert.equal(runs, 1);
  });

  it('collects V8\'s young generation in the pause, without a command-line flag', async () => {
    // This process was started without --expose-gc: the collection must still be found and run.
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
    const ran = await collectionsWhile(constants.NODE_PERFORMANCE_GC_MINOR, async () => {
      const collect = minorCollection();
      assert.ok(collect);
      new WhenIdle(5, collect).idle();
      await sleep(60);
    });
    assert.ok(ran, 'a young-generation collection ran in the pause');
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'gc is not left on the global object');
  });

  it('runs a full collection for memory figures (perimeter/stats), without a command-line flag', async () => {
    const ran = await collectionsWhile(constants.NODE_PERFORMANCE_GC_MAJOR, async () => {
      const collect = fullCollection();
      assert.ok(collect);
      collect();
      // Entries are delivered after the collection, in a later turn.
      await sleep(20);
    });
    assert.ok(ran, 'a full collection ran');
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'gc is not left on the global object');
  });

  // A code cache (server/src/boot) is taken only under the flags it was made with: taking gc
  // must leave V8's flags as the process started with them.
  it('leaves V8\'s flags as they were, without --expose-gc', () => {
    minorCollection();
    assert.equal(vm.runInNewContext('typeof gc'), 'undefined');
  });

  it('leaves V8\'s flags as they were, with --expose-gc', () => {
    const script = `const { minorCollection } = require(${JSON.stringify(path.join(ROOT, 'server/src/lsp/idle.ts'))});
minorCollection();
process.stdout.write(require('node:vm').runInNewContext('typeof gc'));`;
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(out, 'function');
  });
});
