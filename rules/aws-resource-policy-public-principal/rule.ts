import {
  alternatives,
  type BlockRef,
  type Body,
  collectPolicies,
  defineRule,
  isPublicPermission,
  lambdaPermissions,
  policyDocumentsIn,
  publicStatements,
  referencedAddresses,
  type TerraformModule,
  type Value,
} from '../../server/src/rule-api';

/**
 * Resource policies other than S3's (SQS, SNS, KMS, ECR, Secrets Manager, EFS, OpenSearch,
 * Glue, API Gateway, CloudWatch Logs, Backup...) that allow anyone without a condition
 * narrowing the caller; and Lambda permissions granted to principal "*" without a source
 * ARN, account or organization (one finding each, naming the action: a wildcard action lets
 * anyone replace the function's code). VPC endpoint policies (kind `endpoint`) are guards on calls from inside
 * the VPC, not grants: never reported. An OpenSearch / Elasticsearch domain in a VPC or with
 * fine-grained access control still checks who calls: one severity level lower.
 */
export default defineRule({
  id: 'aws-resource-policy-public-principal',
  title: 'Resource policy allows anyone',
  severity: 'high',
  family: 'wildcard-iam',
  aliases: ['CKV_AWS_32', 'CKV_AWS_33', 'CKV_AWS_167', 'CKV_AWS_168', 'CKV_AWS_169', 'CKV_AWS_283', 'CKV_AWS_301', 'AVD-AWS-0032', 'sqs_policy_with_public_access', 'sns_topic_is_publicly_accessible', 'ecr_repository_is_publicly_accessible', 'kms_key_is_publicly_accessible'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    for (const p of collectPolicies(m)) {
      const type = p.owner.block.labels[0]?.value ?? '';
      if (p.kind !== 'resource' || p.owner.block.type !== 'resource' || type === 'aws_s3_bucket_policy' || type === 'aws_s3_bucket') continue;
      const guard = DOMAIN_TYPES.has(type) ? domainGuard(m, p.owner, type) : undefined;
      // One finding per statement, on its first public principal.
      for (const { principals: one, write, actions } of publicStatements(p, 'anyone too')) {
        const what = `${p.owner.address} allows anyone (${one.names}) to ${actions.join(', ') || 'act on it'} with no condition narrowing the caller${write ? ', including changing it' : ''}`;
        ctx.report({
          origin: one.first.origin,
          severity: guard ? (write ? 'high' : 'medium') : write ? 'critical' : 'high',
          message: guard
            ? `${what}. ${guard}, so this is one level lower than for an open domain; still, the policy lets in every caller that reaches the domain. Name the principals (roles, accounts) that need it.`
            : `${what}. Name the principals, or add a condition such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount.`,
          block: p.owner.block.span,
          ...(one.related.length ? { related: one.related } : {}),
        });
      }
    }
    // A policy document no resource of this module uses: collectPolicies reads it as a
    // resource policy when it names principals. One finding per public statement, one level
    // lower, saying the consumer is not known here. A document passed to a local module is
    // skipped: the module is analysed as called, and the document judged at its consumer.
    // Where documents go is worked out only for a module that has a public one: it evaluates
    // every output and module argument.
    let destinations: ReturnType<typeof documentDestinations> | undefined;
    for (const p of collectPolicies(m)) {
      if (p.kind !== 'resource' || p.owner.block.type !== 'data') continue;
      const statements = publicStatements(p, 'anyone too');
      if (!statements.length) continue;
      destinations ??= documentDestinations(m);
      const where = destinations.get(p.owner) ?? [];
      if (where.some((d) => d.local)) continue;
      const goesTo = where.length ? `it goes to ${[...new Set(where.map((d) => d.name))].join(', ')}` : 'nothing in this module uses it';
      for (const { principals: one, write, actions } of statements) {
        ctx.report({
          origin: one.first.origin,
          severity: write ? 'high' : 'medium',
          message: `${p.owner.address} allows anyone (${JSON.stringify(one.first.value)}) to ${actions.join(', ') || 'act'} with no condition narrowing the caller${write ? ', including write actions' : ''}. The document's consumer is not known here (${goesTo}): whatever resource policy it becomes lets in anyone. Name the principals, or add a condition such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount.`,
          block: p.owner.block.span,
        });
      }
    }
    // A Lambda permission is one statement of the function's policy: one finding per
    // permission, on its principal, naming what it grants (a wildcard action makes it worse).
    for (const p of lambdaPermissions(m)) {
      if (!isPublicPermission(p) || !p.publicPrincipal) continue;
      const wildcard = p.wildcardActions[0];
      const grants = wildcard
        ? `do anything with the function (action ${JSON.stringify(wildcard.value)}: replace its code, which then runs with its role, and change its permissions)`
        : p.actions.length && p.actions.every((a) => /^lambda:InvokeFunction(Url)?$/i.test(a.value.trim())) || !p.actions.length
          ? `invoke the function${p.actions.length ? ` (${p.actions.map((a) => JSON.stringify(a.value)).join(' or ')})` : ''}`
          : `call ${p.actions.map((a) => JSON.stringify(a.value)).join(' or ')} on the function`;
      ctx.report({
        origin: p.publicPrincipal.origin,
        severity: 'critical',
        message: `${p.ref.address} lets anyone ${grants}: principal "*" with no source_arn, source_account or principal_org_id. Name the service or account that calls it${wildcard ? ', and grant only lambda:InvokeFunction' : ''}.`,
        block: p.ref.block.span,
        ...(wildcard ? { related: [{ origin: wildcard.origin, message: `${JSON.stringify(wildcard.value)}: every matching Lambda action on this function` }] } : {}),
      });
    }
  },
});

/**
 * Where the module's policy documents go besides resources: outputs and module call
 * arguments (through locals, lists, maps and conditionals: by value). `local` marks a call
 * of a module in this repository (`./x`, `../x`), which the scan analyses as called.
 */
function documentDestinations(m: TerraformModule): Map<BlockRef, { name: string; local: boolean }[]> {
  const out = new Map<BlockRef, { name: string; local: boolean }[]>();
  const note = (v: Value, name: string, local: boolean) => {
    for (const doc of policyDocumentsIn(m, v)) {
      const list = out.get(doc) ?? [];
      out.set(doc, list);
      list.push({ name, local });
    }
  };
  for (const ref of m.blocksOfType('output')) {
    const a = m.attribute(ref, 'value');
    if (a) note(a.value, `output.${ref.block.labels[0]?.value ?? ''}`, false);
  }
  for (const ref of m.blocksOfType('module')) {
    const source = m.attribute(ref, 'source')?.value;
    const local = source?.kind === 'string' && source.known && /^\.\.?(\/|$)/.test(source.value);
    for (const a of ref.block.body.attributes) {
      if (MODULE_META.has(a.name)) continue;
      note(m.evaluate(a, ref.file), `module.${ref.block.labels[0]?.value ?? ''}`, local);
    }
  }
  return out;
}

const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

const DOMAIN_TYPES = new Set(['aws_opensearch_domain', 'aws_elasticsearch_domain', 'aws_opensearch_domain_policy', 'aws_elasticsearch_domain_policy']);

/**
 * Why an OpenSearch / Elasticsearch domain is not open to the internet even with a `"*"`
 * access policy: it sits in a VPC (`vpc_options`), or fine-grained access control
 * (`advanced_security_options { enabled = true }`) authenticates every request. For a
 * `*_domain_policy`, the domain it names (by reference or by literal `domain_name`).
 */
function domainGuard(m: TerraformModule, owner: BlockRef, type: string): string | undefined {
  const domainType = type.replace(/_policy$/, '');
  const domain = type.endsWith('_policy') ? namedDomain(m, owner, domainType) : owner;
  if (!domain) return undefined;
  const reasons: string[] = [];
  if (presentBlocks(m, domain, 'vpc_options').length) reasons.push('vpc_options: reachable only from inside its VPC');
  const fgacOn = presentBlocks(m, domain, 'advanced_security_options').some((body) => {
    const enabled = body.attributes.find((a) => a.name === 'enabled');
    const alts = enabled ? alternatives(m.evaluate(enabled, domain.file)) : [];
    return alts.length > 0 && alts.every((v) => v.kind === 'bool' && v.value);
  });
  if (fgacOn) reasons.push('fine-grained access control authenticates every request');
  if (!reasons.length) return undefined;
  return `${domain === owner ? 'The domain' : domain.address} is not open to the internet (${reasons.join('; ')})`;
}

/**
 * The bodies of the nested blocks of a type a resource surely has: written ones, and
 * `dynamic` ones whose `for_each` is known and never empty (their `content`).
 */
function presentBlocks(m: TerraformModule, ref: BlockRef, type: string): Body[] {
  const out: Body[] = [];
  for (const b of ref.block.body.blocks) {
    if (b.type === type) out.push(b.body);
    else if (b.type === 'dynamic' && b.labels[0]?.value === type) {
      const forEach = b.body.attributes.find((a) => a.name === 'for_each');
      const alts = forEach ? alternatives(m.evaluate(forEach, ref.file)) : [];
      const nonEmpty = alts.length > 0 && alts.every((v) => (v.kind === 'list' && v.items.length > 0) || (v.kind === 'object' && v.entries.length > 0));
      const content = b.body.blocks.find((c) => c.type === 'content');
      if (nonEmpty && content) out.push(content.body);
    }
  }
  return out;
}

function namedDomain(m: TerraformModule, policy: BlockRef, domainType: string): BlockRef | undefined {
  const a = m.attribute(policy, 'domain_name');
  if (!a) return undefined;
  const domains = m.resources(domainType);
  for (const addr of referencedAddresses(a.attribute.expr, (name) => m.localExpression(name))) {
    const d = domains.find((x) => x.address === addr);
    if (d) return d;
  }
  for (const v of alternatives(a.value)) {
    if (v.kind !== 'string' || !v.known) continue;
    const d = domains.find((x) => {
      const n = m.attribute(x, 'domain_name')?.value;
      return n?.kind === 'string' && n.known && n.value === v.value;
    });
    if (d) return d;
  }
  return undefined;
}
