import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { emitReport } from './output';
import { UsageError } from './usage';
import { FINGERPRINT_KEY } from '../report/sarif';

export const MERGE_SARIF_USAGE = `perimeter merge-sarif FILE ... [--output FILE]

  Merges SARIF logs (e.g. one per --shard) into one log with one run per tool: rules
  are joined by id, results deduplicated by fingerprint and location, notifications
  kept. Prints the merged log (or writes --output). Exit codes: 0 ok, 2 usage or I/O
  error, or logs that are not SARIF 2.1.0.`;

type Json = Record<string, unknown>;
interface Run {
  tool: { driver: Json & { name: string; rules?: Json[] } };
  results?: (Json & { ruleId?: string; ruleIndex?: number })[];
  invocations?: (Json & { executionSuccessful?: boolean; toolExecutionNotifications?: unknown[] })[];
  [k: string]: unknown;
}

class SarifError extends Error {}

function readLog(file: string): { version: string; runs: Run[]; [k: string]: unknown } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new SarifError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let log: unknown;
  try {
    log = JSON.parse(text);
  } catch (e) {
    throw new SarifError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const l = log as { version?: unknown; runs?: unknown };
  if (typeof log !== 'object' || log === null || l.version !== '2.1.0' || !Array.isArray(l.runs)) throw new SarifError(`${file} is not a SARIF 2.1.0 log`);
  for (const r of l.runs as Run[]) if (typeof r?.tool?.driver?.name !== 'string') throw new SarifError(`${file}: a run has no tool.driver.name`);
  return log as { version: string; runs: Run[] };
}

/** The identity of a result: its fingerprints (or rule and message) and its first location. */
function resultKey(r: Json & { ruleId?: string }): string {
  const fp = (r.partialFingerprints as Record<string, string> | undefined) ?? {};
  const who = fp[FINGERPRINT_KEY] ?? (Object.keys(fp).length ? JSON.stringify(Object.entries(fp).sort()) : `${r.ruleId}\u0000${JSON.stringify(r.message)}`);
  const loc = (r.locations as { physicalLocation?: unknown }[] | undefined)?.[0]?.physicalLocation;
  return `${who}\u0000${JSON.stringify(loc ?? null)}\u0000${String(r.baselineState ?? '')}`;
}

/** Merges logs: runs of the same tool (driver name) become one run. */
function mergeSarif(logs: readonly { runs: Run[]; [k: string]: unknown }[]): Json {
  const byTool = new Map<string, Run>();
  const seen = new Map<string, Set<string>>();
  const ruleIds = new Map<string, Map<string, number>>();
  for (const log of logs) {
    for (const run of log.runs) {
      const name = run.tool.driver.name;
      let into = byTool.get(name);
      if (!into) {
        into = { ...run, tool: { ...run.tool, driver: { ...run.tool.driver, rules: [] } }, results: [], invocations: [] };
        byTool.set(name, into);
        seen.set(name, new Set());
        ruleIds.set(name, new Map());
      }
      const ids = ruleIds.get(name)!;
      const rules = into.tool.driver.rules!;
      for (const rule of run.tool.driver.rules ?? []) {
        if (typeof rule.id === 'string' && !ids.has(rule.id)) {
          ids.set(rule.id, rules.length);
          rules.push(rule);
        }
      }
      const keys = seen.get(name)!;
      for (const r of run.results ?? []) {
        const k = resultKey(r);
        if (keys.has(k)) continue;
        keys.add(k);
        const { ruleIndex: _old, ...rest } = r;
        const idx = r.ruleId !== undefined ? ids.get(r.ruleId) : undefined;
        into.results!.push(idx !== undefined ? { ...rest, ruleIndex: idx } : rest);
      }
      into.invocations!.push(...(run.invocations ?? []));
    }
  }
  const runs = [...byTool.values()].map((run) => {
    const invocations = run.invocations ?? [];
    const notes = new Map<string, unknown>();
    for (const inv of invocations) for (const n of inv.toolExecutionNotifications ?? []) notes.set(JSON.stringify(n), n);
    return {
      ...run,
      ...(run.tool.driver.rules!.length ? {} : { tool: { ...run.tool, driver: { ...run.tool.driver, rules: undefined } } }),
      invocations: invocations.length
        ? [{ executionSuccessful: invocations.every((i) => i.executionSuccessful !== false), toolExecutionNotifications: [...notes.values()] }]
        : [],
    };
  });
  return { $schema: logs[0]?.$schema ?? 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs };
}

export async function mergeSarifCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string' } } });
  if (!positionals.length) throw new UsageError('merge-sarif needs at least one SARIF file');
  let logs;
  try {
    logs = positionals.map(readLog);
  } catch (e) {
    if (!(e instanceof SarifError)) throw e;
    process.stderr.write(`perimeter: ${e.message}\n`);
    return 2;
  }
  emitReport(JSON.stringify(mergeSarif(logs), null, 2) + '\n', { output: values.output, text: false, errors: [], notices: [] });
  return 0;
}
