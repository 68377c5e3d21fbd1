// Loads a bundle with V8's code cache. `dist/server.js` runs the server bundle
// (`dist/server-main.js`) through here: compiled with the bytecode a previous start saved,
// a start skips compiling the 700 kB bundle and the functions its first analysis runs.
// The cache is saved when the bundle asks for it (the server: after its first published
// diagnostics, so that the cache holds the analysis functions too).
//
// Nothing here may stop the bundle from loading: any failure to find, read, check or write
// a cache loads the bundle without one. Only a failed write says so, in one line on stderr
// (the server's log; with --stdio, stdout is the protocol).
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * The global the loaded bundle calls, once, to have its cache saved (server.ts spells the
 * same key: it does not import this loader).
 */
export const SAVE_HOOK = Symbol.for('perimeter.codeCache.save');

/**
 * The private folder of the cache, or undefined when there is none to use: per user, never
 * a shared temporary folder (a cache planted there would be bytecode run by the server).
 */
export function cacheDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string | undefined): string | undefined {
  const p = platform === 'win32' ? path.win32 : path.posix;
  let base: string | undefined;
  if (platform === 'win32') base = env.LOCALAPPDATA;
  else if (platform === 'darwin') base = home && p.join(home, 'Library', 'Caches');
  // XDG: a relative XDG_CACHE_HOME is invalid and ignored.
  else base = env.XDG_CACHE_HOME && p.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home && p.join(home, '.cache');
  return base && p.isAbsolute(base) ? p.join(base, 'perimeter', 'code-cache') : undefined;
}

function homeDirectory(): string | undefined {
  try {
    return os.homedir() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The cache file's name: the bundle's name, a hash of its text and one of the Node version
 * and architecture. V8 checks only the source's length and its flags before using a cache,
 * so a new build, another Node or another machine's cache never reaches it. The two hashes
 * are apart so that a new build removes the old build's caches but two Nodes that run the
 * same build (VS Code's, and the one another editor starts) keep one each.
 */
export function cacheFileName(bundle: string, source: Uint8Array, version = process.version, arch = process.arch): string {
  const text = createHash('sha256').update(source).digest('hex').slice(0, 24);
  const runtime = createHash('sha256').update(`${version}\0${arch}`).digest('hex').slice(0, 8);
  return `${bundle}-${text}-${runtime}.cache`;
}

/** A cache file's name: the bundle and the hash of its text. */
const CACHE_NAME = /^(.+)-([0-9a-f]{24})-[0-9a-f]{8}\.cache$/;

/** A cache file: this tag, the SHA-256 of the data, then V8's data. */
const MAGIC = Buffer.from('perimeter-code-cache-1\n');
const DIGEST_BYTES = 32;
/** Larger than any cache of these bundles (a few MB): a larger file is not read. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

function digest(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The file's content as `readCache` reads it. */
export function encodeCache(data: Uint8Array): Buffer {
  return Buffer.concat([MAGIC, digest(data), data]);
}

/**
 * V8's data in a cache file, or undefined when the file does not hold a whole one (V8 does
 * not check its data's integrity: a damaged file could crash the process).
 */
export function decodeCache(file: Buffer): Buffer | undefined {
  const start = MAGIC.length + DIGEST_BYTES;
  if (file.length <= start || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(start);
  return digest(data).equals(file.subarray(MAGIC.length, start)) ? data : undefined;
}

/** The current user's id, or undefined where there is none (Windows). */
function userId(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/**
 * Creates the cache folder (mode 0700) and checks that it is this user's own folder, not a
 * link; group and other permissions are removed if someone added them. False: no cache.
 */
export function prepareDirectory(dir: string): boolean {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory()) return false;
  const uid = userId();
  if (uid === undefined) return true;
  if (st.uid !== uid) return false;
  if ((st.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  return true;
}

/**
 * The V8 data of the cache file, undefined when there is no file, and 'invalid' when the
 * file is not a whole cache of this user (then it is replaced).
 */
export function readCache(file: string): Buffer | 'invalid' | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    const uid = userId();
    if (!st.isFile() || st.size > MAX_CACHE_BYTES || (uid !== undefined && st.uid !== uid)) return 'invalid';
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < buf.length) {
      const n = fs.readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return (read === buf.length && decodeCache(buf)) || 'invalid';
  } catch {
    return 'invalid';
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes the cache through a temporary file in the same folder and a rename, so that a
 * reader sees the old file or the new one, never a part. Then removes the caches of other
 * builds of the bundle, and temporary files that a process which stopped while writing left
 * over an hour ago; what cannot be removed stays.
 */
export function writeCache(dir: string, name: string, data: Uint8Array): void {
  const file = path.join(dir, name);
  const temp = path.join(dir, `${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temp, encodeCache(data), { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
  const [, bundle, text] = CACHE_NAME.exec(name) ?? [];
  let others: string[] = [];
  try {
    others = fs.readdirSync(dir);
  } catch {
    // the cache is written; the folder is only not tidied
  }
  for (const other of others) {
    const p = path.join(dir, other);
    const m = CACHE_NAME.exec(other);
    try {
      if (m && m[1] === bundle && m[2] !== text) fs.rmSync(p, { force: true });
      else if (other.startsWith(`${bundle}-`) && other.endsWith('.tmp') && Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { force: true });
    } catch {
      // another process's, or already gone
    }
  }
}

/** What happened to the cache at load: for tests and diagnosis (PERIMETER_CODE_CACHE_DEBUG=1). */
type CacheState = 'disabled' | 'unavailable' | 'none' | 'invalid' | 'accepted' | 'rejected';

/** A bundle's source inside the CommonJS function wrapper, on a line of its own. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_TAIL = '\n})';

/** How loadWithCodeCache is run; the defaults are this process's. */
interface LoadOptions {
  /** Where the cache lives and whether it is used (PERIMETER_CODE_CACHE=0: no). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Stack traces mapped to the TypeScript (node --enable-source-maps) need Node's own
   * loader, which registers the bundle's source map (a vm script's traces are not mapped):
   * then the bundle is required as usual, without a cache.
   */
  readonly sourceMaps?: boolean;
}

/**
 * Runs the bundle `file` as a CommonJS module of `parent`, compiled with its code cache
 * when there is a valid one, and registers the function that saves the cache under
 * SAVE_HOOK when it is missing or V8 rejected it. Returns what happened to the cache.
 */
export function loadWithCodeCache(file: string, parent: Module, { env = process.env, sourceMaps = process.sourceMapsEnabled }: LoadOptions = {}): CacheState {
  if (sourceMaps) {
    parent.require(file);
    return 'disabled';
  }
  const bytes = fs.readFileSync(file);
  // esbuild writes ASCII: read as Latin-1, the same text, that is faster than UTF-8 here.
  let source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // A `#!` line is valid only at the very start of a script, not inside the wrapper.
  if (source.startsWith('#!')) source = '//' + source.slice(2);
  const debug = env.PERIMETER_CODE_CACHE_DEBUG === '1' ? (line: string) => process.stderr.write(`perimeter code cache: ${line}\n`) : () => {};

  let state: CacheState = env.PERIMETER_CODE_CACHE === '0' ? 'disabled' : 'unavailable';
  // HOME from `env` first: os.homedir() reads this process's HOME, not `env`'s.
  const dir = state === 'disabled' ? undefined : cacheDirectory(env, process.platform, env.HOME || homeDirectory());
  const name = cacheFileName(path.basename(file, '.js'), bytes);
  let cached: Buffer | 'invalid' | undefined;
  if (dir) {
    try {
      // The folder is made when the cache is written. One that is not this user's own is
      // not read; writing to it is tried (and reported) later.
      if (!fs.existsSync(dir)) state = 'none';
      else if (prepareDirectory(dir)) {
        cached = readCache(path.join(dir, name));
        state = cached === undefined ? 'none' : cached === 'invalid' ? 'invalid' : 'accepted';
      }
    } catch {
      state = 'unavailable';
    }
  }

  // The wrapper's line is line -1: positions in stack traces are the bundle's own.
  const script = new vm.Script(WRAPPER_HEAD + source + WRAPPER_TAIL, {
    filename: file,
    lineOffset: -1,
    ...(cached instanceof Buffer ? { cachedData: cached } : {}),
  });
  if (state === 'accepted' && script.cachedDataRejected) state = 'rejected';
  debug(`${state}${dir ? ` ${path.join(dir, name)}` : ''}`);

  if (dir && state !== 'accepted') {
    const cacheDir = dir;
    (globalThis as Record<symbol, unknown>)[SAVE_HOOK] = () => {
      delete (globalThis as Record<symbol, unknown>)[SAVE_HOOK];
      // After the caller's work (the server's diagnostics are on their way), not during it.
      setImmediate(() => {
        try {
          if (!prepareDirectory(cacheDir)) throw new Error('it is not a folder of this user');
          const data = script.createCachedData();
          writeCache(cacheDir, name, data);
          debug(`wrote ${path.join(cacheDir, name)} (${data.length} bytes)`);
        } catch (e) {
          process.stderr.write(`perimeter: the code cache was not written in ${cacheDir} (${(e as Error).message}); each start compiles the server again\n`);
        }
      });
    };
  }

  const mod = new Module(file, parent);
  mod.filename = file;
  const bundleRequire = createRequire(file);
  mod.paths = bundleRequire.resolve.paths('perimeter') ?? [];
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, bundleRequire, mod, file, path.dirname(file));
  mod.loaded = true;
  return state;
}
