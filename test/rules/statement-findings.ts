import { ALL_RULES } from '../../rules/index';
import type { Rule } from '../../server/src/engine/rule';
import { scanPaths } from '../../server/src/engine/scan';
import { contains } from '../../server/src/hcl/span';
import { collectPolicies } from '../../server/src/iam';

/**
 * Scans paths with every rule, and for each finding of the IAM rules that lands in a
 * policy statement, names the policy (owner + attribute) and statement it came from:
 * `<rule> <owner>.<attribute> <file>@<statement start>` keys with their counts.
 */
export async function findingsPerStatement(paths: readonly string[], ruleIds: readonly string[]): Promise<Map<string, number>> {
  // A module called several times is analysed once per call: the same finding then comes
  // from each instance, and the scan reports it once (by rule and range). Count ranges.
  const seen = new Map<string, Set<string>>();
  const wrapped: Rule[] = ALL_RULES.map((rule) =>
    !ruleIds.includes(rule.id)
      ? rule
      : {
          ...rule,
          check(ctx) {
            rule.check({
              module: ctx.module,
              report(r) {
                for (const p of collectPolicies(ctx.module)) {
                  for (const s of p.statements) {
                    const elements = [...s.actions, ...s.notActions, ...s.resources, ...s.notResources, ...s.principals.map((x) => x.id)];
                    if (!elements.some((e) => e.origin.file === r.origin.file && contains(e.origin.span, r.origin.span))) continue;
                    const key = `${rule.id} ${p.owner.address}.${p.attribute} ${s.origin.file}@${s.origin.span.start}`;
                    const set = seen.get(key) ?? new Set<string>();
                    set.add(`${r.origin.span.start}-${r.origin.span.end}`);
                    seen.set(key, set);
                  }
                }
                ctx.report(r);
              },
            });
          },
        },
  );
  await scanPaths(paths, wrapped);
  return new Map([...seen].map(([k, v]) => [k, v.size]));
}
