import { defineRule } from '../../server/src/engine/rule';
import { stringAlternatives } from '../../server/src/rules-support/values';

/** User data that writes AWS credentials to the instance instead of using an instance profile. */
const PATTERNS: [RegExp, string][] = [
  [/export\s+AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)\s*=/, 'exports AWS credentials as environment variables'],
  [/aws\s+configure\s+set\s+aws_(access_key_id|secret_access_key)/, 'runs aws configure with static keys'],
  [/\.aws\/credentials/, 'writes ~/.aws/credentials'],
];

export default defineRule({
  id: 'aws-credentials-in-user-data',
  title: 'User data puts AWS credentials on the instance',
  severity: 'medium',
  family: 'static-credentials',
  aliases: ['ec2_instance_using_api_keys'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    for (const type of ['aws_instance', 'aws_launch_template', 'aws_launch_configuration']) {
      for (const ref of m.resources(type)) {
        for (const name of ['user_data', 'user_data_base64']) {
          const a = m.attribute(ref, name);
          if (!a) continue;
          for (const v of stringAlternatives(a.value)) {
            const text = name === 'user_data_base64' || (type === 'aws_launch_template' && /^[A-Za-z0-9+/=\s]+$/.test(v.value)) ? decode(v.value) : v.value;
            const hit = PATTERNS.find(([re]) => re.test(text));
            if (!hit) continue;
            ctx.report({
              origin: v.origin,
              message: `${ref.address} user data ${hit[1]}: anyone who can read the instance's user data (or its disk) gets them. Attach an instance profile (IAM role) instead.`,
              block: ref.block.span,
            });
          }
        }
      }
    }
  },
});

function decode(s: string): string {
  try {
    return Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('utf8');
  } catch {
    return '';
  }
}
