import { checkAction, collectPolicies, defineRule, didYouMean, isAllow, perhapsNewerThanCatalogue, writtenPlaces } from '../../server/src/rule-api';

/**
 * Action / NotAction names that match nothing in the AWS action catalogue: an unknown service
 * prefix, an unknown action, a pattern that matches no action. Such a name grants (or denies,
 * or excludes) nothing, silently; usually a typo. One finding per written name, with a quick
 * fix when one known name is clearly the nearest. Names with apply-time parts are skipped.
 */
export default defineRule({
  id: 'aws-iam-unknown-action',
  title: 'IAM policy names an action that does not exist',
  severity: 'medium',
  family: 'wildcard-iam',
  aliases: [],
  fixable: false,
  check(ctx) {
    const writtenAt = writtenPlaces(ctx.module);
    for (const p of collectPolicies(ctx.module)) {
      for (const s of p.statements) {
        const effect = s.effect?.known ? s.effect.value : undefined;
        for (const [field, list] of [
          ['Action', s.actions],
          ['NotAction', s.notActions],
        ] as const) {
          for (const a of list) {
            if (!a.known || a.value !== a.value.trim()) continue;
            const problem = checkAction(a.value);
            if (!problem) continue;
            const origin = writtenAt(a);
            if (!origin) continue;
            const effectText = field === 'NotAction' ? 'excludes nothing from the statement' : isAllow(s) ? 'grants nothing' : effect === 'Deny' ? 'denies nothing' : 'matches nothing';
            ctx.report({
              origin,
              ...(problem.certain
                ? { message: `${p.owner.address}: ${problem.what}, so this ${field} entry ${effectText}.${didYouMean(problem.suggestions)}` }
                : perhapsNewerThanCatalogue(p.owner.address, problem.what, `this ${field} entry ${effectText}`)),
              block: p.owner.block.span,
            });
          }
        }
      }
    }
  },
});
