import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv';
import schema from '../../../schemas/perimeter.schema.json';
import type { Finding } from './finding';
import type { Rule, Severity } from './rule';
import { META_RULES } from './suppress';

export interface PerimeterConfig {
  readonly rules?: Readonly<Record<string, 'on' | 'off'>>;
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  readonly exclude?: readonly string[];
  /** The baseline file (engine/baseline.ts), relative to the configuration's directory. */
  readonly baseline?: string;
}

/**
 * A configuration file that cannot be read or is not valid: the CLI prints it alone (exit
 * 2), the editor shows it as a warning. Not commands/usage.ts's UsageError, which is a
 * command-line mistake printed with the usage text: a broken file is not fixed by reading
 * the usage, and the language server, which has no command line, must catch this one.
 */
export class ConfigError extends Error {}

// Loaded and compiled on first use: most runs have no configuration file, and every process
// (each scan worker too) would otherwise pay for loading ajv and compiling the schema.
let compiled: ValidateFunction<PerimeterConfig> | undefined;
function validator(): ValidateFunction<PerimeterConfig> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: see above
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  return (compiled ??= new Ajv({ allErrors: true }).compile<PerimeterConfig>(schema));
}

/** Reads and validates a `.perimeter.json`; a missing default file is no configuration. */
export function loadConfig(file: string, required: boolean): PerimeterConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (!required && (e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`cannot read configuration ${file}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const validate = validator();
  if (!validate(data)) {
    const why = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new ConfigError(`${file} is not a valid Perimeter configuration: ${why}`);
  }
  return data;
}

/** Later layers win: defaults < .perimeter.json < editor settings. */
export function mergeConfigs(...layers: readonly PerimeterConfig[]): PerimeterConfig {
  return {
    rules: Object.assign({}, ...layers.map((l) => l.rules ?? {})),
    severityOverrides: Object.assign({}, ...layers.map((l) => l.severityOverrides ?? {})),
    exclude: layers.flatMap((l) => l.exclude ?? []),
    ...(layers.some((l) => l.baseline) ? { baseline: layers.filter((l) => l.baseline).at(-1)!.baseline } : {}),
  };
}

/** Ids in the configuration that name no rule: worth a warning, never a crash. */
export function unknownRuleIds(config: PerimeterConfig, rules: readonly Rule[]): string[] {
  const known = new Set([...rules.map((r) => r.id), ...META_RULES.map((r) => r.id)]);
  return [...Object.keys(config.rules ?? {}), ...Object.keys(config.severityOverrides ?? {})].filter((id) => !known.has(id));
}

export function enabledRules(config: PerimeterConfig, rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => config.rules?.[r.id] !== 'off');
}

/** Applies severity overrides and drops findings of rules turned off. */
export function applyConfig(findings: readonly Finding[], config: PerimeterConfig): Finding[] {
  return findings
    .filter((f) => config.rules?.[f.ruleId] !== 'off')
    .map((f) => {
      const s = config.severityOverrides?.[f.ruleId];
      return s ? { ...f, severity: s } : f;
    });
}

/** True when `file` (absolute) matches an exclude glob relative to `root`. */
export function isExcluded(file: string, root: string, config: PerimeterConfig): boolean {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel.startsWith('..')) return false;
  return (config.exclude ?? []).some((g) => globToRegExp(g).test(rel));
}

/** `**` any depth, `*` within a segment, `?` one character; a folder pattern covers its contents. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/^\.\//, '').replace(/\/$/, '/**');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      re += g[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += g[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}
