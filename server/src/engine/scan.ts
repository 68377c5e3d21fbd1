import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HclFile } from '../hcl/ast';
import type { BlockRef, TerraformModule } from '../module/module';
import { lineIndexOf } from '../hcl/span';
import { instantiateCalls } from '../module/calls';
import { buildModules, collectFiles, confinedReader, diskReader, parseSources, parseTerraformDir, readSources, type SourceFile } from '../module/workspace';
import { applyConfig, enabledRules, isExcluded, type PerimeterConfig } from './config';
import { compareFindings, type Finding, type ScanError, type ScanResult } from './finding';
import { groupBy } from '../group-by';
import { memoized } from '../memo';
import { moduleGroups } from './groups';
import type { Rule } from './rule';
import { runRules } from './run';
import { type CallSite, mergeFindings, type Occurrence, occurrencesOf } from './merge';
import { applyIgnoreEntries, type IgnoreEntry, readIgnoreFilesIn } from './trivyignore';

export interface ScanOptions {
  /** Rules on/off, severity overrides, excluded paths. */
  readonly config?: PerimeterConfig;
  /** Where `exclude` globs are relative to (the workspace root); defaults to cwd. */
  readonly root?: string;
  /** Reads files for `file()` / `templatefile()`; defaults to the disk. */
  readonly reader?: (absPath: string) => string | undefined;
  /**
   * Report the parts of files that did not parse as errors (the CLI): the analysis is blind
   * there, and a scan that silently skipped them would look like a pass.
   */
  readonly reportSyntaxErrors?: boolean;
}

/** Scans files already in memory (the server's open documents, tests). */
export function scanSources(sources: readonly SourceFile[], rules: readonly Rule[], options: ScanOptions = {}): ScanResult {
  const share = scanOccurrences(sources, rules, options);
  return { findings: mergeFindings(share.occurrences, new Map(share.analyses)).sort(compareFindings), errors: share.errors };
}

/**
 * Every finding of every analysed module, with its owner and the call that instantiated
 * the module (not merged yet: a share of a parallel scan is merged with the others), and
 * how many analyses read each file.
 */
function scanOccurrences(sources: readonly SourceFile[], rules: readonly Rule[], options: ScanOptions): Analysed {
  // One module group after another (modules that call each other stay together, as in a
  // thread's share): a group's syntax trees and values are garbage once it is analysed, so
  // the heap holds one group rather than the workspace, and collecting it costs less.
  const occurrences: Occurrence[] = [];
  const analyses = new Map<string, number>();
  const errors: ScanError[] = [];
  // Each file once per scan: every instance of a module reads its `file()` policies.
  const reader = memoized(options.reader ?? diskReader);
  for (const group of moduleGroups(sources)) {
    const parsed = parseSources(group);
    const r = analyseFiles(parsed.files, rules, { ...options, reader });
    occurrences.push(...r.occurrences);
    for (const [file, n] of r.analyses) analyses.set(file, (analyses.get(file) ?? 0) + n);
    errors.push(...parsed.errors, ...r.errors);
  }
  // In file order, whatever the grouping (as combineShares orders the threads' errors).
  return { occurrences, analyses: [...analyses], errors: errors.sort(byFile) };
}

function byFile(a: ScanError, b: ScanError): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** What analysing a set of files gives, before findings are merged (see mergeFindings). */
interface Analysed {
  readonly occurrences: Occurrence[];
  /** How many analyses read each file. */
  readonly analyses: [string, number][];
  readonly errors: ScanError[];
}

interface AnalyseOptions extends ScanOptions {
  readonly reader: (absPath: string) => string | undefined;
  /** The parsed files of a called module's directory that is not among `files`; defaults to the disk. */
  readonly loadDir?: (dir: string) => HclFile[] | undefined;
}

/**
 * The one analysis of Perimeter: the modules of parsed files as `analysedModules` builds
 * them, the enabled rules run on each, findings configured and given their owner and call.
 * `perimeter scan` (in each thread), `perimeter policies` (its modules) and the editor (the
 * group of modules around an edited file, open documents first) all go through it.
 */
export function analyseFiles(files: readonly HclFile[], rules: readonly Rule[], options: AnalyseOptions): Analysed {
  const errors: ScanError[] = options.reportSyntaxErrors ? files.flatMap(syntaxErrorsOf) : [];
  const active = options.config ? enabledRules(options.config, rules) : rules;
  const configured = (fs: Finding[]) => (options.config ? applyConfig(fs, options.config) : fs);
  const occurrences: Occurrence[] = [];
  const analyses = new Map<string, number>();
  for (const { module, callPath, caller } of analysedModules(files, options.reader, options.loadDir)) {
    const r = runRules(module, active);
    for (const f of [...module.files, ...module.varFiles, ...module.callerFiles]) analyses.set(f.path, (analyses.get(f.path) ?? 0) + 1);
    const call = callPath && caller ? callSite(callPath, caller) : undefined;
    occurrences.push(...occurrencesOf(module, configured(r.findings), call));
    if (!callPath) errors.push(...r.errors);
  }
  return { occurrences, analyses: [...analyses], errors };
}

function callSite(callPath: string, caller: BlockRef): CallSite {
  const idx = lineIndexOf(caller.file);
  const at = caller.block.headerSpan;
  return { path: callPath, file: caller.file.path, range: { start: idx.position(at.start), end: idx.position(at.end) } };
}

/** A module to analyse: a scanned directory, or a child module as a caller instantiates it. */
interface AnalysedModule {
  readonly module: TerraformModule;
  /** `module.a.module.b` for an instance, from the scanned module that calls it. */
  readonly callPath?: string;
  /** For an instance, the `module` block of the scanned module that starts its call path. */
  readonly caller?: BlockRef;
}

/**
 * Every module a scan analyses, for `scan` and `policies` alike: each directory of the
 * parsed files, then each module as its callers instantiate it (a caller's argument can
 * make a child module's resource insecure).
 */
export function analysedModules(
  files: readonly HclFile[],
  reader: (absPath: string) => string | undefined,
  loadOther?: (dir: string) => HclFile[] | undefined,
): AnalysedModule[] {
  const modules = buildModules(files, reader);
  const byDir = groupBy(files, (f) => path.dirname(f.path));
  // A child module directory outside the files (e.g. under .terraform/modules) is read from disk once.
  const fromDisk = (dir: string) => {
    const files = parseTerraformDir(dir);
    if (files) byDir.set(dir, files);
    return files;
  };
  const loadDir = (dir: string) => byDir.get(dir) ?? (loadOther ? loadOther(dir) : fromDisk(dir));
  const instances = modules.flatMap((m) =>
    instantiateCalls(m, loadDir, reader).map((i) => {
      const caller = m.block(i.path.split('.').slice(0, 2).join('.'));
      return { module: i.module, callPath: i.path, ...(caller ? { caller } : {}) };
    }),
  );
  return [...modules.map((module) => ({ module })), ...instances];
}

/** One error per top-level block (or line outside blocks) that did not parse; the rest was analysed. */
function syntaxErrorsOf(file: HclFile): ScanError[] {
  if (!file.syntaxErrors.length) return [];
  const lines = lineIndexOf(file);
  const out: ScanError[] = [];
  const seen = new Set<string>();
  for (const e of file.syntaxErrors) {
    const start = lines.position(e.span.start);
    const block = file.body.blocks.find((b) => b.span.start <= e.span.start && e.span.start < b.span.end);
    const key = block ? `b${block.span.start}` : `l${start.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: file.path, message: `Perimeter could not read this block: ${e.message}. The rest of the file was analysed.`, range: { start, end: lines.position(e.span.end) } });
  }
  return out;
}

/** What a scan of paths reads before analysing: the files, their texts, what failed. */
export interface ScanInput {
  readonly sources: SourceFile[];
  /** Errors walking the paths and reading files, in file order. */
  readonly errors: ScanError[];
  /** Files skipped on purpose (encrypted or binary), in file order. */
  readonly notices?: ScanError[];
  /** Where file() may read: the scanned directories (a file's own directory). */
  readonly roots: string[];
  /** Trivy ignore-file entries found at the root and in the scanned directories. */
  readonly ignores?: IgnoreEntry[];
}

/** Walks and reads the paths, leaving out excluded files. */
export function readInput(paths: readonly string[], options: ScanOptions = {}): ScanInput {
  const collected = collectFiles(paths.map((p) => path.resolve(p)));
  const root = path.resolve(options.root ?? process.cwd());
  const files = options.config ? collected.files.filter((f) => !isExcluded(f, root, options.config!)) : collected.files;
  const read = readSources(files);
  const roots = paths.map((p) => path.resolve(p)).map((p) => (fs.existsSync(p) && fs.statSync(p).isDirectory() ? p : path.dirname(p)));
  const ignores = readIgnoreFilesIn([root, ...roots]);
  return { sources: read.sources, errors: [...collected.errors, ...read.errors, ...ignores.errors], notices: read.notices, roots, ignores: ignores.entries };
}

/** One thread's part of a scan: its findings, errors, and the file() reads it refused. */
export interface ScanShare {
  /** Findings as each analysis reported them, merged once every share is in. */
  readonly occurrences: Occurrence[];
  /** How many analyses read each file (see mergeFindings). */
  readonly analyses: [string, number][];
  readonly errors: ScanError[];
  readonly refused: string[];
}

/** Scans a set of whole module directories (all of a scan, or one thread's part). */
export function scanShare(sources: readonly SourceFile[], rules: readonly Rule[], roots: readonly string[], options: ScanOptions = {}): ScanShare {
  // file() may read only inside what was asked to be scanned (a directory, or a file's directory).
  const refused = new Set<string>();
  const reader = options.reader ?? confinedReader(roots, diskReader, (p) => refused.add(p));
  const result = scanOccurrences(sources, rules, { reportSyntaxErrors: true, ...options, reader });
  return { ...result, refused: [...refused] };
}

/**
 * The result of a scan from its parts. Errors of the analysis are ordered by file, so the
 * result does not depend on how the work was split between threads.
 */
export function combineShares(input: ScanInput, shares: readonly ScanShare[]): ScanResult {
  const refused = [...new Set(shares.flatMap((s) => s.refused))].sort();
  const analyses = new Map<string, number>();
  for (const [file, n] of shares.flatMap((s) => s.analyses)) analyses.set(file, (analyses.get(file) ?? 0) + n);
  return {
    findings: applyIgnoreEntries(
      mergeFindings(
        shares.flatMap((s) => s.occurrences),
        analyses,
      ),
      input.ignores ?? [],
    ).sort(compareFindings),
    errors: [
      ...input.errors,
      ...shares.flatMap((s) => s.errors).sort(byFile),
      ...refused.map((file) => ({ file, message: 'Not read: file() points outside the scanned paths' })),
    ],
    notices: input.notices ?? [],
  };
}

/** Scans paths on disk in this thread: directories are walked for `.tf` / `.tfvars` files. */
export async function scanPaths(paths: readonly string[], rules: readonly Rule[], options: ScanOptions = {}): Promise<ScanResult> {
  const input = readInput(paths, options);
  return combineShares(input, [scanShare(input.sources, rules, input.roots, options)]);
}
