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
import { collectFiles, confinedReader, diskReader, isTerraformFile, isVarFile } from '../module/workspace';
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
  private config: PerimeterConfig = {};
  private root: string | undefined;
  /** Trivy ignore files at the workspace root, re-read when they change. */
  private readonly ignoreFiles = new IgnoreFileCache();

  constructor(private readonly rules: readonly Rule[]) {}

  /** Configuration (.perimeter.json merged with editor settings) and the workspace root. */
  configure(config: PerimeterConfig, root: string | undefined): void {
    this.config = config;
    this.root = root;
  }

  excluded(filePath: string): boolean {
    return this.root !== undefined && isExcluded(filePath, this.root, this.config);
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
    const reader = this.root ? confinedReader([this.root], read, (p) => errors.push({ file: p, message: 'Not read: file() points outside the workspace' })) : read;
    const module = new TerraformModule(dir, tf, vars, reader);
    const r = runRules(module, enabledRules(this.config, this.rules));
    const ignores = this.root ? this.ignoreFiles.get(this.root) : { entries: [], errors: [] };
    errors.push(...ignores.errors);
    // Merged as the CLI merges them: one finding per (rule, file, span), naming every owner.
    const findings = applyIgnoreEntries(mergeFindings(occurrencesOf(module, applyConfig(r.findings, this.config))), ignores.entries).sort(compareFindings);
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
