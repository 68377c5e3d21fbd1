import * as fs from 'node:fs';
import * as path from 'node:path';
import { accessLevels, expandPattern, type AccessLevel } from '../iam/catalogue';
import { readSectionedFile, type SectionedFile } from '../sectioned-file';

/**
 * What the AWS catalogue says about names written in policies: services, actions with their
 * access level and description, condition keys with their type, condition operators, and
 * the nearest known names for a misspelt one. Built by scripts/build-authoring-catalogue.mjs
 * (dist/authoring-catalogue.txt), read on first use: only completion, hover and the name
 * checks pay for the descriptions, and only for the services they name (a section each).
 */
interface ActionInfo {
  readonly name: string;
  readonly levels: readonly AccessLevel[];
  readonly description: string;
}

interface ConditionKeyInfo {
  /** As AWS writes it, placeholders included: `aws:RequestTag/${TagKey}`. */
  readonly key: string;
  /** String, ARN, Bool, Numeric, Date, IPAddress, ArrayOfString, ArrayOfARN, ArrayOfBool... */
  readonly type: string;
  readonly description: string;
  readonly global: boolean;
}

/** A service in the header; its actions are its section (see actionTable). */
interface ServiceData {
  readonly name: string;
  readonly keys: Record<string, [string, string]>;
}

interface Data {
  readonly date: string;
  readonly services: Record<string, ServiceData>;
  readonly globalKeys: Record<string, [string, string]>;
}

interface Index {
  readonly data: Data;
  /** Each service's section: JSON text of `{ <Action>: description }`. */
  readonly file: SectionedFile<Data>;
  /** lower-case prefix → prefix as written by AWS. */
  readonly services: Map<string, string>;
  /** lower-case exact key → info; keys with placeholders go to `patterns`. */
  readonly keys: Map<string, ConditionKeyInfo>;
  readonly patterns: { re: RegExp; info: ConditionKeyInfo; service: string }[];
  /** Condition keys per lower-case service prefix (`aws` for the global ones). */
  readonly keysByService: Map<string, ConditionKeyInfo[]>;
}

let index: Index | undefined;

function load(): Index {
  const beside = path.join(__dirname, 'authoring-catalogue.txt');
  const file = readSectionedFile<Data>(fs.existsSync(beside) ? beside : path.join(__dirname, 'catalogue.generated.txt'));
  const data = file.header;
  const services = new Map<string, string>();
  const keys = new Map<string, ConditionKeyInfo>();
  const patterns: Index['patterns'] = [];
  const keysByService = new Map<string, ConditionKeyInfo[]>();
  const addKey = (key: string, type: string, description: string, global: boolean): void => {
    const info: ConditionKeyInfo = { key, type, description, global };
    const service = key.slice(0, key.indexOf(':')).toLowerCase();
    if (isPlaceholderKey(key)) {
      if (patterns.some((p) => p.info.key.toLowerCase() === key.toLowerCase())) return;
      patterns.push({ re: keyPatternRegExp(key), info, service });
    } else if (keys.has(key.toLowerCase())) return;
    else keys.set(key.toLowerCase(), info);
    const list = keysByService.get(service) ?? [];
    list.push(info);
    keysByService.set(service, list);
  };
  for (const [key, [type, description]] of Object.entries(data.globalKeys)) addKey(key, type, description, true);
  for (const [prefix, s] of Object.entries(data.services)) {
    services.set(prefix.toLowerCase(), prefix);
    for (const [key, [type, description]] of Object.entries(s.keys)) addKey(key, type, description, key.toLowerCase().startsWith('aws:'));
  }
  return { data, file, services, keys, patterns, keysByService };
}

const catalogue = (): Index => (index ??= load());

// A service's actions and their descriptions, parsed when the service is first asked about.
const actionTables = new Map<string, Record<string, string>>();

function actionTable(prefix: string): Record<string, string> {
  let table = actionTables.get(prefix);
  if (!table) actionTables.set(prefix, (table = JSON.parse(catalogue().file.section(prefix) ?? '{}') as Record<string, string>));
  return table;
}

type ActionEntry = { readonly name: string; readonly description: string };

// A service's actions by lower-case name, made when the service is first asked about: a
// module names a few services of the 456 (the 22,000 actions cost a scan ~60 ms up front).
const actionsByService = new Map<string, Map<string, ActionEntry>>();

function actionsOf(lowerPrefix: string): Map<string, ActionEntry> | undefined {
  let actions = actionsByService.get(lowerPrefix);
  if (actions) return actions;
  const prefix = catalogue().services.get(lowerPrefix);
  if (!prefix) return undefined;
  actions = new Map();
  for (const [action, description] of Object.entries(actionTable(prefix))) {
    const name = `${prefix}:${action}`;
    actions.set(name.toLowerCase(), { name, description });
  }
  actionsByService.set(lowerPrefix, actions);
  return actions;
}

/** An exact action name (any case): its name as AWS writes it, and its description. */
function actionEntry(name: string): ActionEntry | undefined {
  const lower = name.toLowerCase();
  const colon = lower.indexOf(':');
  return colon < 0 ? undefined : actionsOf(lower.slice(0, colon))?.get(lower);
}

/** The date of the AWS data the catalogue was built from (YYYY-MM-DD). */
export function catalogueDate(): string {
  return catalogue().data.date;
}

/** Every service prefix, as AWS writes it. */
export function servicePrefixes(): string[] {
  return [...catalogue().services.values()];
}

export function isKnownService(prefix: string): boolean {
  return catalogue().services.has(prefix.toLowerCase());
}

/** `Amazon S3` for `s3`. */
export function serviceName(prefix: string): string | undefined {
  const p = catalogue().services.get(prefix.toLowerCase());
  return p ? catalogue().data.services[p].name : undefined;
}

const actionLists = new Map<string, readonly ActionInfo[]>();

/** The actions of a service, in the catalogue's order (kept once read: completion asks on every keystroke). */
export function serviceActions(prefix: string): readonly ActionInfo[] {
  const p = catalogue().services.get(prefix.toLowerCase());
  if (!p) return [];
  let list = actionLists.get(p);
  if (!list) {
    list = Object.entries(actionTable(p)).map(([a, description]) => {
      const name = `${p}:${a}`;
      return { name, levels: accessLevels(name) ?? [], description };
    });
    actionLists.set(p, list);
  }
  return list;
}

/** An exact action (any case), with its name as AWS writes it. */
export function actionInfo(name: string): ActionInfo | undefined {
  const colon = name.indexOf(':');
  if (colon < 0 || /[*?]/.test(name)) return undefined;
  const action = actionEntry(name);
  if (!action) return undefined;
  const { name: canonical, description } = action;
  return { name: canonical, levels: accessLevels(canonical) ?? [], description };
}

/** The actions a pattern matches, with their levels (catalogue order). */
export function patternActions(pattern: string): ActionInfo[] {
  return expandPattern(pattern).map((name) => ({ name, levels: accessLevels(name) ?? [], description: actionEntry(name)?.description ?? '' }));
}

/** Keys written by AWS with a placeholder: `${TagKey}`, `<key>`, or the global `/tag-key`. */
function isPlaceholderKey(key: string): boolean {
  return /\$\{[^}]*\}|<[^>]*>|\/tag-key$/.test(key);
}

function keyPatternRegExp(key: string): RegExp {
  const parts = key.split(/\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 'i');
}

/** The text to insert for a key: up to its first placeholder (`aws:RequestTag/`). */
export function keyInsertText(key: string): string {
  const m = /\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$/.exec(key);
  return m ? key.slice(0, m.index) : key;
}

/** A condition key (any case), exact or through a placeholder (`aws:ResourceTag/team`). */
export function conditionKeyInfo(key: string): ConditionKeyInfo | undefined {
  const c = catalogue();
  const exact = c.keys.get(key.toLowerCase());
  if (exact) return exact;
  const service = key.slice(0, key.indexOf(':')).toLowerCase();
  return c.patterns.find((p) => p.service === service && p.re.test(key))?.info;
}

/** The condition keys of services (global keys first), each once. */
export function conditionKeysFor(services: readonly string[]): ConditionKeyInfo[] {
  const c = catalogue();
  const seen = new Set<string>();
  const out: ConditionKeyInfo[] = [];
  for (const s of ['aws', ...services.map((x) => x.toLowerCase())]) {
    for (const k of c.keysByService.get(s) ?? []) {
      if (seen.has(k.key.toLowerCase())) continue;
      seen.add(k.key.toLowerCase());
      out.push(k);
    }
  }
  return out;
}

// ---- condition operators ----

type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

const BASE_OPERATORS: [string, OperatorFamily][] = [
  ['StringEquals', 'String'],
  ['StringNotEquals', 'String'],
  ['StringEqualsIgnoreCase', 'String'],
  ['StringNotEqualsIgnoreCase', 'String'],
  ['StringLike', 'String'],
  ['StringNotLike', 'String'],
  ['NumericEquals', 'Numeric'],
  ['NumericNotEquals', 'Numeric'],
  ['NumericLessThan', 'Numeric'],
  ['NumericLessThanEquals', 'Numeric'],
  ['NumericGreaterThan', 'Numeric'],
  ['NumericGreaterThanEquals', 'Numeric'],
  ['DateEquals', 'Date'],
  ['DateNotEquals', 'Date'],
  ['DateLessThan', 'Date'],
  ['DateLessThanEquals', 'Date'],
  ['DateGreaterThan', 'Date'],
  ['DateGreaterThanEquals', 'Date'],
  ['Bool', 'Bool'],
  ['BinaryEquals', 'Binary'],
  ['IpAddress', 'IpAddress'],
  ['NotIpAddress', 'IpAddress'],
  ['ArnEquals', 'Arn'],
  ['ArnLike', 'Arn'],
  ['ArnNotEquals', 'Arn'],
  ['ArnNotLike', 'Arn'],
  ['Null', 'Null'],
];

interface OperatorInfo {
  /** As AWS writes it. */
  readonly name: string;
  readonly family: OperatorFamily;
  readonly set?: 'ForAllValues' | 'ForAnyValue';
  readonly ifExists: boolean;
}

/** A condition operator as written (`ForAnyValue:StringLike`, `BoolIfExists`); undefined when AWS has none by that name. */
export function operatorInfo(op: string): OperatorInfo | undefined {
  const m = /^(?:(ForAllValues|ForAnyValue):)?(.+?)(IfExists)?$/.exec(op);
  if (!m) return undefined;
  const base = BASE_OPERATORS.find(([b]) => b === m[2]);
  if (!base || (base[1] === 'Null' && m[3])) return undefined;
  return { name: op, family: base[1], ...(m[1] ? { set: m[1] as OperatorInfo['set'] } : {}), ifExists: !!m[3] };
}

/** Every operator: the base ones and their IfExists forms; with the set qualifiers when `withSets`. */
export function conditionOperators(withSets = false): OperatorInfo[] {
  const out: OperatorInfo[] = [];
  for (const set of withSets ? [undefined, 'ForAnyValue', 'ForAllValues'] : [undefined]) {
    for (const [b] of BASE_OPERATORS) {
      for (const suffix of b === 'Null' ? [''] : ['', 'IfExists']) out.push(operatorInfo(`${set ? `${set}:` : ''}${b}${suffix}`)!);
    }
  }
  return out;
}

/** What an operator family compares, for completion details. */
export const FAMILY_TEXT: Record<OperatorFamily, string> = {
  String: 'compares strings',
  Numeric: 'compares numbers',
  Date: 'compares dates',
  Bool: 'compares true / false',
  Binary: 'compares base-64 bytes',
  IpAddress: 'compares IP addresses and ranges',
  Arn: 'compares ARNs',
  Null: 'tests whether the key is present',
};

/**
 * Whether an operator can apply to a key of a type. Only clear mismatches are refused: string
 * operators compare any key's text, ARN keys are strings too, and Null applies to every key.
 */
export function operatorFits(family: OperatorFamily, type: string): boolean {
  const t = type.replace(/^ArrayOf/, '');
  switch (family) {
    case 'Null':
    case 'String':
    case 'Binary':
      return true;
    case 'Bool':
      return t === 'Bool';
    case 'Numeric':
      return t === 'Numeric';
    case 'Date':
      return t === 'Date' || t === 'Numeric';
    case 'IpAddress':
      return t === 'IPAddress';
    case 'Arn':
      return t === 'ARN' || t === 'String';
  }
}

// ---- nearest names ----

/** Optimal string alignment distance, case-insensitive, with an early exit above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** How far a misspelling may be from a name: 1 for short names, 2 from 6 characters. */
function tolerance(s: string): number {
  return s.length >= 6 ? 2 : 1;
}

/** The closest candidates within tolerance, best first (ties in candidate order). */
function nearest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const max = tolerance(name);
  const scored: { c: string; d: number; i: number }[] = [];
  let i = 0;
  for (const c of candidates) {
    const d = editDistance(name, c, max);
    if (d <= max && c.toLowerCase() !== name.toLowerCase()) scored.push({ c, d, i });
    i++;
  }
  return scored
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, limit)
    .map((s) => s.c);
}

/**
 * Known actions nearest an unknown one: in its service when the service is known, else the
 * same action name in the nearest services.
 */
export function nearestActions(name: string, limit = 3): string[] {
  const colon = name.indexOf(':');
  if (colon < 0) return [];
  const service = name.slice(0, colon);
  const action = name.slice(colon + 1);
  if (isKnownService(service)) {
    const actions = serviceActions(service).map((a) => a.name.slice(a.name.indexOf(':') + 1));
    const p = catalogue().services.get(service.toLowerCase())!;
    return nearest(action, actions, limit).map((a) => `${p}:${a}`);
  }
  const out: string[] = [];
  for (const s of nearestServices(service, 5)) {
    if (/[*?]/.test(action)) {
      if (expandPattern(`${s}:${action}`).length) out.push(`${s}:${action}`);
    } else {
      const hit = actionInfo(`${s}:${action}`);
      if (hit) out.push(hit.name);
    }
    if (out.length >= limit) break;
  }
  if (out.length || /[*?]/.test(action)) return out;
  // `vpc:DescribeSubnets`: the services that have an action of that name (ec2).
  const suffix = `:${action.toLowerCase()}`;
  for (const service of catalogue().services.keys()) {
    for (const key of actionsOf(service)?.keys() ?? []) {
      if (!key.endsWith(suffix)) continue;
      const hit = actionInfo(key);
      if (hit) out.push(hit.name);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

export function nearestServices(prefix: string, limit = 3): string[] {
  return nearest(prefix, servicePrefixes(), limit);
}

/** Known condition keys nearest an unknown one (exact keys only: a placeholder cannot be inserted as is). */
export function nearestConditionKeys(key: string, limit = 3): string[] {
  const c = catalogue();
  const service = key.slice(0, key.indexOf(':')).toLowerCase();
  const pool = [...(c.keysByService.get(service) ?? []), ...(service === 'aws' ? [] : c.keysByService.get('aws') ?? [])].filter((k) => !isPlaceholderKey(k.key)).map((k) => k.key);
  return nearest(key, pool, limit);
}

export function nearestOperators(op: string, limit = 3): string[] {
  return nearest(op, conditionOperators(/^For/i.test(op)).map((o) => o.name), limit);
}
