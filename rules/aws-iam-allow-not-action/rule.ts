import { defineRule } from '../../server/src/engine/rule';
import { collectPolicies, isAllow } from '../../server/src/iam';

/** Allow with NotAction grants every other action; Allow with NotResource every other resource. */
export default defineRule({
  id: 'aws-iam-allow-not-action',
  title: 'IAM Allow with NotAction or NotResource',
  severity: 'high',
  family: 'wildcard-iam',
  aliases: ['sns_topic_publicity_has_allow_and_not_action_simultaneously', 'NOTRESOURCE_WITH_ALLOW'],
  fixable: false,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      for (const s of p.statements) {
        if (!isAllow(s)) continue;
        const na = s.notActions[0];
        if (na) {
          ctx.report({
            origin: na.origin,
            message: `${p.owner.address} allows every action except ${s.notActions.map((a) => JSON.stringify(a.value)).join(', ')}: that includes every action AWS adds later. List the allowed actions with Action instead.`,
            block: p.owner.block.span,
          });
        }
        const nr = s.notResources[0];
        if (nr) {
          ctx.report({
            origin: nr.origin,
            severity: 'medium',
            message: `${p.owner.address} allows its actions on every resource except ${s.notResources.map((r) => JSON.stringify(r.value)).join(', ')}. List the resources with Resource instead.`,
            block: p.owner.block.span,
          });
        }
      }
    }
  },
});
