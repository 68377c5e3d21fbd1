import { parseArgs } from 'node:util';
import { ALL_RULES } from '../../../rules/index';
import { scanPathsParallel } from '../engine/parallel';
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

export const SCAN_USAGE = `perimeter scan [PATH ...] [--format text|json|sarif] [--output FILE] [--fail-on SEVERITY] [--fix] [--config FILE]

  Scans Terraform files (.tf, .tfvars) for static AWS credentials, wildcard IAM,
  missing MFA and public S3 buckets. PATH defaults to the current directory.
  --fix applies every safe fix in place and reports what remains.
  --config reads a .perimeter.json (default: ./.perimeter.json when present).
  Exit codes: 0 no finding at or above --fail-on (default high), 1 findings,
  2 usage, configuration or I/O error.`;

const FORMATS = ['text', 'json', 'sarif'] as const;

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
    },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'] as Severity;
  if (!SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}`);

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
  const paths = positionals.length ? positionals : ['.'];
  // Large inputs are spread over worker threads (the bundle's scan-worker.js beside this file).
  const scan = () => scanPathsParallel(paths, path.join(__dirname, 'scan-worker.js'), ALL_RULES, { config, root });
  let result: ScanResult;
  if (values.fix) {
    const report = await fixInPlace(scan);
    for (const [file, n] of report.changed) process.stderr.write(`perimeter: fixed ${n} finding${n === 1 ? '' : 's'} in ${path.relative(cwd, file) || file}\n`);
    if (report.changed.size === 0) process.stderr.write('perimeter: no safe fix to apply\n');
    result = { findings: report.remaining.findings, errors: [...report.remaining.errors, ...report.errors] };
  } else {
    result = await scan();
  }
  const out =
    format === 'json' ? toJson(result, cwd) + '\n' : format === 'sarif' ? toSarif(result, ALL_RULES, cwd, version) + '\n' : toText(result, cwd);
  emitReport(out, {
    output: values.output,
    text: format === 'text',
    errors: result.errors.map((e) => ({ file: relative(e.file, cwd), message: e.message, at: e.range ? `:${e.range.start.line + 1}:${e.range.start.character + 1}` : '' })),
    notices: (result.notices ?? []).map((n) => ({ file: relative(n.file, cwd), message: n.message })),
  });

  if (result.errors.length) return 2;
  const threshold = SEVERITIES.indexOf(failOn);
  return result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold) ? 1 : 0;
}
