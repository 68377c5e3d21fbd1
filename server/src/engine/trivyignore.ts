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

export const IGNORE_FILES = ['.trivyignore', '.trivyignore.yaml', '.trivyignore.yml'] as const;

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

export function entryCovers(e: IgnoreEntry, f: Finding): boolean {
  const rel = path.relative(e.base, f.file).split(path.sep).join('/');
  if (rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
  if (e.paths && e.paths.length && !e.paths.some((g) => globToRegExp(g).test(rel))) return false;
  return peerIdCovers(e.id, f);
}

/** Trivy reads a date-only expiry as midnight UTC and drops the entry once that moment has passed. */
export function isExpired(date: string, now: Date): boolean {
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
 * `.trivyignore.yaml`: the subset of YAML such files are written in (top-level keys holding
 * block lists of mappings; scalars plain or quoted; `paths` as a block or flow list). Other
 * top-level sections (vulnerabilities, licenses) are read the same way and left out.
 */
export function parseTrivyIgnoreYaml(text: string): Parsed {
  const entries: Omit<IgnoreEntry, 'base'>[] = [];
  let section = '';
  let item: Record<string, string | string[]> | undefined;
  let dash = -1;
  let openList: string[] | undefined;
  const finish = (): void => {
    if (item && (section === 'misconfigurations' || section === 'secrets') && typeof item.id === 'string' && item.id) {
      const paths = item.paths === undefined ? undefined : Array.isArray(item.paths) ? item.paths : [item.paths];
      const expires = typeof item.expired_at === 'string' && item.expired_at ? item.expired_at : undefined;
      entries.push({ id: item.id, ...(paths && paths.length ? { paths } : {}), ...(expires ? { expires } : {}) });
    }
    item = undefined;
    openList = undefined;
  };
  const setKey = (key: string, value: string): string | undefined => {
    if (!item) return 'a key outside a list item';
    if (value === '') {
      openList = [];
      item[key] = openList;
      return undefined;
    }
    openList = undefined;
    const v = value.startsWith('[') ? flowList(value) : scalar(value);
    if (v === undefined) return `cannot read the value of ${key}`;
    item[key] = v;
    return undefined;
  };
  const lines = text.split(/\r?\n|\r/);
  for (let n = 0; n < lines.length; n++) {
    const line = stripComment(lines[n]);
    if (!line.trim()) continue;
    if (/^\s*\t/.test(line)) return { error: `line ${n + 1}: tab indentation` };
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (body === '---') continue;
    if (indent === 0 && !body.startsWith('-')) {
      finish();
      const m = /^([\w-]+)\s*:\s*(.*)$/.exec(body);
      if (!m) return { error: `line ${n + 1}: expected a section name` };
      section = m[1];
      if (m[2] && !/^(\[\]|~|null)$/.test(m[2])) return { error: `line ${n + 1}: ${section} is not a list` };
      continue;
    }
    if (body === '-' || body.startsWith('- ')) {
      const rest = body.slice(1).trim();
      if (openList && indent > dash) {
        const v = scalar(rest);
        if (v === undefined) return { error: `line ${n + 1}: cannot read a list value` };
        openList.push(v);
        continue;
      }
      finish();
      item = {};
      dash = indent;
      if (!rest) continue;
      const m = /^([\w-]+)\s*:(?:\s+(.*))?$/.exec(rest);
      if (!m) continue; // a plain list value (not an entry): nothing Perimeter uses
      const err = setKey(m[1], (m[2] ?? '').trim());
      if (err) return { error: `line ${n + 1}: ${err}` };
      continue;
    }
    const m = /^([\w-]+)\s*:(?:\s+(.*))?$/.exec(body);
    if (!m || !item || indent <= dash) return { error: `line ${n + 1}: unexpected "${body}"` };
    const err = setKey(m[1], (m[2] ?? '').trim());
    if (err) return { error: `line ${n + 1}: ${err}` };
  }
  finish();
  return { entries };
}

/** A line without its comment (`#` at the start or after a space, outside quotes). */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

function scalar(s: string): string | undefined {
  const v = s.trim();
  if (v.startsWith('"')) {
    if (!v.endsWith('"') || v.length < 2) return undefined;
    try {
      return JSON.parse(v) as string;
    } catch {
      return undefined;
    }
  }
  if (v.startsWith("'")) {
    if (!v.endsWith("'") || v.length < 2) return undefined;
    return v.slice(1, -1).replace(/''/g, "'");
  }
  if (v === '~' || v === 'null') return '';
  return v;
}

function flowList(s: string): string[] | undefined {
  const v = s.trim();
  if (!v.endsWith(']')) return undefined;
  const inner = v.slice(1, -1).trim();
  if (!inner) return [];
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (const c of inner) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  const values = out.map(scalar);
  return values.some((x) => x === undefined) ? undefined : (values as string[]);
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
