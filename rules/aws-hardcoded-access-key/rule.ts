import { defineRule, maskKeyId, memoizedByObject, type Report } from '../../server/src/rule-api';
import providerCredentials from '../aws-provider-static-credentials/rule';

/**
 * Ids of credentials, by the prefixes IAM documents for them ("unique identifiers"): AKIA
 * long-term access key, ASIA temporary (STS) access key, ABIA STS service bearer token,
 * ACCA context-specific credential; then 16 more characters. Ids of users, roles, groups,
 * policies, instance profiles, certificates and public keys (AIDA, AROA, AGPA, ANPA, ANVA,
 * AIPA, ASCA, APKA) name things, not credentials, and are left alone.
 */
const KEY_ID = /(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g;
const KIND: Record<string, string> = {
  AKIA: 'An AWS access key id',
  ASIA: 'A temporary AWS access key id',
  ABIA: 'An AWS STS service bearer token id',
  ACCA: 'An AWS context-specific credential id',
};
/** A 40-character secret next to a name that says it is one, on the same line. */
const SECRET = /(secret|aws_secret_access_key|secret_access_key|secret_key)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;

/**
 * Key material anywhere in the module's text: strings, heredocs, user data, Lambda
 * environment variables, tags, comments and .tfvars values. The provider and backend
 * arguments are left to aws-provider-static-credentials, which reports them already.
 */
export default defineRule({
  id: 'aws-hardcoded-access-key',
  title: 'AWS access key written in Terraform code',
  severity: 'critical',
  family: 'static-credentials',
  aliases: ['CKV_SECRET_2', 'CKV_AWS_45', 'CKV_AWS_46', 'AVD-AWS-0029', 'AVD-AWS-0129', 'hardcoded_aws_access_key', 'hardcoded_aws_access_key_in_lambda', 'passwords_and_secrets'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    const files = [...m.files, ...m.varFiles].filter((f) => keysIn(f).length);
    if (!files.length) return;
    const reported = new Set<string>();
    providerCredentials.check({ module: m, report: (r: Report) => reported.add(`${r.origin.file}:${r.origin.span.start}`) });
    for (const file of files) {
      for (const key of keysIn(file)) {
        if (covered(reported, file.path, key.span.start, file.text)) continue;
        ctx.report({ origin: { file: file.path, span: key.span }, message: key.message });
      }
    }
  },
});

interface KeyInText {
  readonly span: { readonly start: number; readonly end: number };
  readonly message: string;
}

// Per file version: a file is read by its module and by every instance of it a caller makes.
const keysIn = memoizedByObject((file: { readonly path: string; readonly text: string }): readonly KeyInText[] => {
  const text = file.text;
  const out: KeyInText[] = [];
  for (const match of text.matchAll(KEY_ID)) {
    const start = match.index!;
    out.push({
      span: { start, end: start + match[0].length },
      message: `${KIND[match[1]]} (${maskKeyId(match[0])}) is written in ${where(file.path)}. Whoever reads the repository can use it with its secret: remove it, rotate the key, and give the workload a role instead.`,
    });
  }
  // Every name SECRET looks for contains "secret": one case-insensitive search rules most
  // files out before the full pattern runs (without a lower-cased copy of each text).
  const mentionsSecret = /secret/i.test(text);
  for (const match of mentionsSecret ? text.matchAll(SECRET) : []) {
    const secret = match[2];
    if (entropy(secret) < 4.0 || !/[a-z]/.test(secret) || !/[A-Z]/.test(secret) || !/[0-9]/.test(secret)) continue;
    const start = match.index! + match[0].length - secret.length;
    out.push({
      span: { start, end: start + secret.length },
      message: `A value that looks like an AWS secret access key (****) is written in ${where(file.path)} next to "${match[1]}". Remove it, rotate the key, and give the workload a role or a secrets manager reference instead.`,
    });
  }
  return out;
});

/** True when the provider rule reported the literal this match sits in. */
function covered(reported: Set<string>, file: string, at: number, text: string): boolean {
  const quote = text.lastIndexOf('"', at);
  return reported.has(`${file}:${quote}`) || reported.has(`${file}:${at}`);
}

function where(file: string): string {
  return file.endsWith('.tfvars') ? 'a .tfvars file' : 'the configuration';
}

/** Shannon entropy in bits per character: random keys score high, words and hashes of hex low. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}
