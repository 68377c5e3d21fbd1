import * as path from 'node:path';
import type { HclFile } from '../hcl/ast';
import { HclDocument, type TextEdit } from '../hcl/parser';
import { parseHcl } from '../hcl/parser';
import { runRules } from '../engine/run';
import type { Rule } from '../engine/rule';
import type { Finding, ScanError } from '../engine/finding';
import { compareFindings } from '../engine/finding';
import { mergeFindings, occurrencesOf } from '../engine/merge';
import { TerraformModule } from '../module/module';
import { collectFiles, confinedReader, diskReader, isInside, isTerraformFile, isVarFile } from '../module/workspace';
import { applyConfig, enabledRules, isExcluded, type PerimeterConfig } from '../engine/config';
import * as fs from 'node:fs';
import { applyIgnoreEntries, IgnoreFileCache } from '../engine/trivyignore';

/**
 * The editor's view of the workspace, free of any LSP type so it is tested directly:
 * open documents (kept incrementally parsed) override files on disk; analysing a file
 * re-analyses its whole module (directory), since a bucket in one file can be covered by
 * a setting in another.
 */
export class Analysis {
  private readonly open = new Map<string, HclDocument>();
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

  /** Forgets the findings of files under a directory (a workspace folder removed). */
  forgetUnder(dir: string): void {
    const base = path.resolve(dir);
    for (const f of [...this.findingsByFile.keys()]) if (isInside(base, f)) this.findingsByFile.delete(f);
  }

  /** The text the analysis sees for a file: the open document, else the disk. */
  textOf(filePath: string): string | undefined {
    return this.open.get(filePath)?.file.text ?? diskReader(filePath);
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
  }

  openDocument(filePath: string, text: string): void {
    this.open.get(filePath)?.dispose();
    this.open.set(filePath, new HclDocument(filePath, text));
  }

  changeDocument(filePath: string, edits: readonly TextEdit[] | string): void {
    const doc = this.open.get(filePath);
    if (!doc) {
      if (typeof edits === 'string') this.openDocument(filePath, edits);
      return;
    }
    if (typeof edits === 'string') doc.replace(edits);
    else doc.edit(edits);
  }

  closeDocument(filePath: string): void {
    this.open.get(filePath)?.dispose();
    this.open.delete(filePath);
  }

  isOpen(filePath: string): boolean {
    return this.open.has(filePath);
  }

  /** Analyses the module containing `filePath`: findings for every file in it. */
  analyseModuleOf(filePath: string): { files: string[]; findings: Finding[]; errors: ScanError[] } {
    return this.analyseModule(path.dirname(filePath));
  }

  /** Analyses the module in directory `dir`. */
  analyseModule(dir: string): { files: string[]; findings: Finding[]; errors: ScanError[] } {
    const errors: ScanError[] = [];
    const files = this.moduleFiles(dir, errors).filter((f) => !this.excluded(f.path));
    const tf = files.filter((f) => !isVarFile(f.path));
    const vars = files.filter((f) => isVarFile(f.path));
    const read = (p: string) => this.open.get(p)?.file.text ?? diskReader(p);
    // file() reads only inside the workspace folders; a refusal is reported like an unreadable file.
    const roots = this.folders.map((f) => f.root);
    const reader = roots.length ? confinedReader(roots, read, (p) => errors.push({ file: p, message: 'Not read: file() points outside the workspace' })) : read;
    const { root, config } = this.settingsFor(dir);
    const module = new TerraformModule(dir, tf, vars, reader);
    const r = runRules(module, enabledRules(config, this.rules));
    let ignores = { entries: [] as ReturnType<IgnoreFileCache['get']>['entries'], errors: [] as ScanError[] };
    if (root !== undefined) {
      let cache = this.ignoreFiles.get(root);
      if (!cache) this.ignoreFiles.set(root, (cache = new IgnoreFileCache()));
      ignores = cache.get(root);
    }
    errors.push(...ignores.errors);
    // Merged as the CLI merges them: one finding per (rule, file, span), naming every owner.
    const findings = applyIgnoreEntries(mergeFindings(occurrencesOf(module, applyConfig(r.findings, config))), ignores.entries).sort(compareFindings);
    // Files a finding lands in beyond the module's own (a policy .json read by file()).
    const touched = new Set([...files.map((f) => f.path), ...findings.map((f) => f.file)]);
    for (const f of touched) this.findingsByFile.set(f, findings.filter((x) => x.file === f));
    return { files: [...touched], findings, errors: [...errors, ...r.errors] };
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

  private readDisk(p: string, errors: ScanError[]): HclFile | undefined {
    try {
      const st = fs.statSync(p);
      const hit = this.diskCache.get(p);
      if (hit && hit.mtimeMs === st.mtimeMs) return hit.file;
      const file = parseHcl(p, fs.readFileSync(p, 'utf8'));
      this.diskCache.set(p, { mtimeMs: st.mtimeMs, file });
      return file;
    } catch (e) {
      errors.push({ file: p, message: `Cannot read file: ${(e as Error).message}` });
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.open.values()) d.dispose();
    this.open.clear();
  }
}
