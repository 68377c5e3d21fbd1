import * as path from 'node:path';
import { initHcl } from '../hcl/parser';
import { buildModules, collectFiles, parseSources, readSources, type SourceFile } from '../module/workspace';
import { compareFindings, type ScanResult } from './finding';
import type { Rule } from './rule';
import { runRules } from './run';

/** Scans files already in memory (the server's open documents, tests). */
export function scanSources(sources: readonly SourceFile[], rules: readonly Rule[]): ScanResult {
  const parsed = parseSources(sources);
  const result: ScanResult = { findings: [], errors: [...parsed.errors] };
  for (const m of buildModules(parsed.files)) {
    const r = runRules(m, rules);
    result.findings.push(...r.findings);
    result.errors.push(...r.errors);
  }
  result.findings.sort(compareFindings);
  return result;
}

/** Scans paths on disk: directories are walked for `.tf` / `.tfvars` files. */
export async function scanPaths(paths: readonly string[], rules: readonly Rule[]): Promise<ScanResult> {
  await initHcl();
  const collected = collectFiles(paths.map((p) => path.resolve(p)));
  const read = readSources(collected.files);
  const result = scanSources(read.sources, rules);
  return { findings: result.findings, errors: [...collected.errors, ...read.errors, ...result.errors] };
}
