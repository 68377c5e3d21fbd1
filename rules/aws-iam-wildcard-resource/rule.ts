import {
  accessLevels,
  collectPolicies,
  defineRule,
  expandPattern,
  isAllow,
  isWildcardOnly,
  memoized,
  type Located,
  nameList,
  sensitiveRead,
  variableSource,
} from '../../server/src/rule-api';

/**
 * Allow on Resource "*" with no condition, for actions that could be limited to named
 * resources (they support resource-level permissions) and that write or manage
 * permissions. Read and list actions, and actions AWS only allows on "*", are fine.
 * One finding per statement, on its `"*"`, naming the actions (the others' ranges are
 * related locations).
 */
export default defineRule({
  id: 'aws-iam-wildcard-resource',
  title: 'IAM policy allows write actions on every resource',
  severity: 'medium',
  family: 'wildcard-iam',
  aliases: ['CKV_AWS_355', 'CKV_AWS_356', 'CKV_AWS_289', 'CKV_AWS_290', 'CKV_AWS_109', 'CKV_AWS_110', 'CKV_AWS_111', 'AVD-AWS-0342', 'AVD-AWS-0346', 'iam_role_policy_passrole_allows_all'],
  fixable: false,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      if (p.kind !== 'identity') continue;
      for (const s of p.statements) {
        if (!isAllow(s) || s.conditions.length) continue;
        const star = s.resources.find((r) => r.known && r.value === '*');
        if (!star) continue;
        let permissions = false;
        const risky: Located[] = [];
        for (const a of s.actions) {
          if (!a.known || a.value === '*' || /:\*$/.test(a.value)) continue; // aws-iam-wildcard-action reports those
          const levels = scopedLevels(a.value);
          if (levels.has('Permissions management') || /^iam:passrole$/i.test(a.value)) permissions = true;
          if (levels.has('Write') || levels.has('Permissions management') || /^iam:passrole$/i.test(a.value)) risky.push(a);
        }
        if (!risky.length) continue;
        const source = variableSource(ctx.module, p, star.origin);
        const related = [...risky.map((a) => ({ origin: a.origin, message: `${JSON.stringify(a.value)} applies to every resource` })), ...(source?.related ?? [])];
        ctx.report({
          origin: star.origin,
          severity: permissions ? 'high' : 'medium',
          message: `${p.owner.address} allows ${nameList(
            risky.map((a) => a.value),
            'write actions',
            3,
          )} on every resource ("*") with no condition${permissions ? ', including permission changes or passing any role' : ''}. Name the resources (ARNs) these actions need.${source?.note ?? ''}`,
          block: p.owner.block.span,
          related,
        });
      }
    }
  },
});

/**
 * The access levels of the actions a name or pattern grants that can be scoped to resources
 * (those AWS allows only on "*" cannot). Data reads (kms:Decrypt is catalogued as Write) are
 * aws-iam-sensitive-read-any-resource's. Kept per name: the editor re-judges the same
 * policies on every pause in typing.
 */
const scopedLevels = memoized((name: string): ReadonlySet<string> => {
  const actions = name.includes('*') || name.includes('?') ? expandPattern(name) : [name];
  const scoped = actions.filter((x) => !isWildcardOnly(x) && !sensitiveRead(x));
  return new Set(scoped.flatMap((x) => accessLevels(x) ?? []));
});
