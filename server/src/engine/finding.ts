import type { Position, Span } from '../hcl/span';
import type { Fix, Severity } from './rule';

/** Zero-based, UTF-16: the LSP convention. Reports convert to 1-based for people. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export function rangesEqual(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly title: string;
  readonly file: string;
  readonly span: Span;
  readonly range: Range;
  readonly aliases: readonly string[];
  readonly fix?: Fix;
  /** The block the finding is about (for block-level suppressions). */
  readonly block?: Span;
  readonly related?: readonly { readonly file: string; readonly range: Range; readonly message: string }[];
  /** The address of the block the finding was reported for (set when findings are merged). */
  readonly owner?: string;
  /** The call paths of the module instances that report it, when the module alone does not (set when merged). */
  readonly callPaths?: readonly string[];
}

export interface ScanError {
  readonly file: string;
  readonly message: string;
  /** Where in the file, when the error is about a part of it (a block that did not parse). */
  readonly range?: Range;
}

export interface ScanResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  /** Files skipped on purpose (encrypted or binary): reported, but not errors. */
  readonly notices?: ScanError[];
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/**
 * Items named in a message: `a`, `a and b`, `a, b and c`; past `shown + 1` items, the first
 * `shown` and `and N more` (`and N more <noun>` with a noun). The one list-in-prose of
 * messages (merged findings' callers and owners, IAM rules' actions and principals).
 */
export function proseList(items: readonly string[], shown: number, noun?: string): string {
  if (items.length === 1) return items[0];
  if (items.length <= shown + 1) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more${noun ? ` ${noun}` : ''}`;
}
