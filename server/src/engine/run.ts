import type { TerraformModule } from '../module/module';
import type { Finding, ScanError } from './finding';
import type { Rule } from './rule';
import { describeRegistryOrigin, registryFixIsSafe } from '../registry/describe';
import { applySuppressions } from './suppress';

/**
 * Runs every rule over a module. A rule that throws is reported as an error for that
 * module and the other rules still run: one failing rule never hides the others.
 */
export function runRules(module: TerraformModule, rules: readonly Rule[]): { findings: Finding[]; errors: ScanError[] } {
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  for (const rule of rules) {
    try {
      rule.check({
        module,
        report: (r) => {
          const idx = module.lineIndex(r.origin.file);
          if (!idx) return;
          const related = (r.related ?? []).flatMap((x) => {
            const ri = module.lineIndex(x.origin.file);
            return ri ? [{ file: x.origin.file, range: { start: ri.position(x.origin.span.start), end: ri.position(x.origin.span.end) }, message: x.message }] : [];
          });
          findings.push({
            ruleId: rule.id,
            severity: r.severity ?? rule.severity,
            title: rule.title,
            message: describeRegistryOrigin(module.synthesized, r.origin, r.message),
            file: r.origin.file,
            span: r.origin.span,
            range: { start: idx.position(r.origin.span.start), end: idx.position(r.origin.span.end) },
            aliases: r.aliases ?? rule.aliases,
            ...(r.fix && registryFixIsSafe(module.synthesized, r.block, r.fix) ? { fix: r.fix } : {}),
            ...(r.block ? { block: r.block } : {}),
            ...(related.length ? { related } : {}),
          });
        },
      });
    } catch (e) {
      errors.push({ file: module.dir, message: `rule ${rule.id} failed: ${(e as Error).message}` });
    }
  }
  // Suppression comments are read from the module's own files (policy .json files
  // cannot hold comments: suppress those findings on the attribute that reads them).
  const { kept } = applySuppressions(findings, [...module.files, ...module.varFiles, ...module.callerFiles]);
  return { findings: kept, errors };
}
