import type { Block, Comment, HclFile } from '../hcl/ast';
import { contains, type LineIndex, lineIndexOf, type Span } from '../hcl/span';
import type { Finding } from './finding';
import { peerIdCovers } from './peer-ids';
import { memoizedByObject, ObjectSlot } from '../memo';

/** The meta finding for a Perimeter suppression comment that suppresses nothing. */
export const UNUSED_SUPPRESSION = {
  id: 'perimeter-unused-suppression',
  title: 'Suppression comment suppresses nothing',
  severity: 'low',
} as const;

/** The meta finding for a Perimeter suppression without a reason (or with the editor's placeholder). */
const SUPPRESSION_WITHOUT_REASON = {
  id: 'perimeter-suppression-without-reason',
  title: 'Suppression comment gives no reason',
  severity: 'low',
} as const;

/** Findings about suppression comments themselves, reported like rules' findings. */
export const META_RULES = [UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_REASON] as const;

/**
 * True when the text after a suppression's ids says nothing: empty, or the placeholder the
 * editor's "suppress here" action writes (`TODO: reason`), which is not a decision.
 */
function isMissingReason(reason: string): boolean {
  const words = reason
    .replace(/^[\s:;,.-]*(?:todo|tbd|fixme)\b/i, '')
    .replace(/[\s:;,.!-]+/g, ' ')
    .trim();
  return words === '' || /^(?:a )?reason$/i.test(words);
}

interface Suppression {
  readonly kind: 'perimeter' | 'perimeter-file' | 'peer' | 'peer-block' | 'kics-line' | 'kics-block';
  /** Rule ids (Perimeter) or peer ids (resolved through engine/peer-ids.ts); empty = any. */
  readonly ids: readonly string[];
  readonly line: number;
  readonly comment: Comment;
  /** Blocks (any nesting level) whose findings the comment covers wherever they are reported. */
  readonly blocks: readonly Span[];
  /** For a Perimeter line suppression: the text after its ids. */
  readonly reason?: string;
  used: boolean;
}

/**
 * Removes suppressed findings. Honoured forms:
 * - `# perimeter:ignore:<id>[,<id>] <reason>`: on the finding's line (trailing), the line
 *   above it, or on / above the first line of the block the finding is about;
 * - `# perimeter:ignore-file:<id>`: anywhere in the file;
 * - `#trivy:ignore:<id>` / `#tfsec:ignore:<id>` (several in one comment; tfsec long ids,
 *   legacy codes and AVD ids with or without `AVD-`; a past `:exp:YYYY-MM-DD` ends it): like
 *   a Perimeter line suppression, matched through the rule's aliases;
 * - `#checkov:skip=<id>:<reason>` / `#bridgecrew:skip=<id>` (CKV or BC ids): inside (or just
 *   above) the block the finding is about;
 * - `# kics-scan ignore-line` (the next line) and `# kics-scan ignore-block` (the next block).
 * Besides, a comment that annotates a block (on its first line, or on the lines just above
 * it) covers every finding located inside that block, at any nesting level, whichever
 * resource the finding is reported for (a policy document read by a role); a Checkov skip
 * inside a block covers the findings located in its top-level block.
 * Perimeter suppressions that suppress nothing become `perimeter-unused-suppression` findings.
 */
export function applySuppressions(
  findings: readonly Finding[],
  files: readonly HclFile[],
  now: Date = new Date(),
): { kept: Finding[]; suppressed: number } {
  const byFile = new Map<string, { index: LineIndex; layout: Layout; list: Suppression[] }>();
  for (const f of files) {
    // Most files have no suppression comment: do not index their lines for nothing.
    if (!f.comments.some((c) => SUPPRESSION.test(c.text))) continue;
    const index = lineIndexOf(f);
    const layout = layoutOf(f, index);
    const list = written(f).flatMap((w) => inForce(w, now));
    if (list.length) byFile.set(f.path, { index, layout, list });
  }
  const kept: Finding[] = [];
  let suppressed = 0;
  const hcl = new Set(files.map((f) => f.path));
  for (const finding of findings) {
    const entry = byFile.get(finding.file);
    // The block a finding is about can sit in another file than the finding (a role reading
    // a policy document): its span only means something in the file that holds it.
    const block = entry && finding.block && entry.layout.hasBlock(finding.block) ? finding.block : undefined;
    const blockLine = entry && block ? entry.index.position(block.start).line : undefined;
    let hit = entry?.list.filter((s) => covers(s, finding, block, blockLine));
    // A finding in a file that cannot hold comments (a policy .json read by file()) is
    // suppressed by a comment inside the block that reads it.
    if (!hcl.has(finding.file) && finding.block) {
      const b = finding.block;
      hit = [...byFile.values()].flatMap((e) => (e.layout.hasBlock(b) ? e.list.filter((s) => coversFromReader(s, finding, b)) : []));
    }
    if (hit && hit.length) {
      for (const s of hit) s.used = true;
      suppressed++;
    } else kept.push(finding);
  }
  for (const [file, { index, list }] of byFile) {
    for (const s of list) {
      const at = { file, span: s.comment.span, range: { start: index.position(s.comment.span.start), end: index.position(s.comment.span.end) }, aliases: [] };
      // A used suppression must say why the risk is accepted; an unused one is reported as unused instead.
      if (s.used && s.kind === 'perimeter' && isMissingReason(s.reason ?? '')) {
        kept.push({
          ruleId: SUPPRESSION_WITHOUT_REASON.id,
          severity: SUPPRESSION_WITHOUT_REASON.severity,
          title: SUPPRESSION_WITHOUT_REASON.title,
          message: `This suppression of ${s.ids.join(', ')} gives no reason. Write after the rule id why the risk is accepted, so a reviewer can tell a decision from a shortcut.`,
          ...at,
        });
      }
      if (s.used || (s.kind !== 'perimeter' && s.kind !== 'perimeter-file')) continue;
      kept.push({
        ruleId: UNUSED_SUPPRESSION.id,
        severity: UNUSED_SUPPRESSION.severity,
        title: UNUSED_SUPPRESSION.title,
        message: `This suppression of ${s.ids.join(', ')} suppresses nothing: the finding is gone or the id is wrong. Remove the comment so it cannot hide a future finding.`,
        ...at,
      });
    }
  }
  return { kept, suppressed };
}

const SUPPRESSION = /^(perimeter:|trivy:|tfsec:|checkov:|bridgecrew:|kics-scan)/i;
const PEER_IGNORE = /(?:trivy|tfsec):ignore:([\w.-]+)(?::exp:(\d{4}-\d{2}-\d{2}))?/gi;
const PEER_SKIP = /(?:checkov|bridgecrew):skip=([\w-]+)/gi;

// One layout per file version: a file is read by its module and each instance of it.
const LAYOUTS = new ObjectSlot<HclFile, Layout>();

function layoutOf(file: HclFile, index: LineIndex): Layout {
  let layout = LAYOUTS.get(file);
  if (!layout || layout.index !== index) LAYOUTS.set(file, (layout = new Layout(file, index)));
  return layout;
}

/** Where a file's blocks start and which lines hold only comments. */
class Layout {
  /** Every block of the file, any nesting level, with the line of its header. */
  readonly blocks: { line: number; span: Span; top: Span }[] = [];
  private readonly commentOnly = new Set<number>();

  constructor(
    readonly file: HclFile,
    readonly index: LineIndex,
  ) {
    const stack: { b: Block; top: Span }[] = file.body.blocks.map((b) => ({ b, top: b.span }));
    while (stack.length) {
      const { b, top } = stack.pop()!;
      this.blocks.push({ line: index.position(b.span.start).line, span: b.span, top });
      for (const inner of b.body.blocks) stack.push({ b: inner, top });
    }
    for (const c of file.comments) {
      const start = index.position(c.span.start);
      const end = index.position(c.span.end);
      if (start.line === end.line && this.codeBefore(c) === '') this.commentOnly.add(start.line);
    }
  }

  /** The text before a comment on its line (empty for a comment on a line of its own). */
  codeBefore(c: Comment): string {
    const p = this.index.position(c.span.start);
    return this.file.text.slice(c.span.start - p.character, c.span.start).trim();
  }

  /** The line a comment annotates: its own when it trails code, else the next line that is not only a comment. */
  annotatedLine(c: Comment): number {
    const line = this.index.position(c.span.start).line;
    if (this.codeBefore(c) !== '') return line;
    let next = this.index.position(c.span.end).line + 1;
    while (this.commentOnly.has(next)) next++;
    return next;
  }

  /** True when a span is exactly one of this file's blocks. */
  hasBlock(span: Span): boolean {
    if (!this.ends) {
      this.ends = new Map();
      for (const b of this.blocks) this.ends.set(b.span.start, [...(this.ends.get(b.span.start) ?? []), b.span.end]);
    }
    return this.ends.get(span.start)?.includes(span.end) ?? false;
  }

  /** Block ends by block start, built on first use. */
  private ends: Map<number, number[]> | undefined;

  /** Blocks whose header is on a line. */
  blocksAt(line: number): Span[] {
    if (!this.byLine) {
      this.byLine = new Map();
      for (const b of this.blocks) {
        const list = this.byLine.get(b.line) ?? [];
        list.push(b.span);
        this.byLine.set(b.line, list);
      }
    }
    return [...(this.byLine.get(line) ?? [])];
  }

  /** Block spans by header line, made on first use (each suppression comment asks). */
  private byLine: Map<number, Span[]> | undefined;

  /** The top-level block a comment lies in. */
  topBlockOf(c: Comment): Span | undefined {
    return this.blocks.find((b) => b.top === b.span && contains(b.span, c.span))?.span;
  }
}

/**
 * A suppression comment as written, before the date: a peer id with an expiry drops out
 * once the date has passed. Read once per file version (see written).
 */
interface Written extends Omit<Suppression, 'ids' | 'used'> {
  readonly ids: readonly { readonly id: string; readonly expires?: string }[];
}

const written = memoizedByObject((file: HclFile): readonly Written[] => {
  const layout = layoutOf(file, lineIndexOf(file));
  return file.comments.flatMap((c) => parse(c, layout));
});

/** The suppression a comment makes today, with its own `used` mark; none when every id of a peer ignore has expired. */
function inForce(w: Written, now: Date): Suppression[] {
  const ids = w.ids.filter((x) => !x.expires || !expired(x.expires, now)).map((x) => x.id);
  if (w.kind === 'peer' && !ids.length) return [];
  return [{ ...w, ids, used: false }];
}

function parse(c: Comment, layout: Layout): Written[] {
  const line = layout.index.position(c.span.start).line;
  const t = c.text;
  if (!SUPPRESSION.test(t)) return [];
  const annotated = (): Span[] => {
    const own = layout.blocksAt(line);
    const target = layout.annotatedLine(c);
    return target === line ? own : [...own, ...layout.blocksAt(target)];
  };
  const plain = (ids: string[]) => ids.map((id) => ({ id }));
  const mk = (kind: Suppression['kind'], ids: Written['ids'], blocks: Span[]): Written[] => [{ kind, ids, line, comment: c, blocks }];
  let m = /^perimeter:ignore-file:([\w,-]+)/i.exec(t);
  if (m) return mk('perimeter-file', plain(splitIds(m[1])), []);
  m = /^perimeter:ignore:([\w,-]+)/i.exec(t);
  if (m) return [{ kind: 'perimeter', ids: plain(splitIds(m[1])), line, comment: c, blocks: annotated(), reason: t.slice(m[0].length) }];
  if (/^(?:trivy|tfsec):ignore:/i.test(t)) {
    // Trivy drops an ignore rule once its expiry date has passed (see inForce).
    const ids = [...t.matchAll(PEER_IGNORE)].map((x) => (x[2] ? { id: x[1], expires: x[2] } : { id: x[1] }));
    return ids.length ? mk('peer', ids, annotated()) : [];
  }
  if (/^(?:checkov|bridgecrew):skip=/i.test(t)) {
    const ids = plain([...t.matchAll(PEER_SKIP)].map((x) => x[1]));
    const top = layout.topBlockOf(c);
    return mk('peer-block', ids, top ? [...annotated(), top] : annotated());
  }
  m = /^kics-scan\s+ignore-(line|block)/i.exec(t);
  if (m) return m[1].toLowerCase() === 'line' ? mk('kics-line', [], []) : mk('kics-block', [], layout.blocksAt(line + 1));
  return [];
}

/** A `YYYY-MM-DD` expiry is past once its day has begun (UTC), as Trivy reads it. */
function expired(date: string, now: Date): boolean {
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(t) && t < now.getTime();
}

function splitIds(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

/** A suppression inside (or on the first line of) the block that reads the finding's file. */
function coversFromReader(s: Suppression, f: Finding, block: Span): boolean {
  if (!contains(block, s.comment.span)) return false;
  switch (s.kind) {
    case 'perimeter':
      return s.ids.includes(f.ruleId);
    case 'peer':
    case 'peer-block':
      return s.ids.some((id) => peerIdCovers(id, f));
    default:
      return false;
  }
}

// Plain loops: asked for every (finding, comment) pair of a module on every analysis.
function names(s: Suppression, f: Finding): boolean {
  if (s.kind === 'perimeter' || s.kind === 'perimeter-file') return s.ids.includes(f.ruleId);
  if (s.kind !== 'peer' && s.kind !== 'peer-block') return true;
  for (let i = 0; i < s.ids.length; i++) if (peerIdCovers(s.ids[i], f)) return true;
  return false;
}

function covers(s: Suppression, f: Finding, block: Span | undefined, blockLine: number | undefined): boolean {
  // Which rules a comment names is the cheap test, and fails for most pairs: positions after.
  if (!names(s, f)) return false;
  if (s.kind === 'perimeter-file') return true;
  const line = f.range.start.line;
  if (s.kind === 'kics-line') return s.line === line - 1;
  const nearLine = s.line === line || s.line === line - 1;
  const nearBlock = blockLine !== undefined && (s.line === blockLine || s.line === blockLine - 1);
  // The finding's location lies inside a block the comment annotates (same file: see byFile).
  let located = false;
  for (let i = 0; i < s.blocks.length && !located; i++) located = contains(s.blocks[i], f.span);
  switch (s.kind) {
    case 'perimeter':
    case 'peer':
      return nearLine || nearBlock || located;
    case 'peer-block':
      return (block !== undefined && contains(block, s.comment.span)) || nearBlock || nearLine || located;
    case 'kics-block':
      return (blockLine !== undefined && s.line === blockLine - 1) || located;
  }
}
