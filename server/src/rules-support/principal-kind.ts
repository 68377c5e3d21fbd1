import type { Located, Principal } from '../iam/model';

/**
 * What an `AWS` principal (or an IAM ARN in a `Resource`) names, judged from its known
 * parts. A value with apply-time parts (`arn:aws:iam::${var.account_id}:root`, as the
 * policy model writes it: each unknown part shown as `${…}` or `${ref.name}`) is still
 * classified when its known text fixes the kind; a value that is unknown as a whole
 * (`${var.account_id}`, which could be an account id or any ARN) stays `unknown`.
 */
type PrincipalKind =
  | 'public' //         "*", arn:aws:iam::*:root
  | 'account' //        123456789012, arn:aws:iam::123456789012:root
  | 'user' //           arn:aws:iam::123456789012:user/alice
  | 'role' //           arn:aws:iam::123456789012:role/admin
  | 'assumed-role' //   arn:aws:sts::123456789012:assumed-role/admin/session
  | 'federated-user' // arn:aws:sts::123456789012:federated-user/bob
  | 'service' //        lambda.amazonaws.com
  | 'federated' //      Federated principals (SAML, OIDC providers)
  | 'canonical-user'
  | 'unknown';

interface IamArn {
  readonly service: 'iam' | 'sts';
  /** The account field: 12 digits, `*`, or text with apply-time parts. */
  readonly account: string;
  /** `root`, `user`, `role`, `assumed-role`, `federated-user`, `group`, `policy`... */
  readonly resourceType: string;
  /** What follows the type: `path/name` for users and roles, empty for `root`. */
  readonly resourceName: string;
  /** Whether every part of the ARN is known. */
  readonly known: boolean;
}

const PLACEHOLDER = /\$\{[^}]*\}/;

/**
 * Splits an IAM or STS ARN into its fields, reading apply-time parts (`${…}`) only where a
 * whole field or a run of digits can be unknown: `arn:${var.partition}:iam::${local.id}:root`
 * is read, `arn:${local.rest}` or `${var.arn}` is not (an unknown part could hide colons).
 */
export function parseIamArn(v: Pick<Located, 'value' | 'known'>): IamArn | undefined {
  const text = v.value;
  // In a known value `${` is literal text; in an unknown one it marks an apply-time part.
  const fields = text.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = fields;
  const rest = fields.slice(5).join(':');
  const unknownPart = (s: string) => !v.known && PLACEHOLDER.test(s);
  const whole = (s: string) => !v.known && /^\$\{[^}]*\}$/.test(s);
  if (!(/^aws[\w-]*$/.test(partition) || whole(partition))) return undefined;
  if (service !== 'iam' && service !== 'sts') return undefined;
  if (region !== '') return undefined;
  const accountOk = /^\d{12}$/.test(account) || account === '*' || (unknownPart(account) && /^(\d|\$\{[^}]*\})+$/.test(account));
  if (!accountOk) return undefined;
  // The resource part: its type must be known text; the name may have unknown parts.
  const m = /^([a-z-]+)(?:\/(.*))?$/.exec(rest);
  if (!m) return undefined;
  return { service, account, resourceType: m[1], resourceName: m[2] ?? '', known: v.known };
}

/** The kind of a principal, from its known parts. */
export function principalKind(p: Principal): PrincipalKind {
  if (p.type === '*') return 'public';
  if (p.type === 'Service') return 'service';
  if (p.type === 'Federated') return 'federated';
  if (p.type === 'CanonicalUser') return 'canonical-user';
  if (p.type !== 'AWS') return 'unknown';
  return awsPrincipalKind(p.id);
}

/** The kind of the value of an `AWS` principal. */
export function awsPrincipalKind(id: Pick<Located, 'value' | 'known'>): PrincipalKind {
  if (id.known && id.value === '*') return 'public';
  if (id.known && /^\d{12}$/.test(id.value)) return 'account';
  const arn = parseIamArn(id);
  if (!arn) return 'unknown';
  if (arn.service === 'iam') {
    if (arn.resourceType === 'root' && arn.resourceName === '') return arn.account === '*' ? 'public' : 'account';
    if (arn.account === '*') return 'unknown';
    if (arn.resourceType === 'user' && arn.resourceName !== '') return 'user';
    if (arn.resourceType === 'role' && arn.resourceName !== '') return 'role';
    return 'unknown';
  }
  if (arn.account === '*') return 'unknown';
  if (arn.resourceType === 'assumed-role' && arn.resourceName !== '') return 'assumed-role';
  if (arn.resourceType === 'federated-user' && arn.resourceName !== '') return 'federated-user';
  return 'unknown';
}
