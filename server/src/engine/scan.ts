import * as path from 'node:path';
import { initHcl } from '../hcl/parser';
import { buildModules, collectFiles, parseSources, readSources, type SourceFile } from '../module/workspace';
import { applyConfig, enabledRules, isExcluded, type PerimeterConfig } from './config';
import { compareFindings, type ScanResult } from './finding';
import type { Rule } from './rule';
import { runRules } from './run';

export interface ScanOptions {
  /** Rules on/off, severity overrides, excluded paths. */
  readonly config?: PerimeterConfig;
  /** Where `exclude` globs are relative to (the workspace root); defaults to cwd. */
  readonly root?: string;
}

/** Scans files already in memory (the server's open documents, tests). */
export function scanSources(sources: readonly SourceFile[], rules: readonly Rule[], options: ScanOptions = {}): ScanResult {
  const parsed = parseSources(sources);
  const result: ScanResult = { findings: [], errors: [...parsed.errors] };
  const active = options.config ? enabledRules(options.config, rules) : rules;
  for (const m of buildModules(parsed.files)) {
    const r = runRules(m, active);
    result.findings.push(...(options.config ? applyConfig(r.findings, options.config) : r.findings));
    result.errors.push(...r.errors);
  }
  result.findings.sort(compareFindings);
  return result;
}

/** Scans paths on disk: directories are walked for `.tf` / `.tfvars` files. */
export async function scanPaths(paths: readonly string[], rules: readonly Rule[], options: ScanOptions = {}): Promise<ScanResult> {
  await initHcl();
  const collected = collectFiles(paths.map((p) => path.resolve(p)));
  const root = path.resolve(options.root ?? process.cwd());
  const files = options.config ? collected.files.filter((f) => !isExcluded(f, root, options.config!)) : collected.files;
  const read = readSources(files);
  const result = scanSources(read.sources, rules, options);
  return { findings: result.findings, errors: [...collected.errors, ...read.errors, ...result.errors] };
}
