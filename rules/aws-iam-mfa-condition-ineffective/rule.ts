import { collectPolicies, defineRule, isKnownGlobalConditionKey, isMfaKey, mfaMistake, mfaPresentTest } from '../../server/src/rule-api';

/**
 * MFA conditions that do not do what they say:
 * - an Allow requiring MFA with an `IfExists` operator (`BoolIfExists` true,
 *   `NumericLessThanIfExists` on aws:MultiFactorAuthAge...): requests signed with
 *   long-term keys carry no MFA key at all, so they pass;
 * - a Deny of aws:MultiFactorAuthPresent false without `IfExists`: the same requests are
 *   not denied;
 * - an Allow requiring aws:MultiFactorAuthPresent to be false: allows exactly the requests
 *   without MFA;
 * - a misspelled MFA key, which AWS silently treats as absent.
 * What each condition means is decided in rules-support/mfa-condition.ts, shared by every
 * MFA rule: `bool` and `Bool`, `"true"` and `true`, `StringEquals` and `Bool` read alike.
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
          const mistake = mfaMistake(c, effect);
          if (!mistake) {
            const key = c.key.value.toLowerCase();
            if (!isMfaKey(c) && /multi.?factor|mfa/i.test(key) && key.startsWith('aws:') && !isKnownGlobalConditionKey(c.key.value)) {
              ctx.report({
                origin: c.key.origin,
                message: `${p.owner.address} uses the condition key ${JSON.stringify(c.key.value)}, which AWS does not know: the condition never matches as intended. Use aws:MultiFactorAuthPresent or aws:MultiFactorAuthAge.`,
                block: p.owner.block.span,
              });
            }
            continue;
          }
          // The fix adds or drops `IfExists` on the operator as written (`Bool` ↔ `BoolIfExists`).
          const fix = () => {
            const text = m.lineIndex(c.operator.origin.file)?.text.slice(c.operator.origin.span.start, c.operator.origin.span.end);
            if (!text || !/^"?\w+"?$/.test(text)) return undefined;
            const quoted = text.startsWith('"');
            const op = quoted ? text.slice(1, -1) : text;
            const to = /ifexists$/i.test(op) ? op.slice(0, -'IfExists'.length) : `${op}IfExists`;
            return { title: `Use ${to} for ${c.key.value}`, edits: [{ file: c.operator.origin.file, span: c.operator.origin.span, newText: quoted ? `"${to}"` : to }] };
          };
          const op = c.operator.value;
          if (mistake === 'inverted') {
            ctx.report({
              origin: mfaPresentTest(c)?.falseValue?.origin ?? c.operator.origin,
              message: `${p.owner.address} allows only requests made WITHOUT MFA (aws:MultiFactorAuthPresent = false): the condition is inverted. Require "true" instead.`,
              block: p.owner.block.span,
            });
          } else if (mistake === 'allow-if-exists') {
            const f = fix();
            ctx.report({
              origin: c.operator.origin,
              message: `${p.owner.address} requires MFA with ${op}: requests signed with long-term access keys carry no MFA key at all, so they pass. Use ${op.replace(/ifexists$/i, '')}.`,
              block: p.owner.block.span,
              ...(f ? { fix: f } : {}),
            });
          } else if (mistake === 'deny-without-if-exists') {
            const f = fix();
            ctx.report({
              origin: c.operator.origin,
              message: `${p.owner.address} denies requests without MFA with ${op}: requests signed with long-term access keys carry no MFA key, so ${op} does not match them and they are not denied. Use ${op}IfExists.`,
              block: p.owner.block.span,
              ...(f ? { fix: f } : {}),
            });
          }
        }
      }
    }
  },
});
