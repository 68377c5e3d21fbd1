import {
  actionInfo,
  conditionKeyInfo,
  conditionKeysFor,
  conditionOperators,
  FAMILY_TEXT,
  isKnownService,
  keyInsertText,
  operatorFits,
  operatorInfo,
  serviceActions,
  serviceName,
  servicePrefixes,
} from './catalogue-lookup';
import { contextAt, type PolicyContext } from './context';

/** One completion, free of LSP types: server.ts maps it. */
export interface CompletionItem {
  readonly label: string;
  readonly kind: 'service' | 'action' | 'operator' | 'condition-key';
  /** Replaces `replace` in the text. */
  readonly newText: string;
  readonly detail: string;
  readonly documentation?: string;
  /** What the editor filters the typed text against (the name, without added quotes). */
  readonly filterText: string;
  readonly sortText: string;
  /** Ask for completion again after inserting (a service prefix, then its actions). */
  readonly retrigger?: boolean;
}

interface Completion {
  readonly replace: { readonly start: number; readonly end: number };
  readonly items: readonly CompletionItem[];
}

/**
 * Completion at `offset` in a policy slot: service prefixes then a service's actions in
 * Action / NotAction / actions values; operators and condition keys in conditions. The
 * author's quoting is kept: only the name is replaced, and a string left open on a
 * half-typed line gets its closing quote (written as the surrounding JSON writes quotes).
 */
export function completeAt(text: string, offset: number): Completion | undefined {
  const ctx = contextAt(text, offset);
  if (!ctx) return undefined;
  const { token } = ctx;
  const typed = text.slice(token.start, offset);
  const close = token.quoted && !token.closed && !restOfLineHasQuote(text, token.end, token.escaped) ? (token.escaped ? '\\"' : '"') : '';
  const replace = { start: token.start, end: token.end };
  switch (ctx.slot.kind) {
    case 'action':
      return { replace, items: actionItems(typed, close) };
    case 'operator':
      return { replace, items: operatorItems(ctx, typed, close) };
    case 'condition-key':
      return { replace, items: keyItems(ctx, typed, close, ctx.slot.operator) };
  }
}

function restOfLineHasQuote(text: string, from: number, escaped: boolean): boolean {
  const eol = text.indexOf('\n', from);
  const rest = text.slice(from, eol < 0 ? text.length : eol);
  return escaped ? rest.includes('\\"') : /^\s*"/.test(rest);
}

function levelText(levels: readonly string[]): string {
  return levels.length ? levels.join(', ') : 'access level not catalogued';
}

function actionItems(typed: string, close: string): CompletionItem[] {
  const colon = typed.indexOf(':');
  if (colon < 0) {
    // Service prefixes first: `s3:` then the service's actions.
    return servicePrefixes().map((p, i) => ({
      label: p,
      kind: 'service',
      newText: `${p}:`,
      detail: serviceName(p) ?? p,
      filterText: `${p}:`,
      sortText: String(i).padStart(4, '0'),
      retrigger: true,
    }));
  }
  const service = typed.slice(0, colon);
  if (!isKnownService(service)) return [];
  return serviceActions(service).map((a, i) => ({
    label: a.name,
    kind: 'action',
    newText: a.name + close,
    detail: levelText(a.levels),
    ...(a.description ? { documentation: a.description } : {}),
    filterText: a.name,
    sortText: String(i).padStart(4, '0'),
  }));
}

function operatorItems(ctx: PolicyContext, typed: string, close: string): CompletionItem[] {
  const bareHcl = !ctx.token.quoted && ctx.syntax === 'hcl';
  return conditionOperators(/^For/i.test(typed)).map((o, i) => {
    // A bare HCL key cannot hold `:`: `"ForAnyValue:StringLike"` is quoted.
    const text = bareHcl && o.name.includes(':') ? `"${o.name}"` : o.name;
    return {
      label: o.name,
      kind: 'operator',
      newText: text + close,
      detail: `${FAMILY_TEXT[o.family]}${o.ifExists ? ', true when the key is absent' : ''}${o.set ? `, ${o.set === 'ForAllValues' ? 'every' : 'any'} value of a multivalued key` : ''}`,
      filterText: o.name,
      sortText: String(i).padStart(4, '0'),
    };
  });
}

function keyItems(ctx: PolicyContext, typed: string, close: string, operator: string | undefined): CompletionItem[] {
  const colon = typed.indexOf(':');
  const services = [...ctx.services];
  if (colon > 0 && isKnownService(typed.slice(0, colon)) && !services.includes(typed.slice(0, colon).toLowerCase())) services.push(typed.slice(0, colon).toLowerCase());
  const family = operator ? operatorInfo(operator)?.family : undefined;
  const bareHcl = !ctx.token.quoted && ctx.syntax === 'hcl';
  const keys = conditionKeysFor(services);
  const items: CompletionItem[] = [];
  keys.forEach((k, i) => {
    const fits = !family || operatorFits(family, k.type);
    const insert = keyInsertText(k.key);
    // A key with a placeholder is inserted up to it (`aws:RequestTag/`): the author types the tag.
    const open = insert !== k.key;
    items.push({
      label: k.key,
      kind: 'condition-key',
      newText: (bareHcl ? `"${insert}` : insert) + (open ? '' : bareHcl ? '"' : close),
      detail: `${k.type}${k.global ? ' (global)' : ''}${fits ? '' : ` — ${operator} does not apply to it`}`,
      ...(k.description ? { documentation: k.description } : {}),
      filterText: insert,
      // Keys the operator applies to first, then the statement's services before the global keys.
      sortText: `${fits ? 0 : 1}${k.global ? 1 : 0}${String(i).padStart(4, '0')}`,
    });
  });
  return items;
}

/** The documentation of an item, resolved when the editor shows it (kept out of the list). */
export function completionDocumentation(kind: CompletionItem['kind'], label: string): string | undefined {
  if (kind === 'action') return actionInfo(label)?.description || undefined;
  if (kind === 'condition-key') return conditionKeyInfo(label)?.description || undefined;
  return undefined;
}
