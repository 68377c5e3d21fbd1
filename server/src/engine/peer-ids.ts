import { memoized } from '../memo';

/**
 * The ids other scanners give the checks Perimeter's rules correspond to, in every form
 * teams wrote them in suppressions: tfsec long ids and legacy codes, Trivy AVD ids,
 * Checkov CKV ids and Bridgecrew BC ids. One table, so rules keep a single list of
 * aliases (their metadata) and every other form is resolved onto those aliases here.
 *
 * Facts, and where they come from:
 * - tfsec / Trivy long id -> AVD id: the `custom.id`, `long_id` and `aliases` metadata of
 *   the checks in aquasecurity/trivy-checks (checks/cloud/aws/**.rego);
 * - tfsec legacy code -> long id: aquasecurity/tfsec internal/pkg/legacy/map.go, and for
 *   AWS097 (dropped from that map) the tfsec rule that carried it before v1.0
 *   (rules/aws/iam/block_kms_policy_wildcard_rule.go);
 * - Bridgecrew id -> Checkov id: Checkov's own output, which links each check to its guide
 *   page named after the Bridgecrew id (`Guide: https://docs.bridgecrew.io/docs/bc_aws_s3_19`
 *   for CKV_AWS_53; `.../iam_23` for CKV_AWS_1, `.../s3_1-acl-read-permissions-everyone`
 *   for CKV_AWS_20). Checks whose guide is not named after a numeric id are not listed.
 * Only ids that reach a Perimeter rule (one of its aliases, or BY_MEANING) are listed.
 */

/** tfsec (v1) and Trivy long ids -> AVD ids. */
const LONG_TO_AVD: Readonly<Record<string, string>> = {
  'aws-iam-no-policy-wildcards': 'AVD-AWS-0057',
  'aws-iam-no-s3-full-access': 'AVD-AWS-0345',
  'aws-iam-filter-passrole-access': 'AVD-AWS-0342',
  'aws-iam-unauthorized-bucket-access': 'AVD-AWS-0346',
  'aws-iam-enforce-mfa': 'AVD-AWS-0123', // tfsec's name
  'aws-iam-enforce-group-mfa': 'AVD-AWS-0123', // Trivy's name
  'aws-iam-no-root-access-keys': 'AVD-AWS-0141',
  'aws-s3-block-public-acls': 'AVD-AWS-0086',
  'aws-s3-block-public-policy': 'AVD-AWS-0087',
  'aws-s3-ignore-public-acls': 'AVD-AWS-0091',
  'aws-s3-no-public-access-with-acl': 'AVD-AWS-0092',
  'aws-s3-no-public-buckets': 'AVD-AWS-0093',
  'aws-s3-specify-public-access-block': 'AVD-AWS-0094',
  'aws-ec2-no-secrets-in-user-data': 'AVD-AWS-0029',
  'aws-ec2-no-secrets-in-launch-template-user-data': 'AVD-AWS-0129',
  'aws-autoscaling-no-secrets-in-user-data': 'AVD-AWS-0129',
  'aws-ecr-no-public-access': 'AVD-AWS-0032',
  'aws-sqs-no-wildcards-in-policy-documents': 'AVD-AWS-0097',
};

/** tfsec legacy codes -> long ids. Note AWS097 is not AVD-AWS-0097. */
const LEGACY_TO_LONG: Readonly<Record<string, string>> = {
  AWS001: 'aws-s3-no-public-access-with-acl',
  AWS047: 'aws-sqs-no-wildcards-in-policy-documents',
  AWS062: 'aws-ec2-no-secrets-in-user-data',
  AWS073: 'aws-s3-ignore-public-acls',
  AWS074: 'aws-s3-block-public-acls',
  AWS075: 'aws-s3-no-public-buckets',
  AWS076: 'aws-s3-block-public-policy',
  AWS097: 'aws-iam-block-kms-policy-wildcard',
  AWS098: 'aws-s3-specify-public-access-block',
  AWS099: 'aws-iam-no-policy-wildcards',
};

/** Bridgecrew ids -> Checkov ids. */
const BC_TO_CKV: Readonly<Record<string, string>> = {
  BC_AWS_S3_1: 'CKV_AWS_20',
  BC_AWS_S3_2: 'CKV_AWS_57',
  BC_AWS_S3_19: 'CKV_AWS_53',
  BC_AWS_S3_20: 'CKV_AWS_54',
  BC_AWS_S3_21: 'CKV_AWS_55',
  BC_AWS_S3_22: 'CKV_AWS_56',
  BC_AWS_S3_23: 'CKV_AWS_70',
  BC_AWS_IAM_23: 'CKV_AWS_1',
  BC_AWS_IAM_44: 'CKV_AWS_60',
  BC_AWS_IAM_45: 'CKV_AWS_61',
  BC_AWS_SECRETS_1: 'CKV_AWS_46',
  BC_AWS_SECRETS_3: 'CKV_AWS_45',
  BC_AWS_SECRETS_5: 'CKV_AWS_41',
};

/**
 * Peer checks that cover a Perimeter rule which does not list them among its aliases,
 * judged by what the peer check flags:
 * - AVD-AWS-0057 (tfsec aws-iam-no-policy-wildcards) flags wildcards in a statement's
 *   resources as well as in its actions; the wildcard-action rule lists it as an alias;
 * - tfsec's pre-1.0 AWS097 flags kms:Decrypt-like actions on every key (`"*"`): a wildcard
 *   resource for an action that supports resource-level permissions;
 * - Trivy's secret rules aws-access-key-id / aws-secret-access-key (.trivyignore ids apply
 *   to every Trivy scanner) flag the key material itself.
 */
const BY_MEANING: Readonly<Record<string, readonly string[]>> = {
  'AVD-AWS-0057': ['aws-iam-wildcard-resource'],
  'aws-iam-block-kms-policy-wildcard': ['aws-iam-wildcard-resource'],
  'aws-access-key-id': ['aws-hardcoded-access-key', 'aws-provider-static-credentials'],
  'aws-secret-access-key': ['aws-hardcoded-access-key', 'aws-provider-static-credentials'],
};

/** What a peer id names: ids to compare with findings' aliases, and rules it covers by meaning. */
interface PeerId {
  /** Normalized (lower case, no `avd-` prefix) forms of the id and of what it resolves to. */
  readonly keys: readonly string[];
  readonly rules: readonly string[];
}

/**
 * Lower case, without Trivy's `AVD-` prefix: how peer ids are compared. The same few ids and
 * aliases are compared for every finding and comment: each is made once.
 */
const normalizePeerId = memoized((id: string): string => id.trim().toLowerCase().replace(/^avd-/, ''));

const lowerKeys = <T>(table: Readonly<Record<string, T>>): Map<string, T> => new Map(Object.entries(table).map(([k, v]) => [normalizePeerId(k), v]));
const LONG = lowerKeys(LONG_TO_AVD);
const LEGACY = lowerKeys(LEGACY_TO_LONG);
const BC = lowerKeys(BC_TO_CKV);
const MEANING = lowerKeys(BY_MEANING);

const resolved = new Map<string, PeerId>();

/** Resolves a peer id in any of its forms (BC -> CKV, legacy -> long -> AVD). */
export function resolvePeerId(id: string): PeerId {
  const key = normalizePeerId(id);
  const hit = resolved.get(key);
  if (hit) return hit;
  const keys = [key];
  const bc = BC.get(key);
  if (bc) keys.push(normalizePeerId(bc));
  const long = LEGACY.get(key);
  if (long) keys.push(normalizePeerId(long));
  const avd = LONG.get(long ? normalizePeerId(long) : key);
  if (avd) keys.push(normalizePeerId(avd));
  const rules = [...new Set(keys.flatMap((k) => MEANING.get(k) ?? []))];
  const out = { keys, rules };
  resolved.set(key, out);
  return out;
}

/** True when a peer id names the check a finding (its rule id and aliases) is about. */
export function peerIdCovers(id: string, finding: { readonly ruleId: string; readonly aliases: readonly string[] }): boolean {
  const p = resolvePeerId(id);
  if (p.rules.includes(finding.ruleId)) return true;
  for (let i = 0; i < finding.aliases.length; i++) if (p.keys.includes(normalizePeerId(finding.aliases[i]))) return true;
  return false;
}
