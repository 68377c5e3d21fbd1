import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HclFile } from '../hcl/ast';
import { instantiateCalls } from '../module/calls';
import { initHcl } from '../hcl/parser';
import { buildModules, collectFiles, confinedReader, diskReader, parseSources, readSources, type SourceFile } from '../module/workspace';
import { applyConfig, enabledRules, isExcluded, type PerimeterConfig } from './config';
import { compareFindings, type Finding, type ScanResult } from './finding';
import type { Rule } from './rule';
import { runRules } from './run';

export interface ScanOptions {
  /** Rules on/off, severity overrides, excluded paths. */
  readonly config?: PerimeterConfig;
  /** Where `exclude` globs are relative to (the workspace root); defaults to cwd. */
  readonly root?: string;
  /** Reads files for `file()` / `templatefile()`; defaults to the disk. */
  readonly reader?: (absPath: string) => string | undefined;
}

/** Scans files already in memory (the server's open documents, tests). */
export function scanSources(sources: readonly SourceFile[], rules: readonly Rule[], options: ScanOptions = {}): ScanResult {
  const parsed = parseSources(sources);
  const result: ScanResult = { findings: [], errors: [...parsed.errors] };
  const active = options.config ? enabledRules(options.config, rules) : rules;
  const configured = (fs: Finding[]) => (options.config ? applyConfig(fs, options.config) : fs);
  const reader = options.reader ?? diskReader;
  const modules = buildModules(parsed.files, reader);
  const seen = new Set<string>();
  const key = (f: Finding) => `${f.ruleId}|${f.file}|${f.span.start}|${f.span.end}`;
  for (const m of modules) {
    const r = runRules(m, active);
    for (const f of configured(r.findings)) {
      seen.add(key(f));
      result.findings.push(f);
    }
    result.errors.push(...r.errors);
  }
  // Then each module as its callers instantiate it: a caller's argument can make a child
  // module's resource insecure. Findings the standalone scan already has are not repeated.
  const byDir = new Map<string, HclFile[]>();
  for (const f of parsed.files) byDir.set(path.dirname(f.path), [...(byDir.get(path.dirname(f.path)) ?? []), f]);
  const loadDir = (dir: string) => byDir.get(dir) ?? parseDirFromDisk(dir, byDir);
  for (const m of modules) {
    for (const inst of instantiateCalls(m, loadDir, reader)) {
      const r = runRules(inst.module, active);
      for (const f of configured(r.findings)) {
        if (seen.has(key(f))) continue;
        seen.add(key(f));
        result.findings.push({ ...f, message: `${f.message} (as ${inst.path} is called)` });
      }
    }
  }
  result.findings.sort(compareFindings);
  return result;
}

/** A child module directory outside the scanned paths (e.g. under .terraform/modules). */
function parseDirFromDisk(dir: string, cache: Map<string, HclFile[]>): HclFile[] | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.tf')).sort();
  } catch {
    return undefined;
  }
  const read = readSources(names.map((n) => path.join(dir, n)));
  const files = parseSources(read.sources).files;
  cache.set(dir, files);
  return files;
}

/** Scans paths on disk: directories are walked for `.tf` / `.tfvars` files. */
export async function scanPaths(paths: readonly string[], rules: readonly Rule[], options: ScanOptions = {}): Promise<ScanResult> {
  await initHcl();
  const collected = collectFiles(paths.map((p) => path.resolve(p)));
  const root = path.resolve(options.root ?? process.cwd());
  const files = options.config ? collected.files.filter((f) => !isExcluded(f, root, options.config!)) : collected.files;
  const read = readSources(files);
  // file() may read only inside what was asked to be scanned (a directory, or a file's directory).
  const refused = new Set<string>();
  const roots = paths.map((p) => path.resolve(p)).map((p) => (fs.existsSync(p) && fs.statSync(p).isDirectory() ? p : path.dirname(p)));
  const reader = options.reader ?? confinedReader(roots, diskReader, (p) => refused.add(p));
  const result = scanSources(read.sources, rules, { ...options, reader });
  const refusals = [...refused].map((file) => ({ file, message: 'Not read: file() points outside the scanned paths' }));
  return { findings: result.findings, errors: [...collected.errors, ...read.errors, ...result.errors, ...refusals] };
}
