import { RecentCosts } from './recent-costs';
import * as path from 'node:path';
import type { HclFile } from '../hcl/ast';
import { HclDocument, type TextEdit } from '../hcl/parser';
import type { Rule } from '../engine/rule';
import type { Finding, ScanError } from '../engine/finding';
import { compareFindings } from '../engine/finding';
import { mergeFindings } from '../engine/merge';
import { collectFiles, confinedReader, describeIoError, diskReader, isInside, isTerraformFile, parseSources, readSources } from '../module/workspace';
import { analyseFiles } from '../engine/scan';
import { type Baseline, BaselineError, baselineFileFor, classify, DEFAULT_BASELINE, readBaseline, writeBaseline } from '../engine/baseline';
import { callGroups, localCallTargets } from '../engine/groups';
import { isExcluded, type PerimeterConfig } from '../engine/config';
import * as fs from 'node:fs';
import { applyIgnoreEntries, IgnoreFileCache } from '../engine/trivyignore';

/** An analysis cheaper than this runs on every keystroke (see Analysis.typingPause). */
const CHEAP_ANALYSIS_MS = 20;

/** One analysis of a module's group: findings per file, the parts that did not parse, other errors. */
interface ModuleAnalysis {
  /** The module directories analysed together. */
  readonly dirs: string[];
  /** Every file the result covers (its findings replace the file's earlier ones). */
  readonly files: string[];
  readonly findings: Finding[];
  /** Parts of files that did not parse (with a range), shown where the analysis is blind. */
  readonly blind: ScanError[];
  /** Findings the folder's baseline holds: accepted before, shown as hints. */
  readonly baselined: ReadonlySet<Finding>;
  readonly errors: ScanError[];
}

/**
 * The editor's view of the workspace, free of any LSP type so it is tested directly:
 * open documents (kept incrementally parsed) override files on disk; analysing a file
 * re-analyses its whole module (directory), since a bucket in one file can be covered by
 * a setting in another.
 */
export class Analysis {
  private readonly open = new Map<string, HclDocument>();
  /** Open documents that are not Terraform (a policy .json read by file()): their text. */
  private readonly openOther = new Map<string, string>();
  /** The module directories whose last analysis read each file through file() / templatefile(). */
  private readonly readers = new Map<string, Set<string>>();
  private readonly diskCache = new Map<string, { mtimeMs: number; file: HclFile }>();
  /** The latest findings per file, for hovers and code actions. */
  private readonly findingsByFile = new Map<string, Finding[]>();
  /** The workspace folders, each with its configuration (its .perimeter.json merged with editor settings). */
  private folders: { root: string; config: PerimeterConfig }[] = [];
  /** Trivy ignore files at each workspace folder's root, re-read when they change. */
  private readonly ignoreFiles = new Map<string, IgnoreFileCache>();

  constructor(private readonly rules: readonly Rule[]) {}

  /**
   * The workspace folders and their configurations. A file belongs to the innermost folder
   * that contains it; a file outside every folder gets the first folder's configuration.
   */
  configure(folders: readonly { root: string; config: PerimeterConfig }[]): void;
  /** One folder (or none): configuration and the workspace root. */
  configure(config: PerimeterConfig, root: string | undefined): void;
  configure(a: readonly { root: string; config: PerimeterConfig }[] | PerimeterConfig, root?: string): void {
    if (Array.isArray(a)) this.folders = a.map((f) => ({ root: path.resolve(f.root), config: f.config }));
    else this.folders = root === undefined ? [] : [{ root: path.resolve(root), config: a as PerimeterConfig }];
    this.noRootConfig = Array.isArray(a) ? {} : (a as PerimeterConfig);
    for (const r of [...this.ignoreFiles.keys()]) if (!this.folders.some((f) => f.root === r)) this.ignoreFiles.delete(r);
  }

  private noRootConfig: PerimeterConfig = {};

  /** The workspace folder a file or directory belongs to (the innermost that contains it). */
  folderOf(p: string): { root: string; config: PerimeterConfig } | undefined {
    const abs = path.resolve(p);
    let best: { root: string; config: PerimeterConfig } | undefined;
    for (const f of this.folders) {
      const inside = isInside(f.root, abs);
      if (inside && (!best || f.root.length > best.root.length)) best = f;
    }
    return best;
  }

  private settingsFor(p: string): { root: string | undefined; config: PerimeterConfig } {
    const f = this.folderOf(p) ?? this.folders[0];
    return f ?? { root: undefined, config: this.noRootConfig };
  }

  excluded(filePath: string): boolean {
    const { root, config } = this.settingsFor(filePath);
    return root !== undefined && isExcluded(filePath, root, config);
  }

  /** Forgets the findings of files under a directory (a workspace folder removed), but those `keep` says are still covered. */
  forgetUnder(dir: string, keep: (file: string) => boolean = () => false): void {
    const base = path.resolve(dir);
    for (const f of [...this.findingsByFile.keys()]) if (isInside(base, f) && !keep(f)) this.findingsByFile.delete(f);
    for (const d of [...this.knownDirs]) if (isInside(base, d) && !keep(d)) this.knownDirs.delete(d);
  }

  /** The text the analysis sees for a file: the open document, else the disk. */
  textOf(filePath: string): string | undefined {
    return this.open.get(filePath)?.currentText ?? this.openOther.get(filePath) ?? diskReader(filePath);
  }

  /** The Terraform files of a module directory as the analysis sees them (open documents first). */
  terraformFilesOf(dir: string): { file: string; text: string }[] {
    return this.moduleFiles(dir, []).map((f) => ({ file: f.path, text: f.text }));
  }

  /** The module directories whose analysis reads a file (a policy .json): those to re-analyse when it changes. */
  modulesReading(filePath: string): string[] {
    return [...(this.readers.get(filePath) ?? [])].sort();
  }

  findingsFor(filePath: string): readonly Finding[] {
    return this.findingsByFile.get(filePath) ?? [];
  }

  /** Module directories under the given roots that hold Terraform files. */
  moduleDirs(roots: readonly string[]): { dirs: string[]; errors: ScanError[] } {
    const { files, errors } = collectFiles(roots);
    const dirs = new Set(files.filter((f) => !this.excluded(f)).map((f) => path.dirname(f)));
    return { dirs: [...dirs].sort(), errors };
  }

  /** Forgets a file's cached parse (changed or deleted on disk). */
  invalidate(filePath: string): void {
    this.diskCache.delete(filePath);
    this.callTargets.delete(path.dirname(filePath));
  }

  openDocument(filePath: string, text: string): void {
    if (!isTerraformFile(filePath)) {
      this.openOther.set(filePath, text);
      return;
    }
    this.callTargets.delete(path.dirname(filePath));
    this.knownDirs.add(path.dirname(filePath));
    this.open.set(filePath, new HclDocument(filePath, text));
  }

  changeDocument(filePath: string, edits: readonly TextEdit[] | string): void {
    if (!isTerraformFile(filePath)) {
      let text = this.openOther.get(filePath) ?? '';
      if (typeof edits === 'string') text = edits;
      else for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.oldEnd);
      this.openOther.set(filePath, text);
      return;
    }
    this.callTargets.delete(path.dirname(filePath));
    const doc = this.open.get(filePath);
    if (!doc) {
      if (typeof edits === 'string') this.openDocument(filePath, edits);
      return;
    }
    // Parsed when the analysis next reads the file: a burst of keystrokes costs one parse.
    doc.queue(typeof edits === 'string' ? [{ start: 0, oldEnd: doc.currentText.length, newText: edits }] : edits);
  }

  closeDocument(filePath: string): void {
    this.openOther.delete(filePath);
    this.callTargets.delete(path.dirname(filePath));
    this.open.delete(filePath);
  }

  /** An open Terraform document's parsed file (parsing its queued edits now). */
  parsedFile(filePath: string): HclFile | undefined {
    return this.open.get(filePath)?.file;
  }

  isOpen(filePath: string): boolean {
    return this.open.has(filePath) || this.openOther.has(filePath);
  }

  /** Analyses the module containing `filePath` (with the modules it calls or is called by). */
  analyseModuleOf(filePath: string): ModuleAnalysis {
    return this.analyseModule(path.dirname(filePath));
  }

  /**
   * Analyses the module in directory `dir` as `perimeter scan` does: with every workspace
   * module it calls or is called by locally (its group), since a caller's argument can make
   * a resource of the called module insecure. Findings of every file of the group.
   */
  analyseModule(dir: string): ModuleAnalysis {
    // process.hrtime, not performance.now: the `performance` global loads perf_hooks on
    // first use, 1-2 ms of the first analysis after a start.
    const started = process.hrtime.bigint();
    const r = this.analyseGroup(dir);
    const cost = Number(process.hrtime.bigint() - started) / 1e6;
    for (const d of r.dirs) this.costs.record(d, cost);
    return r;
  }

  /** How long the recent analyses of each module's group took (ms). */
  private readonly costs = new RecentCosts();

  /**
   * How long to wait for a pause in typing before analysing again after an edit of `file`:
   * nothing when its module's recent analyses typically took under `cheapMs` (each keystroke shows its
   * diagnostics at once), else `pauseMs`, so that in a large module keystrokes superseded by
   * the next are not each analysed (their edits are parsed once, when the analysis reads
   * the document).
   */
  typingPause(file: string, pauseMs: number, cheapMs = CHEAP_ANALYSIS_MS): number {
    const cost = this.costs.typical(path.dirname(path.resolve(file)));
    return cost !== undefined && cost < cheapMs ? 0 : pauseMs;
  }

  private analyseGroup(dir: string): ModuleAnalysis {
    const group = this.groupOf(path.resolve(dir));
    const errors: ScanError[] = [];
    const files = group.flatMap((d) => this.moduleFiles(d, errors)).filter((f) => !this.excluded(f.path));
    for (const [file, dirs] of this.readers) {
      for (const d of group) dirs.delete(d);
      if (!dirs.size) this.readers.delete(file);
    }
    const read = (p: string) => {
      let dirs = this.readers.get(p);
      if (!dirs) this.readers.set(p, (dirs = new Set()));
      dirs.add(group[0]);
      return this.textOf(p);
    };
    // file() reads only inside the workspace folders; a refusal is reported like an unreadable file.
    const roots = this.folders.map((f) => f.root);
    const refused = new Set<string>();
    const reader = roots.length ? confinedReader(roots, read, (p) => refused.add(p)) : read;
    const { root, config } = this.settingsFor(dir);
    // A called module outside the group (outside the workspace, or installed by terraform init): open documents first.
    const loadDir = (d: string) => {
      const found = this.moduleFiles(d, []).filter((f) => f.path.endsWith('.tf'));
      return found.length ? found : undefined;
    };
    const r = analyseFiles(files, this.rules, { config, reader, loadDir, reportSyntaxErrors: true });
    let ignores = { entries: [] as ReturnType<IgnoreFileCache['get']>['entries'], errors: [] as ScanError[] };
    if (root !== undefined) {
      let cache = this.ignoreFiles.get(root);
      if (!cache) this.ignoreFiles.set(root, (cache = new IgnoreFileCache()));
      ignores = cache.get(root);
    }
    errors.push(...ignores.errors, ...[...refused].sort().map((file) => ({ file, message: 'Not read: file() points outside the workspace' })));
    // Merged as the CLI merges them: one finding per (rule, file, span), naming every owner and call.
    const findings = applyIgnoreEntries(mergeFindings(r.occurrences, new Map(r.analyses)), ignores.entries).sort(compareFindings);
    // Files a finding lands in beyond the group's own (a policy .json read by file()).
    const touched = new Set([...files.map((f) => f.path), ...findings.map((f) => f.file)]);
    for (const f of touched) this.findingsByFile.set(f, findings.filter((x) => x.file === f));
    // Parts of the group's files that did not parse: the analysis is blind there.
    const blind = r.errors.filter((e) => e.range && touched.has(e.file));
    const baselined = new Set<Finding>();
    const baseline = root !== undefined ? this.baselineOf(root, config) : undefined;
    if (baseline?.error) errors.push({ file: baseline.file, message: baseline.error });
    if (baseline?.baseline && root !== undefined) {
      for (const f of classify(findings, baseline.baseline, { root, read: (p) => this.textOf(p) }).unchanged) baselined.add(f);
    }
    return { dirs: group, files: [...touched], findings, blind, baselined, errors: [...errors, ...r.errors.filter((e) => !blind.includes(e))] };
  }

  /** Each folder's baseline, re-read when its file changes. */
  private readonly baselines = new Map<string, { file: string; mtimeMs: number; baseline?: Baseline; error?: string }>();

  private baselineOf(root: string, config: PerimeterConfig): { file: string; baseline?: Baseline; error?: string } | undefined {
    const file = baselineFileFor(root, config);
    if (!file) return undefined;
    let mtimeMs = -1;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      // readBaseline reports the missing file
    }
    const hit = this.baselines.get(root);
    if (hit && hit.file === file && hit.mtimeMs === mtimeMs) return hit;
    let entry: { file: string; mtimeMs: number; baseline?: Baseline; error?: string };
    try {
      entry = { file, mtimeMs, baseline: readBaseline(file) };
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      entry = { file, mtimeMs, error: e.message };
    }
    this.baselines.set(root, entry);
    return entry;
  }

  /** Writes the current findings of a folder (every module group under it) as its baseline. */
  writeBaselineOf(root: string): { file: string; findings: number } {
    const { config } = this.settingsFor(root);
    const file = baselineFileFor(root, config) ?? path.join(root, DEFAULT_BASELINE);
    const all: Finding[] = [];
    for (const group of this.moduleGroups([root]).groups) all.push(...this.analyseModule(group[0]).findings.filter((f) => isInside(root, f.file)));
    const b = writeBaseline(file, all, root, (p) => this.textOf(p));
    this.baselines.delete(root);
    return { file, findings: b.findings.length };
  }

  /** Call targets per module directory, from its files' texts; forgotten when one of its files changes. */
  private readonly callTargets = new Map<string, string[]>();
  /** Module directories of the workspace (the last workspace scan's, and those of open documents). */
  private readonly knownDirs = new Set<string>();

  private targetsOf(dir: string): string[] {
    let t = this.callTargets.get(dir);
    if (!t) this.callTargets.set(dir, (t = localCallTargets(dir, this.moduleFiles(dir, []).map((f) => f.text))));
    return t;
  }

  /** The workspace modules analysed with `dir`: those it calls or is called by, transitively (engine/groups.ts). */
  groupOf(dir: string): string[] {
    this.knownDirs.add(dir);
    const known = [...this.knownDirs].sort();
    return callGroups(known, (d) => this.targetsOf(d)).find((g) => g.includes(dir)) ?? [dir];
  }

  /** Module directories under the roots, as groups analysed together (each group analysed once by a scan). */
  moduleGroups(roots: readonly string[]): { groups: string[][]; errors: ScanError[] } {
    const { dirs, errors } = this.moduleDirs(roots);
    for (const d of dirs) this.knownDirs.add(d);
    const inScan = new Set(dirs);
    const all = callGroups([...this.knownDirs].sort(), (d) => this.targetsOf(d));
    return { groups: all.filter((g) => g.some((d) => inScan.has(d))), errors };
  }

  private moduleFiles(dir: string, errors: ScanError[]): HclFile[] {
    const byPath = new Map<string, HclFile>();
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir);
    } catch {
      // An unsaved or virtual document's directory may not exist: use open documents only.
    }
    for (const name of names.filter(isTerraformFile)) {
      const p = path.join(dir, name);
      if (this.open.has(p)) continue;
      const f = this.readDisk(p, errors);
      if (f) byPath.set(p, f);
    }
    for (const [p, doc] of this.open) if (path.dirname(p) === dir) byPath.set(p, doc.file);
    return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** A file on disk, read as the CLI reads it (size limit, encrypted and binary files skipped), parsed once per change. */
  private readDisk(p: string, errors: ScanError[]): HclFile | undefined {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(p).mtimeMs;
    } catch (e) {
      errors.push({ file: p, message: `Cannot read file: ${describeIoError(e)}` });
      return undefined;
    }
    const hit = this.diskCache.get(p);
    if (hit && hit.mtimeMs === mtimeMs) return hit.file;
    const read = readSources([p]);
    errors.push(...read.errors, ...read.notices);
    const parsed = parseSources(read.sources);
    errors.push(...parsed.errors);
    const file = parsed.files[0];
    if (file) this.diskCache.set(p, { mtimeMs, file });
    return file;
  }

  dispose(): void {
    this.open.clear();
  }
}
