import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ALL_RULES } from '../../../rules/index';
import { type SelectModules, scanPathsParallel } from '../engine/parallel';
import { type Baseline, BaselineError, baselineFileFor, classify, fingerprintsOf, readBaseline, writeBaseline } from '../engine/baseline';
import { parseShard, selectChanged, selectShard } from '../engine/shard';
import { isTerraformFile } from '../module/workspace';
import { changedFiles, GitError } from './git';
import { toGithub } from '../report/github';
import { SEVERITIES, type Severity } from '../engine/rule';
import * as path from 'node:path';
import { ConfigError, loadConfig, unknownRuleIds } from '../engine/config';
import { fixInPlace } from '../fix/in-place';
import type { ScanResult } from '../engine/finding';
import { relative, toJson } from '../report/json';
import { emitReport } from './output';
import { toSarif } from '../report/sarif';
import { toText } from '../report/text';
import { UsageError } from './usage';
import { version } from '../version';

export const SCAN_USAGE = `perimeter scan [PATH ...] [--format text|json|sarif|github] [--output FILE] [--fail-on SEVERITY] [--fix] [--config FILE]
               [--baseline FILE] [--write-baseline FILE] [--shard I/N] [--changed-since REF]

  Scans Terraform files (.tf, .tfvars) for static AWS credentials, wildcard IAM,
  missing MFA and public S3 buckets. PATH defaults to the current directory; a
  .tf/.tfvars file stands for its whole module (its directory's Terraform files).
  --fix applies every safe fix in place and reports what remains.
  --config reads a .perimeter.json (default: ./.perimeter.json when present).
  --write-baseline records the current findings; --baseline reports only findings
  not in the file (JSON and SARIF mark the others "unchanged" and list "absent" ones).
  --shard I/N scans part I of N (whole module groups); --changed-since REF scans the
  modules with files changed since the git REF and the modules that call them.
  --format github prints GitHub Actions annotations (::error file=…::message).
  Exit codes: 0 no (new) finding at or above --fail-on (default high), 1 findings,
  2 usage, configuration, baseline, git or I/O error.`;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

/**
 * A Terraform file named on the command line stands for its module: the `.tf` and `.tfvars`
 * files of its directory (not its subdirectories), so `perimeter scan a/main.tf` (what
 * pre-commit passes) judges main.tf with the variables, blocks and buckets of its siblings.
 */
function modulePaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(p);
    } catch {
      st = undefined;
    }
    if (!st?.isFile() || !isTerraformFile(p)) {
      out.push(p);
      continue;
    }
    const dir = path.dirname(p);
    let siblings: string[];
    try {
      siblings = fs.readdirSync(dir).filter((n) => isTerraformFile(n) && fs.statSync(path.join(dir, n)).isFile()).sort();
    } catch {
      siblings = [path.basename(p)];
    }
    out.push(...siblings.map((n) => path.join(dir, n)));
  }
  return [...new Set(out.map((p) => path.resolve(p)))].map((p) => path.relative(process.cwd(), p) || '.');
}

export async function scanCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'high' },
      fix: { type: 'boolean', default: false },
      config: { type: 'string' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      shard: { type: 'string' },
      'changed-since': { type: 'string' },
    },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'] as Severity;
  if (!SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && !shard) throw new UsageError('--shard must be I/N with 1 ≤ I ≤ N, e.g. 2/3');

  const cwd = process.cwd();
  let config;
  try {
    config = loadConfig(path.resolve(values.config ?? '.perimeter.json'), values.config !== undefined);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`perimeter: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  for (const id of unknownRuleIds(config, ALL_RULES)) process.stderr.write(`perimeter: warning: the configuration names an unknown rule "${id}"\n`);
  const root = values.config ? path.dirname(path.resolve(values.config)) : cwd;
  const paths = modulePaths(positionals.length ? positionals : ['.']);

  // The baseline: --baseline, else the configuration's `baseline` (relative to its file), else
  // .perimeter-baseline.json beside the configuration when present (as the editor reads it).
  const baselineFile = values.baseline ?? baselineFileFor(root, config);
  let baseline: Baseline | undefined;
  const selectors: SelectModules[] = [];
  try {
    if (baselineFile) baseline = readBaseline(baselineFile);
    if (values['changed-since'] !== undefined) selectors.push(selectChanged(changedFiles(values['changed-since'], cwd)));
  } catch (e) {
    if (e instanceof BaselineError || e instanceof GitError) {
      process.stderr.write(`perimeter: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (shard) selectors.push(selectShard(shard, cwd));
  // The module directories this scan covers (a shard or the changed modules), for the baseline's absent entries.
  let scanned: Set<string> | undefined;
  const select: SelectModules | undefined = selectors.length
    ? (input, groups) => {
        let r = { input, groups };
        for (const s of selectors) r = s(r.input, r.groups);
        scanned = new Set(r.groups.flat().map((s) => path.dirname(s.path)));
        return r;
      }
    : undefined;
  // Large inputs are spread over worker threads (the bundle's scan-worker.js beside this file).
  const scan = () => scanPathsParallel(paths, path.join(__dirname, 'scan-worker.js'), ALL_RULES, { config, root, ...(select ? { select } : {}) });
  let result: ScanResult;
  if (values.fix) {
    const report = await fixInPlace(scan);
    for (const [file, n] of report.changed) process.stderr.write(`perimeter: fixed ${n} finding${n === 1 ? '' : 's'} in ${path.relative(cwd, file) || file}\n`);
    if (report.changed.size === 0) process.stderr.write('perimeter: no safe fix to apply\n');
    result = { findings: report.remaining.findings, errors: [...report.remaining.errors, ...report.errors] };
  } else {
    result = await scan();
  }
  const fingerprints = fingerprintsOf(result.findings, cwd);
  if (values['write-baseline'] !== undefined) {
    try {
      const b = writeBaseline(values['write-baseline'], result.findings, cwd);
      process.stderr.write(`perimeter: wrote ${b.findings.length} finding${b.findings.length === 1 ? '' : 's'} to the baseline ${values['write-baseline']}\n`);
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      process.stderr.write(`perimeter: ${e.message}\n`);
      return 2;
    }
  }
  const compared = baseline
    ? classify(result.findings, baseline, { root: cwd, fingerprints, inScope: (e) => !scanned || scanned.has(path.dirname(path.resolve(cwd, e.file))) })
    : undefined;
  // Text and annotations show only what is new; JSON and SARIF show everything, marked.
  const shown: ScanResult = compared ? { ...result, findings: compared.new } : result;
  const extras = { fingerprints, ...(compared ? { states: compared.states, absent: compared.absent } : {}) };
  const out =
    format === 'json'
      ? toJson(result, cwd, extras) + '\n'
      : format === 'sarif'
        ? toSarif(result, ALL_RULES, cwd, version, extras) + '\n'
        : format === 'github'
          ? toGithub(shown, cwd)
          : toText(shown, cwd) + (compared?.unchanged.length ? `${compared.unchanged.length} finding${compared.unchanged.length === 1 ? '' : 's'} in the baseline not shown.\n` : '');
  emitReport(out, {
    output: values.output,
    text: format === 'text',
    errors: result.errors.map((e) => ({ file: relative(e.file, cwd), message: e.message, at: e.range ? `:${e.range.start.line + 1}:${e.range.start.character + 1}` : '' })),
    notices: (result.notices ?? []).map((n) => ({ file: relative(n.file, cwd), message: n.message })),
  });

  if (result.errors.length) return 2;
  const threshold = SEVERITIES.indexOf(failOn);
  if (values['write-baseline'] !== undefined) return 0;
  return shown.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold) ? 1 : 0;
}
