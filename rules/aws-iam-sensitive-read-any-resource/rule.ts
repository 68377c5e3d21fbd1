import {
  accessLevels,
  collectPolicies,
  defineRule,
  expandPattern,
  isAllow,
  isKnownAction,
  isWildcardOnly,
  type Located,
  memoized,
  nameList,
  sensitiveRead,
  type Severity,
  variableSource,
} from '../../server/src/rule-api';

/**
 * Reads that return data (secret values, parameters, object contents, table items, and
 * decryption) allowed on Resource "*" with no condition in an identity policy: whoever
 * holds the policy can copy every such item of the account. The list is SENSITIVE_READS
 * (rules-support/iam-findings.ts); the catalogue expands patterns (`s3:Get*`,
 * `ssm:GetParameter*`) onto them and drops those AWS only allows on "*". `"*"` and
 * `service:*` are aws-iam-wildcard-action's. One finding per statement, on its `"*"`.
 */
// Data exfiltration (108/288), and "*" for actions that could name resources (355/356).
const ALIASES = ['CKV_AWS_108', 'CKV_AWS_288', 'CKV_AWS_355', 'CKV_AWS_356'];

export default defineRule({
  id: 'aws-iam-sensitive-read-any-resource',
  title: 'IAM policy allows reading secrets or data on every resource',
  severity: 'medium',
  family: 'wildcard-iam',
  aliases: ALIASES,
  fixable: false,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      if (p.kind !== 'identity') continue;
      // A `dynamic "statement"` block writes several statements from one place: they are
      // grouped by where they are written, so the block gets one finding naming every iteration.
      const written = new Map<string, { star: Located; reads: { action: Located; severity: Severity; what: string[] }[]; write: boolean }>();
      for (const s of p.statements) {
        if (!isAllow(s) || s.conditions.length) continue;
        const star = s.resources.find((r) => r.known && r.value.trim() === '*');
        if (!star) continue;
        const key = `${s.origin.file}:${s.origin.span.start}:${s.origin.span.end}:${star.origin.span.start}`;
        const group = written.get(key) ?? { star, reads: [], write: false };
        written.set(key, group);
        const { reads } = group;
        for (const a of s.actions) {
          if (!a.known || a.value === '*' || /:\*$/.test(a.value)) continue; // aws-iam-wildcard-action reports those
          const read = readsOf(a.value);
          if (!read) continue;
          if (read.write) group.write = true;
          reads.push({ action: a, severity: read.severity, what: read.what });
        }
      }
      for (const { star, reads, write } of written.values()) {
        if (!reads.length) continue;
        const what = [...new Set(reads.flatMap((r) => r.what))];
        const source = variableSource(ctx.module, p, star.origin);
        ctx.report({
          origin: star.origin,
          severity: reads.some((r) => r.severity === 'high') ? 'high' : 'medium',
          message: `${p.owner.address} allows ${nameList(
            reads.map((r) => r.action.value),
            'read actions',
            3,
          )} on every resource ("*") with no condition: whoever holds it can read ${joinAnd(what)}. Name the resources (ARNs) it needs.${source?.note ?? ''}`,
          block: p.owner.block.span,
          ...(write ? { aliases: [...ALIASES, 'CKV_AWS_111', 'CKV_AWS_290'] } : {}),
          related: [...reads.map((r) => ({ origin: r.action.origin, message: `${JSON.stringify(r.action.value)} reads ${joinAnd(r.what)}` })), ...(source?.related ?? [])],
        });
      }
    }
  },
});

/**
 * The sensitive reads an action name or pattern allows, worked out once per name (the editor
 * asks again on every pause in typing); undefined when it allows none.
 */
const readsOf = memoized((action: string): { severity: Severity; what: string[]; write: boolean } | undefined => {
  const actions = /[*?]/.test(action) ? expandPattern(action) : isKnownAction(action) ? [action] : [];
  const matched = actions.filter((x) => !isWildcardOnly(x) && sensitiveRead(x));
  const hits = matched.flatMap((x) => sensitiveRead(x) ?? []);
  if (!hits.length) return undefined;
  return {
    severity: hits.some((h) => h.severity === 'high') ? 'high' : 'medium',
    what: [...new Set(hits.map((h) => h.what))],
    // kms:Decrypt is catalogued as Write: Checkov reports it as write access too.
    write: matched.some((x) => accessLevels(x)?.includes('Write')),
  };
});

function joinAnd(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
