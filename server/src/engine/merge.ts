import * as path from 'node:path';
import type { Attribute, Block, HclFile } from '../hcl/ast';
import { groupBy } from '../group-by';
import { contains, type Span } from '../hcl/span';
import { blockAddress, type TerraformModule } from '../module/module';
import { formatAddress } from '../registry/address';
import { type Finding, proseList, type Range, rangesEqual } from './finding';
import { severityRank } from './rule';
import { UNUSED_SUPPRESSION } from './suppress';

/**
 * One finding per problem. Rules report per consumer (a policy document read by two
 * resources is reported for each), and a scan analyses a module standalone and once per
 * call that instantiates it: the same finding (rule, file, span) then comes several
 * times. `mergeFindings` turns them into one finding that names every owner and every
 * call path, used by the CLI scan and the editor alike.
 */

/** Where a finding came from, besides the finding itself. */
export interface Occurrence {
  readonly finding: Finding;
  /** The resource (or data source, module call) the finding was reported for, when known. */
  readonly owner?: Owner;
  /** The module call whose instance produced it; absent for a module analysed as scanned. */
  readonly call?: CallSite;
}

interface Owner {
  /** `aws_iam_role_policy.b`, as messages name it. */
  readonly address: string;
  /** Where the owner reads the finding's location (its argument), or its block header. */
  readonly file: string;
  readonly range: Range;
}

export interface CallSite {
  /** `module.a.module.b`. */
  readonly path: string;
  /** The `module` block of the scanned module that starts the call path. */
  readonly file: string;
  readonly range: Range;
}

/** The occurrences of a module's findings, each with its owner. */
export function occurrencesOf(module: TerraformModule, findings: readonly Finding[], call?: CallSite): Occurrence[] {
  return findings.map((finding) => {
    const owner = ownerOf(module, finding);
    return { finding: owner ? { ...finding, owner: owner.address } : finding, ...(owner ? { owner } : {}), ...(call ? { call } : {}) };
  });
}

/**
 * The block a finding is about, and the argument of it that reads the finding's location:
 * the attribute that names the block, local, variable or file holding the location, else
 * the block's header.
 */
function ownerOf(module: TerraformModule, f: Finding): Owner | undefined {
  if (!f.block) return undefined;
  const b = f.block;
  const same = (s: Span) => s.start === b.start && s.end === b.end;
  const candidates: { address: string; block: Block; file: HclFile }[] = [];
  for (const file of module.files) {
    for (const block of file.body.blocks) {
      if (!same(block.span)) continue;
      const address = blockAddress(block);
      if (address) candidates.push({ address, block, file });
    }
  }
  for (const r of module.synthesized) if (same(r.block.span)) candidates.push({ address: formatAddress(r.address), block: r.callBlock, file: r.file });
  if (!candidates.length) return undefined;
  // Prefer the block in the finding's own file, then the address the message starts with.
  const ranked = [...candidates].sort((x, y) => rank(x) - rank(y));
  function rank(c: { address: string; file: HclFile }): number {
    return (c.file.path === f.file ? 0 : 2) + (f.message.startsWith(`${c.address} `) ? 0 : 1);
  }
  const { address, block, file } = ranked[0];
  const idx = module.lineIndex(file.path);
  if (!idx) return undefined;
  const at = readingArgument(module, block, file, f) ?? block.headerSpan;
  return { address, file: file.path, range: { start: idx.position(at.start), end: idx.position(at.end) } };
}

/** The argument of `block` that reads what holds the finding's location, when one names it. */
function readingArgument(module: TerraformModule, block: Block, file: HclFile, f: Finding): Span | undefined {
  if (file.path === f.file && contains(block.span, f.span)) return undefined;
  const needles = holderNames(module, f);
  if (!needles.length) return undefined;
  const stack: Block[] = [block];
  while (stack.length) {
    const b = stack.pop()!;
    const hit = b.body.attributes.find((a: Attribute) => needles.some((n) => file.text.slice(a.expr.span.start, a.expr.span.end).includes(n)));
    if (hit) return hit.span;
    for (let i = b.body.blocks.length - 1; i >= 0; i--) stack.push(b.body.blocks[i]);
  }
  return undefined;
}

/** How an expression names what holds a location: a block's address, a local, a variable, a file's name. */
function holderNames(module: TerraformModule, f: Finding): string[] {
  const file = module.files.find((x) => x.path === f.file);
  if (!file) return [path.basename(f.file)];
  const top = file.body.blocks.find((b) => contains(b.span, f.span));
  if (!top) return [];
  if (top.type === 'locals') {
    const a = top.body.attributes.find((x) => contains(x.span, f.span));
    return a ? [`local.${a.name}`] : [];
  }
  if (top.type === 'variable') return top.labels[0] ? [`var.${top.labels[0].value}`] : [];
  const address = blockAddress(top);
  return address ? [address] : [];
}

/**
 * One finding per (rule, file, span). Its message is the worst one's (ties: standalone
 * before call instances, then by call path, owner and text, so the result does not depend
 * on the order of the input), followed by the other owners, `(also used by
 * aws_iam_role_policy.b)`, and by the call paths that produce it, `(as module.a and
 * module.b are called)` or `(also as module.a is called)` when the module analysed alone
 * has it too. Severity is the worst; related locations point at each other owner's
 * argument and each call's `module` block; a fix is kept only when every occurrence has
 * the same one. An unused-suppression finding is kept only when every analysis of its
 * file found the comment unused (see `analysesPerFile`).
 */
export function mergeFindings(occurrences: readonly Occurrence[], analysesPerFile?: ReadonlyMap<string, number>): Finding[] {
  const groups = groupBy(occurrences, ({ finding: f }) => `${f.ruleId}\u0000${f.file}\u0000${f.span.start}\u0000${f.span.end}`);
  const out: Finding[] = [];
  for (const group of groups.values()) {
    if (group[0].finding.ruleId === UNUSED_SUPPRESSION.id) {
      const unusedIn = new Set(group.map((o) => (o.call ? `${o.call.file}|${o.call.path}` : ''))).size;
      if (!analysesPerFile || unusedIn >= (analysesPerFile.get(group[0].finding.file) ?? 1)) out.push(group[0].finding);
      continue;
    }
    if (group.length === 1 && !group[0].call) out.push(group[0].finding);
    else for (const problem of problems(group)) out.push(merged(problem));
  }
  return out;
}

/**
 * The problems among occurrences at one place. The same owner reporting two different
 * messages there in one analysis is two problems (a block that leaves two flags unset,
 * both reported on its header): they stay two findings, each merged with its own kind.
 * Otherwise the messages are one problem as each owner and call sees it.
 */
function problems(group: readonly Occurrence[]): Occurrence[][] {
  const kinds = groupBy(group, (o) => (o.owner ? o.finding.message.split(o.owner.address).join('\u0000') : o.finding.message));
  if (kinds.size === 1) return [[...group]];
  const seen = new Map<string, string>();
  for (const [k, list] of kinds) {
    for (const o of list) {
      const who = `${o.owner?.address ?? ''}\u0000${o.call ? `${o.call.file}|${o.call.path}` : ''}`;
      if (seen.has(who) && seen.get(who) !== k) return [...kinds.values()];
      seen.set(who, k);
    }
  }
  return [[...group]];
}

function merged(group: readonly Occurrence[]): Finding {
  const sorted = [...group].sort(
    (a, b) =>
      severityRank(a.finding.severity) - severityRank(b.finding.severity) ||
      (a.call ? 1 : 0) - (b.call ? 1 : 0) ||
      cmp(a.call?.path ?? '', b.call?.path ?? '') ||
      cmp(a.owner?.address ?? '', b.owner?.address ?? '') ||
      cmp(a.finding.message, b.finding.message),
  );
  const first = sorted[0];
  const main = first.finding;
  const related: { file: string; range: Range; message: string }[] = [];
  const relatedKeys = new Set<string>();
  const relate = (r: { file: string; range: Range; message: string }) => {
    const k = `${r.file}|${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}|${r.message}`;
    if (relatedKeys.has(k)) return;
    relatedKeys.add(k);
    related.push(r);
  };
  for (const o of sorted) for (const r of o.finding.related ?? []) relate(r);

  // Owners: the main one first, the others by address.
  let suffix = '';
  const mainOwner = first.owner?.address;
  const owners = new Map<string, Occurrence>();
  for (const o of sorted) if (o.owner && !owners.has(o.owner.address)) owners.set(o.owner.address, o);
  const others = [...owners.keys()].filter((a) => a !== mainOwner).sort(cmp);
  if (others.length) {
    suffix += ` (also used by ${proseList(others, 4)})`;
    for (const address of [...(mainOwner ? [mainOwner] : []), ...others]) {
      const o = owners.get(address)!;
      const own = o.finding.message;
      // An owner whose message says more than the main one's with its own name keeps its words.
      const same = !mainOwner || own === main.message.replace(mainOwner, address);
      if (o.owner!.file === main.file && rangesEqual(o.owner!.range, main.range)) continue;
      relate({ file: o.owner!.file, range: o.owner!.range, message: same ? `${address} uses it here` : own });
    }
  }

  // Call paths: standalone first, then each call instance.
  const standalone = sorted.some((o) => !o.call);
  // The same call path written in two scanned modules is two calls, named once.
  const calls = new Map<string, Occurrence & { call: CallSite }>();
  for (const o of sorted) if (o.call && !calls.has(`${o.call.file}|${o.call.path}`)) calls.set(`${o.call.file}|${o.call.path}`, o as Occurrence & { call: CallSite });
  const paths = [...new Set([...calls.values()].map((o) => o.call.path))].sort(cmp);
  if (paths.length) {
    suffix += ` (${standalone ? 'also ' : ''}as ${proseList(paths, 4)} ${paths.length === 1 ? 'is' : 'are'} called)`;
    const sites = [...calls.values()].sort((a, b) => cmp(a.call.path, b.call.path) || cmp(a.call.file, b.call.file));
    for (const o of sites) {
      const own = o.finding.message === main.message ? '' : `: ${o.finding.message}`;
      relate({ file: o.call.file, range: o.call.range, message: `${o.call.path} calls the module here${own}` });
    }
  }

  const fixes = new Set(sorted.map((o) => (o.finding.fix ? JSON.stringify(o.finding.fix) : '')));
  const aliases = [...new Set(sorted.flatMap((o) => o.finding.aliases))];
  const { fix: _fix, related: _related, ...rest } = main;
  return {
    ...rest,
    message: `${main.message}${suffix}`,
    aliases,
    ...(fixes.size === 1 && main.fix ? { fix: main.fix } : {}),
    ...(related.length ? { related } : {}),
    ...(mainOwner ? { owner: mainOwner } : {}),
    ...(!standalone && paths.length ? { callPaths: paths } : {}),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
