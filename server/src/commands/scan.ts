import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ALL_RULES } from '../../../rules/index';
import { scanPaths } from '../engine/scan';
import { SEVERITIES, type Severity } from '../engine/rule';
import { toJson } from '../report/json';
import { toText } from '../report/text';
import { UsageError } from './usage';

export const SCAN_USAGE = `perimeter scan [PATH ...] [--format text|json] [--output FILE] [--fail-on SEVERITY]

  Scans Terraform files (.tf, .tfvars) for static AWS credentials, wildcard IAM,
  missing MFA and public S3 buckets. PATH defaults to the current directory.
  Exit codes: 0 no finding at or above --fail-on (default high), 1 findings,
  2 usage or I/O error.`;

const FORMATS = ['text', 'json'] as const;

export async function scanCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'fail-on': { type: 'string', default: 'high' },
    },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'] as Severity;
  if (!SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}`);

  const result = await scanPaths(positionals.length ? positionals : ['.'], ALL_RULES);
  const cwd = process.cwd();
  const out = format === 'json' ? toJson(result, cwd) + '\n' : toText(result, cwd);
  if (values.output) fs.writeFileSync(values.output, out);
  else process.stdout.write(out);
  for (const e of result.errors) process.stderr.write(`perimeter: ${e.file}: ${e.message}\n`);

  if (result.errors.length) return 2;
  const threshold = SEVERITIES.indexOf(failOn);
  return result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold) ? 1 : 0;
}
