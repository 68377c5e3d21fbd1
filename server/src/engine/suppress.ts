import type { Comment, HclFile } from '../hcl/ast';
import { LineIndex } from '../hcl/span';
import type { Finding } from './finding';

/** The meta finding for a Perimeter suppression comment that suppresses nothing. */
export const UNUSED_SUPPRESSION = {
  id: 'perimeter-unused-suppression',
  title: 'Suppression comment suppresses nothing',
  severity: 'low',
} as const;

interface Suppression {
  readonly kind: 'perimeter' | 'perimeter-file' | 'peer' | 'peer-block' | 'kics-line' | 'kics-block';
  /** Rule ids (Perimeter) or peer ids (matched through rule aliases); empty = any. */
  readonly ids: readonly string[];
  readonly line: number;
  readonly comment: Comment;
  used: boolean;
}

/**
 * Removes suppressed findings. Honoured forms:
 * - `# perimeter:ignore:<id>[,<id>] <reason>`: on the finding's line (trailing), the line
 *   above it, or on / above the first line of the block the finding is about;
 * - `# perimeter:ignore-file:<id>`: anywhere in the file;
 * - `#trivy:ignore:<id>` / `#tfsec:ignore:<id>` (`AVD-` prefix optional, `:exp:` suffix
 *   ignored): like a Perimeter line suppression, matched through the rule's aliases;
 * - `#checkov:skip=<id>:<reason>`: inside (or just above) the block the finding is about;
 * - `# kics-scan ignore-line` (the next line) and `# kics-scan ignore-block` (the next block).
 * Perimeter suppressions that suppress nothing become `perimeter-unused-suppression` findings.
 */
export function applySuppressions(findings: readonly Finding[], files: readonly HclFile[]): { kept: Finding[]; suppressed: number } {
  const byFile = new Map<string, { index: LineIndex; list: Suppression[] }>();
  for (const f of files) {
    // Most files have no suppression comment: do not index their lines for nothing.
    if (!f.comments.some((c) => SUPPRESSION.test(c.text))) continue;
    const index = new LineIndex(f.text);
    const list = f.comments.flatMap((c) => parse(c, index));
    if (list.length) byFile.set(f.path, { index, list });
  }
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    const entry = byFile.get(finding.file);
    const hit = entry?.list.filter((s) => covers(s, finding, entry.index));
    if (hit && hit.length) {
      for (const s of hit) s.used = true;
      suppressed++;
    } else kept.push(finding);
  }
  for (const [file, { index, list }] of byFile) {
    for (const s of list) {
      if (s.used || (s.kind !== 'perimeter' && s.kind !== 'perimeter-file')) continue;
      kept.push({
        ruleId: UNUSED_SUPPRESSION.id,
        severity: UNUSED_SUPPRESSION.severity,
        title: UNUSED_SUPPRESSION.title,
        message: `This suppression of ${s.ids.join(', ')} suppresses nothing: the finding is gone or the id is wrong. Remove the comment so it cannot hide a future finding.`,
        file,
        span: s.comment.span,
        range: { start: index.position(s.comment.span.start), end: index.position(s.comment.span.end) },
        aliases: [],
      });
    }
  }
  return { kept, suppressed };
}

const SUPPRESSION = /^(perimeter:|trivy:|tfsec:|checkov:|kics-scan)/i;

function parse(c: Comment, index: LineIndex): Suppression[] {
  const line = index.position(c.span.start).line;
  const t = c.text;
  const mk = (kind: Suppression['kind'], ids: string[]): Suppression[] => [{ kind, ids, line, comment: c, used: false }];
  let m = /^perimeter:ignore-file:([\w,-]+)/i.exec(t);
  if (m) return mk('perimeter-file', splitIds(m[1]));
  m = /^perimeter:ignore:([\w,-]+)/i.exec(t);
  if (m) return mk('perimeter', splitIds(m[1]));
  m = /^(?:trivy|tfsec):ignore:([\w.-]+)/i.exec(t);
  if (m) return mk('peer', [m[1]]);
  m = /^checkov:skip=([\w-]+)/i.exec(t);
  if (m) return mk('peer-block', [m[1]]);
  m = /^kics-scan\s+ignore-(line|block)/i.exec(t);
  if (m) return mk(m[1].toLowerCase() === 'line' ? 'kics-line' : 'kics-block', []);
  return [];
}

function splitIds(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

/** Peer ids match an alias case-insensitively, with or without Trivy's `AVD-` prefix. */
function peerMatches(id: string, aliases: readonly string[]): boolean {
  const norm = (x: string) => x.toLowerCase().replace(/^avd-/, '');
  return aliases.some((a) => norm(a) === norm(id));
}

function covers(s: Suppression, f: Finding, index: LineIndex): boolean {
  const line = f.range.start.line;
  const blockLine = f.block ? index.position(f.block.start).line : undefined;
  const nearLine = s.line === line || s.line === line - 1;
  const nearBlock = blockLine !== undefined && (s.line === blockLine || s.line === blockLine - 1);
  const inBlock = f.block !== undefined && f.block.start <= s.comment.span.start && s.comment.span.end <= f.block.end;
  switch (s.kind) {
    case 'perimeter':
      return s.ids.includes(f.ruleId) && (nearLine || nearBlock);
    case 'perimeter-file':
      return s.ids.includes(f.ruleId);
    case 'peer':
      return peerMatches(s.ids[0], f.aliases) && (nearLine || nearBlock);
    case 'peer-block':
      return peerMatches(s.ids[0], f.aliases) && (inBlock || nearBlock || nearLine);
    case 'kics-line':
      return s.line === line - 1;
    case 'kics-block':
      return blockLine !== undefined && s.line === blockLine - 1;
  }
}
