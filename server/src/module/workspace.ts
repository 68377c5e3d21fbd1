import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HclFile } from '../hcl/ast';
import { parseHcl } from '../hcl/parser';
import { TerraformModule } from './module';

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** A file that could not be read or parsed: always reported, never skipped silently. */
interface LoadError {
  readonly file: string;
  readonly message: string;
}

/** Directories Terraform itself never reads as part of a module. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform']);

/** Whether a path is a folder or lies under it (both absolute and resolved). */
export function isInside(dir: string, p: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

export function isTerraformFile(p: string): boolean {
  return p.endsWith('.tf') || isVarFile(p);
}

function isVarFile(p: string): boolean {
  return p.endsWith('.tfvars');
}

/** Expands the paths given on a command line into Terraform files; missing paths are errors. */
export function collectFiles(paths: readonly string[]): { files: string[]; errors: LoadError[] } {
  const files: string[] = [];
  const errors: LoadError[] = [];
  // Directories by real path: a symlink loop is walked once, not forever.
  const visited = new Set<string>();
  const walk = (p: string, explicit: boolean): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      errors.push({ file: p, message: describeIoError(e) });
      return;
    }
    if (st.isDirectory()) {
      let real: string;
      try {
        real = fs.realpathSync(p);
      } catch (e) {
        errors.push({ file: p, message: describeIoError(e) });
        return;
      }
      if (visited.has(real)) return;
      visited.add(real);
      let entries: string[];
      try {
        entries = fs.readdirSync(p).sort();
      } catch (e) {
        errors.push({ file: p, message: describeIoError(e) });
        return;
      }
      for (const name of entries) {
        if (SKIP_DIRS.has(name)) continue;
        const child = path.join(p, name);
        let isDir = false;
        try {
          isDir = fs.statSync(child).isDirectory();
        } catch (e) {
          // A dangling symlink (a submodule that was not checked out, a moved target) to a
          // file Perimeter would not read is no concern of the scan; one named .tf/.tfvars is.
          if (!isTerraformFile(name) && isSymlink(child)) continue;
          errors.push({ file: child, message: isSymlink(child) ? `Cannot read file: dangling symbolic link (${describeIoError(e)})` : describeIoError(e) });
          continue;
        }
        if (isDir || isTerraformFile(name)) walk(child, false);
      }
    } else if (explicit || isTerraformFile(p)) {
      files.push(p);
    }
  };
  for (const p of paths) walk(p, true);
  return { files: [...new Set(files)], errors };
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

export function describeIoError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'No such file or directory';
  if (err?.code === 'EACCES') return 'Permission denied';
  if (err?.code === 'EISDIR') return 'Is a directory';
  return err?.message ?? String(e);
}

/** Files larger than this are skipped with a message: generated or binary, not Terraform. */
const MAX_FILE_BYTES = Number(process.env.PERIMETER_MAX_FILE_BYTES ?? 5 * 1024 * 1024);

/**
 * Why a file with a Terraform extension is not Terraform text, or undefined when it may be:
 * encrypted in the checkout (git-crypt, SOPS) or binary. Such a file is skipped with a
 * notice, not parsed: it holds nothing Perimeter can judge, and parsing it costs seconds.
 */
function unreadableContent(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 9).toString('latin1') === '\0GITCRYPT') return 'encrypted with git-crypt (not decrypted in this checkout)';
  if (bytes.includes(0)) return 'binary file (it contains NUL bytes)';
  const text = bytes.toString('utf8');
  const start = text.trimStart();
  if (start.startsWith('{')) {
    try {
      const json = JSON.parse(text) as unknown;
      if (json && typeof json === 'object' && !Array.isArray(json) && typeof (json as { sops?: unknown }).sops === 'object') return 'encrypted with SOPS';
    } catch {
      // not JSON: HCL, read normally
    }
  }
  // SOPS's YAML output: a top-level `sops:` mapping and values written as ENC[...].
  if (/^sops:[ \t]*\r?$/m.test(text) && /ENC\[[A-Z0-9_]+,data:/.test(text)) return 'encrypted with SOPS';
  return undefined;
}

export function readSources(files: readonly string[]): { sources: SourceFile[]; errors: LoadError[]; notices: LoadError[] } {
  const sources: SourceFile[] = [];
  const errors: LoadError[] = [];
  const notices: LoadError[] = [];
  for (const f of files) {
    try {
      const size = fs.statSync(f).size;
      if (size > MAX_FILE_BYTES) {
        errors.push({ file: f, message: `Skipped: ${(size / 1e6).toFixed(1)} MB is over the ${(MAX_FILE_BYTES / 1e6).toFixed(1)} MB limit (PERIMETER_MAX_FILE_BYTES)` });
        continue;
      }
      const bytes = fs.readFileSync(f);
      const why = unreadableContent(bytes);
      if (why) notices.push({ file: f, message: `Skipped: ${why}` });
      else sources.push({ path: f, text: bytes.toString('utf8') });
    } catch (e) {
      errors.push({ file: f, message: `Cannot read file: ${describeIoError(e)}` });
    }
  }
  return { sources, errors, notices };
}

/** Reads a file for `file()` / `templatefile()`; undefined when it cannot be read. */
export function diskReader(absPath: string): string | undefined {
  try {
    return fs.readFileSync(absPath, 'utf8');
  } catch {
    return undefined;
  }
}

/** Groups parsed files by directory: one Terraform module per directory. */
export function buildModules(
  parsed: readonly HclFile[],
  reader: (absPath: string) => string | undefined = diskReader,
): TerraformModule[] {
  const byDir = new Map<string, { tf: HclFile[]; vars: HclFile[] }>();
  for (const f of parsed) {
    const dir = path.dirname(f.path);
    let g = byDir.get(dir);
    if (!g) byDir.set(dir, (g = { tf: [], vars: [] }));
    (isVarFile(f.path) ? g.vars : g.tf).push(f);
  }
  return [...byDir.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dir, g]) => new TerraformModule(dir, g.tf, g.vars, reader));
}

/** Parses sources; a parser failure on one file is reported and the others go on. */
export function parseSources(sources: readonly SourceFile[]): { files: HclFile[]; errors: LoadError[] } {
  const files: HclFile[] = [];
  const errors: LoadError[] = [];
  for (const s of sources) {
    try {
      files.push(parseHcl(s.path, s.text));
    } catch (e) {
      errors.push({ file: s.path, message: `Cannot parse file: ${(e as Error).message}` });
    }
  }
  return { files, errors };
}

/**
 * A reader for `file()` that never reads outside the given roots (the workspace folders
 * or the scanned paths): `file("../../etc/passwd")` is refused and reported through
 * `onRefused`, and the expression stays unknown.
 */
export function confinedReader(
  roots: readonly string[],
  read: (absPath: string) => string | undefined,
  onRefused: (absPath: string) => void,
): (absPath: string) => string | undefined {
  const bases = roots.map((r) => {
    try {
      return fs.realpathSync(r);
    } catch {
      return path.resolve(r);
    }
  });
  return (absPath) => {
    const real = realpathOfNearest(path.resolve(absPath));
    if (!bases.some((b) => isInside(b, real))) {
      onRefused(absPath);
      return undefined;
    }
    return read(absPath);
  };
}

/**
 * The real path of a file, or for a missing one, of its nearest existing folder joined with
 * the rest: a missing file under a symlinked workspace is inside it (its read then fails
 * normally), not "outside the scanned paths".
 */
function realpathOfNearest(p: string): string {
  const rest: string[] = [];
  let at = p;
  for (;;) {
    try {
      return path.join(fs.realpathSync(at), ...rest);
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return p;
      rest.unshift(path.basename(at));
      at = parent;
    }
  }
}

/** The `.tf` files of a called module's directory, parsed; undefined when it cannot be read. */
export function parseTerraformDir(dir: string): HclFile[] | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.tf')).sort();
  } catch {
    return undefined;
  }
  return parseSources(readSources(names.map((n) => path.join(dir, n))).sources).files;
}
