import * as fs from 'node:fs';
import * as path from 'node:path';
import { globToRegExp } from './config';
import type { Finding, ScanError } from './finding';
import { peerIdCovers } from './peer-ids';

/**
 * Trivy's ignore files, read where a team keeps them (the workspace or scan root):
 * - `.trivyignore`: one id a line, `#` comments, an optional `exp:YYYY-MM-DD` after the id
 *   (an expired line no longer suppresses);
 * - `.trivyignore.yaml` / `.yml`: the `misconfigurations` and `secrets` lists of
 *   `{ id, paths?, expired_at?, statement? }`; `paths` are globs relative to the file's
 *   directory (`**` any depth, `*` within a segment) that restrict the entry to those files.
 * Ids are tfsec / Trivy ids in any form, resolved onto rules as inline comments are
 * (engine/peer-ids.ts). An ignore file applies to the files under its own directory.
 */
export interface IgnoreEntry {
  readonly id: string;
  /** Absolute directory of the ignore file: `paths` and coverage are relative to it. */
  readonly base: string;
  readonly paths?: readonly string[];
  /** `YYYY-MM-DD` (or an RFC 3339 time) after which the entry no longer applies. */
  readonly expires?: string;
}

const IGNORE_FILES = ['.trivyignore', '.trivyignore.yaml', '.trivyignore.yml'] as const;

/** The entries of the ignore files in `dir` (none when there is none); expired entries are left out. */
export function readIgnoreFiles(dir: string, now: Date = new Date()): { entries: IgnoreEntry[]; errors: ScanError[] } {
  const entries: IgnoreEntry[] = [];
  const errors: ScanError[] = [];
  const base = path.resolve(dir);
  for (const name of IGNORE_FILES) {
    const file = path.join(base, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'EISDIR') {
        errors.push({ file, message: `Cannot read ignore file: ${(e as Error).message}` });
      }
      continue;
    }
    const parsed = name === '.trivyignore' ? parseTrivyIgnore(text) : parseTrivyIgnoreYaml(text);
    if ('error' in parsed) {
      errors.push({ file, message: `Not a Trivy ignore file Perimeter can read: ${parsed.error}` });
      continue;
    }
    for (const e of parsed.entries) if (!e.expires || !isExpired(e.expires, now)) entries.push({ ...e, base });
  }
  return { entries, errors };
}

/** The entries of the ignore files in several directories (each read once). */
export function readIgnoreFilesIn(dirs: readonly string[], now: Date = new Date()): { entries: IgnoreEntry[]; errors: ScanError[] } {
  const entries: IgnoreEntry[] = [];
  const errors: ScanError[] = [];
  for (const dir of new Set(dirs.map((d) => path.resolve(d)))) {
    const r = readIgnoreFiles(dir, now);
    entries.push(...r.entries);
    errors.push(...r.errors);
  }
  return { entries, errors };
}

/** Findings no ignore entry covers. */
export function applyIgnoreEntries(findings: readonly Finding[], entries: readonly IgnoreEntry[]): Finding[] {
  if (!entries.length) return [...findings];
  return findings.filter((f) => !entries.some((e) => entryCovers(e, f)));
}

function entryCovers(e: IgnoreEntry, f: Finding): boolean {
  const rel = path.relative(e.base, f.file).split(path.sep).join('/');
  if (rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
  if (e.paths && e.paths.length && !e.paths.some((g) => globToRegExp(g).test(rel))) return false;
  return peerIdCovers(e.id, f);
}

/** Trivy reads a date-only expiry as midnight UTC and drops the entry once that moment has passed. */
function isExpired(date: string, now: Date): boolean {
  const t = Date.parse(date);
  return Number.isFinite(t) && t < now.getTime();
}

type Parsed = { entries: Omit<IgnoreEntry, 'base'>[] } | { error: string };

/** `.trivyignore`: `<id> [exp:YYYY-MM-DD]` lines; a line with an unreadable date is skipped, as Trivy does. */
export function parseTrivyIgnore(text: string): Parsed {
  const entries: Omit<IgnoreEntry, 'base'>[] = [];
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const exp = fields.slice(1).find((x) => x.startsWith('exp:'));
    if (exp !== undefined) {
      const date = exp.slice(4);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(Date.parse(date))) continue;
      entries.push({ id: fields[0], expires: date });
    } else entries.push({ id: fields[0] });
  }
  return { entries };
}

/**
 * `.trivyignore.yaml`: the `misconfigurations` and `secrets` lists (each entry an `id`,
 * optional `paths` globs and `expired_at` date), read with the `yaml` package. Other
 * sections (vulnerabilities, licenses) are left out. An error names its line.
 */
export function parseTrivyIgnoreYaml(text: string): Parsed {
  // Loaded on first use: few workspaces have a .trivyignore.yaml, and the package is the
  // largest the server bundles.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: see above
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => `line ${offset === undefined ? 1 : lines.linePos(offset).line}`;
  if (doc.errors.length) {
    const e = doc.errors[0];
    return { error: `${at(e.pos[0])}: ${e.message.split('\n')[0]}` };
  }
  if (doc.contents === null) return { entries: [] };
  if (!isMap(doc.contents)) return { error: `${at(doc.contents.range?.[0])}: expected sections such as misconfigurations` };
  const entries: Omit<IgnoreEntry, 'base'>[] = [];
  for (const section of ['misconfigurations', 'secrets']) {
    const list = doc.contents.get(section, true);
    if (list === undefined || (isScalar(list) && list.value === null)) continue;
    if (!isSeq(list)) return { error: `${at((list as { range?: [number] }).range?.[0])}: ${section} is not a list` };
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const value = (key: string): unknown => {
        const v: unknown = item.get(key, true);
        if (isScalar(v)) return v.value;
        if (isSeq(v)) return v.items.map((x: unknown) => (isScalar(x) ? x.value : undefined));
        return undefined;
      };
      const id = value('id');
      if (typeof id !== 'string' || !id) continue;
      const rawPaths = value('paths');
      const paths = (Array.isArray(rawPaths) ? rawPaths : rawPaths === undefined || rawPaths === null ? [] : [rawPaths]).filter((x) => x !== undefined && x !== null).map(String);
      const expiry = value('expired_at');
      const expires = expiry === undefined || expiry === null || expiry === '' ? undefined : String(expiry);
      entries.push({ id, ...(paths.length ? { paths } : {}), ...(expires ? { expires } : {}) });
    }
  }
  return { entries };
}

/**
 * Ignore entries of one directory, re-read when the files change (the language server
 * analyses module after module: it stats the files instead of reading them every time).
 */
export class IgnoreFileCache {
  private key = '';
  private value: { entries: IgnoreEntry[]; errors: ScanError[] } = { entries: [], errors: [] };

  get(dir: string, now: Date = new Date()): { entries: IgnoreEntry[]; errors: ScanError[] } {
    const stamp = IGNORE_FILES.map((n) => {
      try {
        const st = fs.statSync(path.join(dir, n));
        return `${st.mtimeMs}:${st.size}`;
      } catch {
        return '-';
      }
    }).join('|');
    // Expiry is by day: a new day may end an entry.
    const key = `${path.resolve(dir)}|${stamp}|${now.toISOString().slice(0, 10)}`;
    if (key !== this.key) {
      this.key = key;
      this.value = readIgnoreFiles(dir, now);
    }
    return this.value;
  }
}
