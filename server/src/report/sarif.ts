import { fingerprintsOf } from '../engine/baseline';
import type { ScanResult } from '../engine/finding';
import type { Rule, Severity } from '../engine/rule';
import { META_RULES } from '../engine/suppress';
import { relative, type ReportExtras } from './json';

/** The key of Perimeter's fingerprint in `partialFingerprints` (v1 hashed the message text). */
export const FINGERPRINT_KEY = 'perimeter/v2';

const REPOSITORY = 'https://github.com/perimeter-dev/perimeter';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning reads this numeric severity (0–10) from rule properties. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/**
 * SARIF 2.1.0. Columns are UTF-16 code units (declared in `columnKind`), paths are
 * relative to the working directory under `%SRCROOT%`. Messages come from the rules,
 * which never include secret material; no source snippets are embedded.
 */
export function toSarif(result: ScanResult, rules: readonly Rule[], cwd: string, version: string, extras: ReportExtras = {}): string {
  const fingerprints = extras.fingerprints ?? fingerprintsOf(result.findings, cwd);
  const meta = [
    ...rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, aliases: r.aliases, family: r.family as string })),
    ...META_RULES.map((m) => ({ id: m.id, title: m.title, severity: m.severity as Severity, aliases: [] as readonly string[], family: 'meta' })),
  ];
  const indexOf = new Map(meta.map((m, i) => [m.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Perimeter',
            version,
            semanticVersion: version,
            informationUri: REPOSITORY,
            rules: meta.map((m) => ({
              id: m.id,
              name: m.id.replace(/(^|-)(\w)/g, (_s, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: m.title },
              helpUri: m.family === 'meta' ? `${REPOSITORY}#suppressions` : `${REPOSITORY}/blob/main/rules/${m.id}/README.md`,
              defaultConfiguration: { level: LEVEL[m.severity] },
              properties: { tags: ['security', m.family], 'security-severity': SECURITY_SEVERITY[m.severity], aliases: [...m.aliases] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${cwd.endsWith('/') ? cwd : cwd + '/'}` } },
        results: [
          ...result.findings.map((f, i) => {
          const uri = relative(f.file, cwd);
          return {
            ruleId: f.ruleId,
            ...(indexOf.has(f.ruleId) ? { ruleIndex: indexOf.get(f.ruleId) } : {}),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] },
            ...(extras.states ? { baselineState: extras.states[i] } : {}),
            properties: { severity: f.severity },
          };
          }),
          // Accepted findings the scan no longer finds: where they were, without a region (a baseline keeps no lines).
          ...(extras.absent ?? []).map((e) => ({
            ruleId: e.ruleId,
            ...(indexOf.has(e.ruleId) ? { ruleIndex: indexOf.get(e.ruleId) } : {}),
            level: 'none' as const,
            message: { text: e.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: e.file, uriBaseId: '%SRCROOT%' } } }],
            partialFingerprints: { [FINGERPRINT_KEY]: e.fingerprint },
            baselineState: 'absent' as const,
          })),
        ],
        invocations: [
          {
            executionSuccessful: result.errors.length === 0,
            toolExecutionNotifications: [
              ...result.errors.map((e) => ({ level: 'error' as const, e })),
              ...(result.notices ?? []).map((e) => ({ level: 'note' as const, e })),
            ].map(({ level, e }) => ({
              level,
              message: { text: e.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: relative(e.file, cwd), uriBaseId: '%SRCROOT%' },
                    ...(e.range
                      ? { region: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 } }
                      : {}),
                  },
                },
              ],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
