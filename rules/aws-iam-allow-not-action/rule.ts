import { collectPolicies, defineRule, isAllow, nameList, variableSource } from '../../server/src/rule-api';

/**
 * Allow with NotAction grants every other action; Allow with NotResource every other
 * resource. One finding per statement: on its NotAction when it has one (naming a
 * NotResource too), else on its NotResource.
 */
export default defineRule({
  id: 'aws-iam-allow-not-action',
  title: 'IAM Allow with NotAction or NotResource',
  severity: 'high',
  family: 'wildcard-iam',
  aliases: ['sns_topic_publicity_has_allow_and_not_action_simultaneously', 'NOTRESOURCE_WITH_ALLOW'],
  fixable: false,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      if (p.kind === 'endpoint') continue; // an endpoint policy narrows what passes through; it grants nothing
      for (const s of p.statements) {
        if (!isAllow(s)) continue;
        const na = s.notActions[0];
        const nr = s.notResources[0];
        const anywhere = nr ? ` on every resource except ${nameList(s.notResources.map((r) => r.value), 'resources')}` : '';
        const at = na ?? nr;
        if (!at) continue;
        const source = variableSource(ctx.module, p, at.origin);
        const related = [...(na && nr ? [{ origin: nr.origin, message: 'NotResource: every other resource' }] : []), ...(source?.related ?? [])];
        ctx.report({
          origin: at.origin,
          ...(na ? {} : { severity: 'medium' as const }),
          message: na
            ? `${p.owner.address} allows every action except ${nameList(s.notActions.map((a) => a.value), 'actions')}${anywhere}: that includes every action AWS adds later. List the allowed actions with Action${nr ? ' and the resources with Resource' : ''} instead.${source?.note ?? ''}`
            : `${p.owner.address} allows its actions${anywhere}. List the resources with Resource instead.${source?.note ?? ''}`,
          block: p.owner.block.span,
          ...(related.length ? { related } : {}),
        });
      }
    }
  },
});
