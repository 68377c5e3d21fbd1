import { patternActions } from './catalogue-lookup';
import { contextAt } from './context';

/** A text replacement in the document's current text (UTF-16 offsets). */
interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

interface WildcardAction {
  readonly title: string;
  /** True for the edit that grants less than the pattern (read and list actions only). */
  readonly narrows: boolean;
  readonly edit: TextEdit;
}

/**
 * Code actions on a wildcard action (`s3:Get*`, `s3:*`) at `offset`: replace it with the
 * actions it matches today, or (in an Allow statement's Action) with only its read and list
 * actions. The author's form is kept: an item of a list becomes several items laid out as the
 * list is (one per line, or inline), a lone value becomes a list; quotes are written as the
 * surrounding text writes them (`\"` inside a quoted JSON string, which stays on one line).
 * `*` and patterns over several services are not expanded (thousands of actions).
 */
export function wildcardActionsAt(text: string, offset: number): WildcardAction[] {
  const ctx = contextAt(text, offset);
  if (!ctx || ctx.slot.kind !== 'action' || !ctx.token.quoted || !ctx.token.closed) return [];
  const name = ctx.token.value;
  const colon = name.indexOf(':');
  if (colon <= 0 || /[*?]/.test(name.slice(0, colon)) || !/[*?]/.test(name.slice(colon + 1))) return [];
  const matches = patternActions(name);
  if (!matches.length) return [];
  const out: WildcardAction[] = [];
  out.push({ title: `Replace ${JSON.stringify(name)} with the ${count(matches.length)} it matches today`, narrows: false, edit: listEdit(text, ctx, matches.map((m) => m.name)) });
  // Narrowing an Action of a Deny, or a NotAction, would widen what the policy allows.
  if (ctx.slot.field === 'Action' && ctx.effect === 'Allow') {
    const reads = matches.filter((m) => m.levels.length > 0 && m.levels.every((l) => l === 'List' || l === 'Read'));
    if (reads.length && reads.length < matches.length) {
      out.push({
        title: `Narrow ${JSON.stringify(name)} to its ${reads.length} read and list action${reads.length === 1 ? '' : 's'} (drops ${matches.length - reads.length} that write, tag or change permissions)`,
        narrows: true,
        edit: listEdit(text, ctx, reads.map((m) => m.name)),
      });
    }
  }
  return out;
}

function count(n: number): string {
  return `${n} action${n === 1 ? '' : 's'}`;
}

function listEdit(text: string, ctx: NonNullable<ReturnType<typeof contextAt>>, names: readonly string[]): TextEdit {
  const { token } = ctx;
  const q = token.escaped ? '\\"' : '"';
  const start = token.start - q.length;
  const end = token.end + q.length;
  const quoted = names.map((n) => q + n + q);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const indent = /^[ \t]*/.exec(before)![0];
  if (ctx.inList) {
    // An item alone on its line: one item per line at its indentation; else inline.
    const ownLine = !token.escaped && before.trim() === '';
    return { start, end, newText: quoted.join(ownLine ? `,\n${indent}` : ', ') };
  }
  if (token.escaped || names.length === 1) return { start, end, newText: quoted.length === 1 ? quoted[0] : `[${quoted.join(', ')}]` };
  const inner = indent + (indent.includes('\t') ? '\t' : '  ');
  return { start, end, newText: `[\n${quoted.map((x) => inner + x).join(',\n')}\n${indent}]` };
}
