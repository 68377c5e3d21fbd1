import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from './finding';

/**
 * Baselines: the findings a team has accepted for now, so that a scan reports only new ones.
 *
 * A finding's identity (its fingerprint) survives unrelated edits: it is made of
 *   - the rule id,
 *   - the module: the finding's directory relative to the root (posix separators), plus the
 *     call paths (`module.a.module.b`) when only module instances report it,
 *   - the owner: the address of the block it was reported for (`aws_iam_policy.admin`),
 *   - the subject: the flagged text itself (the action `"s3:*"`, the principal, the flag or
 *     argument), whitespace collapsed, first line only (a finding on a whole block is about
 *     its header, not its body), at most 200 characters,
 * and never a line number. Findings that still share all four (one block reported twice on
 * its header for two missing flags) are told apart by their message with the owner's name and
 * the merge notes removed, then, if still equal, by their order in the file.
 *
 * Pure: no CLI or editor types. The CLI reads files from disk; the editor passes its documents.
 */

const BASELINE_VERSION = 1;

/** The baseline file a root uses when the configuration names none (and it exists). */
export const DEFAULT_BASELINE = '.perimeter-baseline.json';

/**
 * The baseline file of a workspace or scan root: the configuration's `baseline` (relative
 * to the root), else `.perimeter-baseline.json` at the root when it exists. The CLI and the
 * editor decide with this one function.
 */
export function baselineFileFor(root: string, config: { readonly baseline?: string }): string | undefined {
  if (config.baseline) return path.resolve(root, config.baseline);
  const f = path.join(root, DEFAULT_BASELINE);
  return fs.existsSync(f) ? f : undefined;
}

/** One accepted finding, as written in a baseline file. */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  /** Relative to the root, posix separators. */
  readonly file: string;
  readonly owner?: string;
  readonly message: string;
}

export interface Baseline {
  readonly version: number;
  readonly findings: readonly BaselineEntry[];
}

export class BaselineError extends Error {}

/** Reads the text of a file for the subject of its findings; undefined when unreadable. */
type TextReader = (absPath: string) => string | undefined;

const diskText: TextReader = (p) => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The finding's file relative to the root (posix), or its absolute path when outside it. */
function relativeTo(root: string, file: string): string {
  const r = path.relative(root, file);
  return posix(r === '' || r.startsWith('..') || path.isAbsolute(r) ? file : r);
}

/** What the finding is about: the first line of the flagged text, whitespace collapsed. */
function subjectOf(finding: Finding, text: string | undefined): string {
  if (text === undefined) return '';
  const flagged = text.slice(finding.span.start, finding.span.end);
  const first = flagged.split(/\r?\n|\r/, 1)[0] ?? '';
  return first.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The parts of a finding's identity, before disambiguation (see the module comment). */
function identityOf(finding: Finding, root: string, text: string | undefined): string[] {
  const dir = relativeTo(root, path.dirname(finding.file));
  const module = finding.callPaths?.length ? `${dir}#${[...finding.callPaths].sort().join(',')}` : dir;
  return [finding.ruleId, module, finding.owner ?? '', subjectOf(finding, text)];
}

function hash(parts: readonly string[]): string {
  return crypto.createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The fingerprint of one finding on its own (see `fingerprintsOf` for a whole result). */
export function fingerprintOf(finding: Finding, root: string, text: string | undefined = diskText(finding.file)): string {
  return hash(identityOf(finding, root, text));
}

/** A message without its owner's name and the notes merging adds, for telling findings apart. */
function messageKind(f: Finding): string {
  let m = f.message.replace(/ \((?:also used by|also as|as) [^()]*\)/g, '');
  if (f.owner) m = m.split(f.owner).join('<owner>');
  return m.replace(/\s+/g, ' ').trim();
}

/**
 * The fingerprints of a scan's findings, in the same order: `fingerprintOf`, with findings
 * that share one told apart, so two findings never share a fingerprint.
 */
export function fingerprintsOf(findings: readonly Finding[], root: string, read: TextReader = diskText): string[] {
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file);
  };
  const ids = findings.map((f) => identityOf(f, root, textOf(f.file)));
  const base = ids.map(hash);
  const out = [...base];
  const byBase = new Map<string, number[]>();
  base.forEach((h, i) => byBase.set(h, [...(byBase.get(h) ?? []), i]));
  for (const indices of byBase.values()) {
    if (indices.length < 2) continue;
    const byKind = new Map<string, number[]>();
    for (const i of indices) {
      const k = hash([...ids[i], messageKind(findings[i])]);
      byKind.set(k, [...(byKind.get(k) ?? []), i]);
    }
    for (const [k, same] of byKind) {
      if (same.length === 1) {
        out[same[0]] = k;
        continue;
      }
      const ordered = [...same].sort((a, b) => findings[a].span.start - findings[b].span.start || findings[a].span.end - findings[b].span.end || a - b);
      ordered.forEach((i, n) => (out[i] = hash([...ids[i], messageKind(findings[i]), String(n)])));
    }
  }
  return out;
}

/** The baseline of a scan's findings, sorted for stable diffs. */
export function baselineOf(findings: readonly Finding[], root: string, read: TextReader = diskText): Baseline {
  const fps = fingerprintsOf(findings, root, read);
  const entries: BaselineEntry[] = findings.map((f, i) => ({
    fingerprint: fps[i],
    ruleId: f.ruleId,
    file: relativeTo(root, f.file),
    ...(f.owner ? { owner: f.owner } : {}),
    message: f.message,
  }));
  entries.sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { version: BASELINE_VERSION, findings: entries };
}

/** Writes the baseline of `findings` to `file` (JSON, one entry per finding). */
export function writeBaseline(file: string, findings: readonly Finding[], root: string, read: TextReader = diskText): Baseline {
  const b = baselineOf(findings, root, read);
  try {
    fs.writeFileSync(file, JSON.stringify(b, null, 2) + '\n');
  } catch (e) {
    throw new BaselineError(`cannot write baseline ${file}: ${(e as Error).message}`);
  }
  return b;
}

/** Reads and checks a baseline file; every problem is a BaselineError naming the file and what is wrong. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineError(`cannot read baseline ${file}: ${code === 'ENOENT' ? 'no such file (create it with --write-baseline)' : (e as Error).message}`);
  }
  return parseBaseline(text, file);
}

export function parseBaseline(text: string, file = 'baseline'): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const bad = (why: string) => new BaselineError(`${file} is not a Perimeter baseline: ${why}`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw bad('expected an object with "version" and "findings"');
  const d = data as { version?: unknown; findings?: unknown };
  if (d.version !== BASELINE_VERSION) throw bad(`"version" must be ${BASELINE_VERSION}, found ${JSON.stringify(d.version)}`);
  if (!Array.isArray(d.findings)) throw bad('"findings" must be an array');
  d.findings.forEach((e: unknown, i) => {
    const x = e as Record<string, unknown> | null;
    if (typeof x !== 'object' || x === null) throw bad(`findings[${i}] must be an object`);
    if (typeof x.fingerprint !== 'string' || !/^[0-9a-f]{32}$/.test(x.fingerprint)) throw bad(`findings[${i}].fingerprint must be 32 hex digits`);
    for (const k of ['ruleId', 'file', 'message'] as const) if (typeof x[k] !== 'string') throw bad(`findings[${i}].${k} must be a string`);
    if (x.owner !== undefined && typeof x.owner !== 'string') throw bad(`findings[${i}].owner must be a string`);
  });
  return { version: BASELINE_VERSION, findings: d.findings as BaselineEntry[] };
}

export type BaselineState = 'new' | 'unchanged';

interface Classified {
  readonly new: Finding[];
  readonly unchanged: Finding[];
  /** Baseline entries no finding matches (fixed, or gone), within the scan's scope. */
  readonly absent: BaselineEntry[];
  /** Per finding, in the order given. */
  readonly states: BaselineState[];
  readonly fingerprints: string[];
}

/**
 * Which findings the baseline holds. `inScope` limits `absent` to the entries the scan could
 * have found (a shard or `--changed-since` scans only part of the modules).
 */
export function classify(
  findings: readonly Finding[],
  baseline: Baseline,
  options: { root: string; read?: TextReader; fingerprints?: readonly string[]; inScope?: (e: BaselineEntry) => boolean },
): Classified {
  const fingerprints = [...(options.fingerprints ?? fingerprintsOf(findings, options.root, options.read))];
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const seen = new Set(fingerprints);
  const states: BaselineState[] = fingerprints.map((fp) => (known.has(fp) ? 'unchanged' : 'new'));
  return {
    new: findings.filter((_f, i) => states[i] === 'new'),
    unchanged: findings.filter((_f, i) => states[i] === 'unchanged'),
    absent: baseline.findings.filter((e) => !seen.has(e.fingerprint) && (options.inScope?.(e) ?? true)),
    states,
    fingerprints,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
