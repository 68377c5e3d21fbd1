import {
  actionInfo,
  catalogueDate,
  conditionKeyInfo,
  FAMILY_TEXT,
  isKnownService,
  nearestActions,
  nearestConditionKeys,
  nearestOperators,
  nearestServices,
  operatorInfo,
  patternActions,
  serviceName,
} from './catalogue-lookup';
import { contextAt } from './context';

interface AuthoringHover {
  /** The name hovered (offsets in the text). */
  readonly start: number;
  readonly end: number;
  readonly markdown: string;
}

/** How many names of a pattern's expansion are shown per access level; the rest are counted. */
const SHOWN = 8;
const LEVEL_ORDER = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/**
 * Hover on a name in a policy: an action's access level and description; a pattern's
 * matches today grouped by access level (each list folded after a few names); for an unknown
 * name, the nearest known ones. Every answer says the catalogue's date.
 */
export function hoverAt(text: string, offset: number): AuthoringHover | undefined {
  const ctx = contextAt(text, offset);
  if (!ctx || !ctx.token.value) return undefined;
  const name = ctx.token.value;
  const lines: string[] = [];
  if (ctx.slot.kind === 'action') lines.push(...actionHover(name));
  else if (ctx.slot.kind === 'operator') lines.push(...operatorHover(name));
  else lines.push(...keyHover(name, ctx.slot.operator));
  if (!lines.length) return undefined;
  lines.push('', `_AWS catalogue of ${catalogueDate()}_`);
  return { start: ctx.token.start, end: ctx.token.end, markdown: lines.join('\n') };
}

function code(s: string): string {
  return '`' + s + '`';
}

function didYouMean(names: readonly string[]): string {
  return names.length ? ` Did you mean ${names.map(code).join(', ')}?` : '';
}

function actionHover(name: string): string[] {
  if (name === '*') return [`${code('*')}: every action of every service.`];
  const colon = name.indexOf(':');
  if (colon < 0) return [`${code(name)} is not an action name (${code('service:Action')}).`];
  const service = name.slice(0, colon);
  if (!/[*?]/.test(service) && !isKnownService(service)) {
    const near = nearestActions(name);
    return [`${code(service)} is not a service prefix in the catalogue.${didYouMean(near.length ? near : nearestServices(service).map((s) => `${s}:`))}`];
  }
  if (!/[*?]/.test(name)) {
    const a = actionInfo(name);
    if (!a) return [`${code(name)} is not an action of ${serviceName(service) ?? service} in the catalogue.${didYouMean(nearestActions(name))}`];
    return [`**${code(a.name)}** — ${a.levels.join(', ') || 'access level not catalogued'}`, ...(a.description ? ['', a.description] : [])];
  }
  const matches = patternActions(name);
  if (!matches.length) return [`${code(name)} matches no action today.${didYouMean(nearestActions(name))}`];
  const groups = new Map<string, string[]>();
  for (const m of matches) {
    const level = m.levels.join(', ') || 'Unknown';
    groups.set(level, [...(groups.get(level) ?? []), m.name]);
  }
  const order = (l: string) => {
    const i = LEVEL_ORDER.indexOf(l.split(', ')[0]);
    return i < 0 ? 99 : i;
  };
  const out = [`**${code(name)}** matches ${matches.length} action${matches.length === 1 ? '' : 's'} today:`, ''];
  for (const [level, names] of [...groups].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))) {
    const shown = names.slice(0, SHOWN).map(code).join(', ');
    out.push(`- **${level}** (${names.length}): ${shown}${names.length > SHOWN ? `, … and ${names.length - SHOWN} more` : ''}`);
  }
  return out;
}

function operatorHover(op: string): string[] {
  const info = operatorInfo(op);
  if (!info) return [`${code(op)} is not a condition operator.${didYouMean(nearestOperators(op))}`];
  const notes = [FAMILY_TEXT[info.family]];
  if (info.ifExists) notes.push('true when the key is absent from the request');
  if (info.set) notes.push(info.set === 'ForAllValues' ? 'every value of a multivalued key must match' : 'at least one value of a multivalued key must match');
  return [`**${code(op)}** — condition operator: ${notes.join('; ')}.`];
}

function keyHover(key: string, operator: string | undefined): string[] {
  const info = conditionKeyInfo(key);
  if (!info) {
    const prefix = key.slice(0, key.indexOf(':'));
    if (prefix !== 'aws' && !isKnownService(prefix)) return [];
    return [`${code(key)} is not a condition key in the catalogue.${didYouMean(nearestConditionKeys(key))}`];
  }
  const out = [`**${code(info.key)}** — ${info.type} condition key${info.global ? ' (global)' : ''}`];
  if (info.description) out.push('', info.description);
  const family = operator ? operatorInfo(operator)?.family : undefined;
  if (family && operator) out.push('', `Used with ${code(operator)}, which ${FAMILY_TEXT[family]}.`);
  return out;
}

