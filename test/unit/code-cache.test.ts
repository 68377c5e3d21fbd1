// The loader that runs a bundle with V8's code cache (server/src/boot/code-cache.ts), on a
// small bundle of its own in a temporary folder: where the cache lives, what a damaged or
// planted file does, and that the bundle runs as the CommonJS module it was written as.
// Every cache folder here is under a temporary directory, never the user's.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { afterEach, describe, it } from 'node:test';
import {
  cacheDirectory,
  cacheFileName,
  decodeCache,
  encodeCache,
  loadWithCodeCache,
  prepareDirectory,
  readCache,
  SAVE_HOOK,
  writeCache,
} from '../../server/src/boot/code-cache';
import { tempDir } from '../helpers';

const POSIX = process.platform !== 'win32';

describe('code cache: where it lives', () => {
  it('is $XDG_CACHE_HOME/perimeter/code-cache on Linux, else ~/.cache; a relative XDG_CACHE_HOME is ignored', () => {
    assert.equal(cacheDirectory({ XDG_CACHE_HOME: '/x/cache' }, 'linux', '/home/u'), '/x/cache/perimeter/code-cache');
    assert.equal(cacheDirectory({}, 'linux', '/home/u'), '/home/u/.cache/perimeter/code-cache');
    assert.equal(cacheDirectory({ XDG_CACHE_HOME: 'cache' }, 'linux', '/home/u'), '/home/u/.cache/perimeter/code-cache');
  });

  it('is ~/Library/Caches on macOS and %LOCALAPPDATA% on Windows', () => {
    assert.equal(cacheDirectory({ XDG_CACHE_HOME: '/x' }, 'darwin', '/Users/u'), '/Users/u/Library/Caches/perimeter/code-cache');
    assert.equal(cacheDirectory({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'), 'C:\\Users\\u\\AppData\\Local\\perimeter\\code-cache');
  });

  it('is nowhere without a home (or %LOCALAPPDATA%): the bundle then loads without a cache', () => {
    assert.equal(cacheDirectory({}, 'linux', undefined), undefined);
    assert.equal(cacheDirectory({}, 'darwin', undefined), undefined);
    assert.equal(cacheDirectory({}, 'win32', 'C:\\Users\\u'), undefined);
    assert.equal(cacheDirectory({}, 'linux', 'relative/home'), undefined);
  });

  it('is named by the bundle, its text, the Node version and the architecture', () => {
    const text = Buffer.from('console.log(1)');
    const name = cacheFileName('server-main', text, 'v20.0.0', 'x64');
    assert.match(name, /^server-main-[0-9a-f]{24}-[0-9a-f]{8}\.cache$/);
    assert.equal(cacheFileName('server-main', Buffer.from('console.log(1)'), 'v20.0.0', 'x64'), name);
    for (const other of [
      cacheFileName('server-main', Buffer.from('console.log(2)'), 'v20.0.0', 'x64'),
      cacheFileName('server-main', text, 'v20.0.1', 'x64'),
      cacheFileName('server-main', text, 'v20.0.0', 'arm64'),
    ]) {
      assert.notEqual(other, name);
    }
  });
});

describe('code cache: the file', () => {
  const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  it('reads back what was written; a truncated, changed or foreign file is not a cache', () => {
    const file = encodeCache(data);
    assert.deepEqual(decodeCache(file), data);
    assert.equal(decodeCache(file.subarray(0, file.length - 1)), undefined);
    assert.equal(decodeCache(file.subarray(0, 10)), undefined);
    const flipped = Buffer.from(file);
    flipped[flipped.length - 500] ^= 1;
    assert.equal(decodeCache(flipped), undefined);
    assert.equal(decodeCache(data), undefined);
    assert.equal(decodeCache(Buffer.alloc(0)), undefined);
  });

  it('is written atomically, and replaces the caches of older builds of its bundle only', () => {
    const dir = tempDir();
    const old = cacheFileName('server-main', Buffer.from('old build'));
    const oldOtherNode = cacheFileName('server-main', Buffer.from('old build'), 'v18.0.0');
    const name = cacheFileName('server-main', Buffer.from('new build'));
    const otherNode = cacheFileName('server-main', Buffer.from('new build'), 'v18.0.0');
    const otherBundle = cacheFileName('server', Buffer.from('old build'));
    const staleTemp = `${old}.123.abcd.tmp`;
    const freshTemp = `${old}.456.abcd.tmp`;
    for (const f of [old, oldOtherNode, otherNode, otherBundle, staleTemp, freshTemp]) fs.writeFileSync(path.join(dir, f), 'x');
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(path.join(dir, staleTemp), hoursAgo, hoursAgo);
    writeCache(dir, name, data);
    assert.deepEqual(
      fs.readdirSync(dir).sort(),
      [name, otherNode, otherBundle, freshTemp].sort(),
      'the older build is gone for every Node, another Node keeps its cache of this build, a temporary file goes when over an hour old',
    );
    assert.deepEqual(readCache(path.join(dir, name)), data);
    if (POSIX) assert.equal(fs.statSync(path.join(dir, name)).mode & 0o777, 0o600);
    assert.equal(readCache(path.join(dir, 'missing.cache')), undefined);
    fs.writeFileSync(path.join(dir, old), 'not a cache');
    assert.equal(readCache(path.join(dir, old)), 'invalid');
  });

  it('has a folder of mode 0700 that is this user\'s own; a link or a file there is not used', { skip: !POSIX && 'POSIX modes' }, () => {
    const base = tempDir();
    const dir = path.join(base, 'perimeter', 'code-cache');
    assert.equal(prepareDirectory(dir), true);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    fs.chmodSync(dir, 0o777);
    assert.equal(prepareDirectory(dir), true);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700, 'permissions someone added are removed');
    const link = path.join(base, 'link');
    fs.symlinkSync(dir, link);
    assert.equal(prepareDirectory(link), false);
    const file = path.join(base, 'file');
    fs.writeFileSync(file, '');
    assert.throws(() => prepareDirectory(file));
  });
});

describe('code cache: loading a bundle', () => {
  const hook = () => (globalThis as Record<symbol, unknown>)[SAVE_HOOK] as (() => void) | undefined;
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[SAVE_HOOK];
  });

  /**
   * A bundle and a helper file beside it; its exports tell what it saw. Each is a text of
   * its own: V8 keeps the scripts this process compiled and would not look at a cache for
   * one it compiled before (so whether V8 takes a cache in a new process is tested by
   * test/lsp/code-cache.test.ts, with the server).
   */
  let bundles = 0;
  function bundle(): string {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'helper.js'), 'module.exports = "helper";\n');
    const text = [
      `// bundle ${++bundles}`,
      "'use strict';",
      'exports.filename = __filename;',
      'exports.dirname = __dirname;',
      "exports.helper = require('./helper.js');",
      "exports.moduleExports = module.exports === exports && module.filename === __filename && this === exports;",
      'exports.add = function add(a, b) { return a + b; };',
      "exports.boom = function boom() { throw new Error('boom'); };",
      'for (let i = 0; i < 5; i++) exports.add(i, i);',
      '//# sourceMappingURL=main.js.map',
    ].join('\n');
    const file = path.join(dir, 'main.js');
    fs.writeFileSync(file, text);
    return file;
  }

  function load(file: string, env: NodeJS.ProcessEnv) {
    const parent = { exports: {}, children: [] } as unknown as NodeJS.Module;
    // The tests run under tsx, which turns source maps on.
    const state = loadWithCodeCache(file, parent as never, { env, sourceMaps: false });
    const mod = (parent as unknown as { children: NodeJS.Module[] }).children.at(-1);
    return { state, exports: mod?.exports as Record<string, unknown> & { add(a: number, b: number): number; boom(): never } };
  }

  function cacheEnv(): { env: NodeJS.ProcessEnv; dir: string } {
    const home = tempDir();
    return { env: { HOME: home, XDG_CACHE_HOME: home, LOCALAPPDATA: home }, dir: cacheDirectory({ HOME: home, XDG_CACHE_HOME: home, LOCALAPPDATA: home }, process.platform, home)! };
  }

  /** Calls the save hook as the server does and waits for the write, which comes after. */
  async function save(): Promise<void> {
    const f = hook();
    assert.equal(typeof f, 'function', 'a save hook is registered');
    f!();
    assert.equal(hook(), undefined, 'the hook is called once');
    await new Promise((r) => setImmediate(r));
  }

  it('runs the bundle as CommonJS: __filename, __dirname, require beside it, module and exports', () => {
    const file = bundle();
    const { exports } = load(file, { PERIMETER_CODE_CACHE: '0' });
    assert.equal(exports.filename, file);
    assert.equal(exports.dirname, path.dirname(file));
    assert.equal(exports.helper, 'helper');
    assert.equal(exports.moduleExports, true);
    assert.equal(exports.add(2, 3), 5);
  });

  it('keeps stack traces in the bundle, at its own lines and columns', () => {
    const file = bundle();
    const { exports } = load(file, { PERIMETER_CODE_CACHE: '0' });
    const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('boom()'));
    const column = fs.readFileSync(file, 'utf8').split('\n')[line].indexOf('new Error');
    assert.throws(() => exports.boom(), (e: Error) => {
      assert.ok(e.stack!.includes(`${file}:${line + 1}:${column + 1}`), e.stack);
      return true;
    });
  });

  it('writes the cache when asked (once, after the current work) and reads it at the next load', async () => {
    const file = bundle();
    const { env, dir } = cacheEnv();
    assert.equal(load(file, env).state, 'none');
    assert.equal(fs.existsSync(dir), false, 'nothing is made before the bundle asks');
    await save();
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 1);
    if (POSIX) assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    const second = load(file, env);
    assert.equal(second.state, 'accepted');
    assert.equal(second.exports.add(1, 2), 3);
    assert.equal(hook(), undefined, 'an accepted cache is not written again');
    assert.deepEqual(fs.readdirSync(dir), files);
  });

  it('ignores a damaged or truncated cache and replaces it', async () => {
    const file = bundle();
    const { env, dir } = cacheEnv();
    load(file, env);
    await save();
    const [name] = fs.readdirSync(dir);
    const good = fs.readFileSync(path.join(dir, name));
    for (const bad of [good.subarray(0, good.length >> 1), Buffer.from(good).fill(7, good.length - 100), Buffer.from('garbage')]) {
      fs.writeFileSync(path.join(dir, name), bad);
      const r = load(file, env);
      assert.equal(r.state, 'invalid');
      assert.equal(r.exports.add(2, 2), 4);
      await save();
      assert.equal(load(file, env).state, 'accepted');
      delete (globalThis as Record<symbol, unknown>)[SAVE_HOOK];
    }
  });

  it('compiles without a cache V8 rejects (made for another text of the same name) and replaces it', async () => {
    const file = bundle();
    const { env, dir } = cacheEnv();
    const name = cacheFileName('main', fs.readFileSync(file));
    const other = new vm.Script('exports.other = 1;');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), encodeCache(other.createCachedData()));
    const r = load(file, env);
    assert.equal(r.state, 'rejected');
    assert.equal(r.exports.add(1, 1), 2);
    await save();
    assert.equal(load(file, env).state, 'accepted');
  });

  it('loads without a cache where none can be written, and says so in one line when asked to write', async (t) => {
    const file = bundle();
    const home = tempDir();
    // A file where the cache folder would be: no user, not even root, can make the folder.
    const blocked = path.join(home, 'not-a-folder');
    fs.writeFileSync(blocked, '');
    const written: string[] = [];
    t.mock.method(process.stderr, 'write', (s: string) => written.push(s) > 0);
    const r = load(file, { HOME: blocked, XDG_CACHE_HOME: blocked, LOCALAPPDATA: blocked });
    assert.equal(r.state, 'none');
    assert.equal(r.exports.add(1, 1), 2);
    await save();
    t.mock.restoreAll();
    assert.equal(written.length, 1, written.join(''));
    assert.match(written[0], /^perimeter: the code cache was not written in .*not-a-folder.*\n$/);
  });

  it('leaves the bundle to Node\'s loader when stack traces are source-mapped', () => {
    const file = bundle();
    const { env } = cacheEnv();
    const state = loadWithCodeCache(file, module, { env, sourceMaps: true });
    assert.equal(state, 'disabled');
    assert.equal((require.cache[file]?.exports as { helper: string }).helper, 'helper', 'loaded by Node\'s loader');
    assert.equal(hook(), undefined);
    assert.deepEqual(fs.readdirSync(env.HOME!), []);
  });

  it('neither reads nor writes with PERIMETER_CODE_CACHE=0', () => {
    const file = bundle();
    const { env } = cacheEnv();
    const r = load(file, { ...env, PERIMETER_CODE_CACHE: '0' });
    assert.equal(r.state, 'disabled');
    assert.equal(hook(), undefined);
    assert.deepEqual(fs.readdirSync(env.HOME!), []);
  });
});
