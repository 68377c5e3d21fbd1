import * as path from 'node:path';
import type { HclFile } from '../hcl/ast';
import { HclDocument, type TextEdit } from '../hcl/parser';
import { parseHcl } from '../hcl/parser';
import { runRules } from '../engine/run';
import type { Rule } from '../engine/rule';
import type { Finding, ScanError } from '../engine/finding';
import { compareFindings } from '../engine/finding';
import { TerraformModule } from '../module/module';
import { diskReader, isTerraformFile, isVarFile } from '../module/workspace';
import * as fs from 'node:fs';

/**
 * The editor's view of the workspace, free of any LSP type so it is tested directly:
 * open documents (kept incrementally parsed) override files on disk; analysing a file
 * re-analyses its whole module (directory), since a bucket in one file can be covered by
 * a setting in another.
 */
export class Analysis {
  private readonly open = new Map<string, HclDocument>();
  private readonly diskCache = new Map<string, { mtimeMs: number; file: HclFile }>();

  constructor(private readonly rules: readonly Rule[]) {}

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
    const dir = path.dirname(filePath);
    const errors: ScanError[] = [];
    const files = this.moduleFiles(dir, errors);
    const tf = files.filter((f) => !isVarFile(f.path));
    const vars = files.filter((f) => isVarFile(f.path));
    const module = new TerraformModule(dir, tf, vars, (p) => this.open.get(p)?.file.text ?? diskReader(p));
    const r = runRules(module, this.rules);
    return { files: files.map((f) => f.path), findings: r.findings.sort(compareFindings), errors: [...errors, ...r.errors] };
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
