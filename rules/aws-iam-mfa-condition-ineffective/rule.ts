import { collectPolicies, defineRule, isKnownGlobalConditionKey } from '../../server/src/rule-api';

/**
 * MFA conditions that do not do what they say:
 * - Allow + BoolIfExists aws:MultiFactorAuthPresent true: requests signed with long-term
 *   keys carry no MFA key at all, so they pass;
 * - Deny + Bool aws:MultiFactorAuthPresent false: the same requests are not denied;
 * - Allow requiring aws:MultiFactorAuthPresent to be false: allows exactly the requests
 *   without MFA;
 * - a misspelled MFA key, which AWS silently treats as absent.
 */
export default defineRule({
  id: 'aws-iam-mfa-condition-ineffective',
  title: 'MFA condition does not require MFA',
  severity: 'high',
  family: 'missing-mfa',
  aliases: [],
  fixable: true,
  check(ctx) {
    const m = ctx.module;
    for (const p of collectPolicies(m)) {
      for (const s of p.statements) {
        const effect = s.effect?.known ? s.effect.value : undefined;
        for (const c of s.conditions) {
          const key = c.key.value.toLowerCase();
          const op = c.operator.value;
          if (key !== 'aws:multifactorauthpresent') {
            if (/multi.?factor|mfa/i.test(key) && key.startsWith('aws:') && !isKnownGlobalConditionKey(c.key.value)) {
              ctx.report({
                origin: c.key.origin,
                message: `${p.owner.address} uses the condition key ${JSON.stringify(c.key.value)}, which AWS does not know: the condition never matches as intended. Use aws:MultiFactorAuthPresent or aws:MultiFactorAuthAge.`,
                block: p.owner.block.span,
              });
            }
            continue;
          }
          const value = c.values.find((v) => v.known)?.value.toLowerCase();
          const fix = (to: string) => {
            const text = m.lineIndex(c.operator.origin.file)?.text.slice(c.operator.origin.span.start, c.operator.origin.span.end);
            if (!text || !/^"?\w+"?$/.test(text)) return undefined;
            const quoted = text.startsWith('"');
            return { title: `Use ${to} for aws:MultiFactorAuthPresent`, edits: [{ file: c.operator.origin.file, span: c.operator.origin.span, newText: quoted ? `"${to}"` : to }] };
          };
          if (effect === 'Allow' && value === 'false' && /^bool(ifexists)?$/i.test(op)) {
            ctx.report({
              origin: c.values.find((v) => v.known)!.origin,
              message: `${p.owner.address} allows only requests made WITHOUT MFA (aws:MultiFactorAuthPresent = false): the condition is inverted. Require "true" instead.`,
              block: p.owner.block.span,
            });
          } else if (effect === 'Allow' && value === 'true' && /^boolifexists$/i.test(op)) {
            const f = fix('Bool');
            ctx.report({
              origin: c.operator.origin,
              message: `${p.owner.address} requires MFA with BoolIfExists: requests signed with long-term access keys carry no MFA key at all, so they pass. Use Bool.`,
              block: p.owner.block.span,
              ...(f ? { fix: f } : {}),
            });
          } else if (effect === 'Deny' && value === 'false' && /^bool$/i.test(op)) {
            const f = fix('BoolIfExists');
            ctx.report({
              origin: c.operator.origin,
              message: `${p.owner.address} denies requests without MFA with Bool: requests signed with long-term access keys carry no MFA key, so Bool does not match them and they are not denied. Use BoolIfExists.`,
              block: p.owner.block.span,
              ...(f ? { fix: f } : {}),
            });
          }
        }
      }
    }
  },
});
