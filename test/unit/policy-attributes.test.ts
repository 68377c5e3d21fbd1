import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectPolicies } from '../../server/src/iam';
import { LEFT_OUT, POLICY_ATTRIBUTES } from '../../server/src/iam/policy-attributes';
import { moduleOf } from '../helpers';

/**
 * What the derivation found in hashicorp/aws 6.25.0 (@cdktf/provider-aws 21.22.1): each
 * resource (cdktf folder name) with a string argument named policy, access_policy,
 * access_policies, policy_document, resource_policy, inline_policy or assume_role_policy.
 * Every one must be either read (POLICY_ATTRIBUTES) or left out with a reason (LEFT_OUT).
 */
const DERIVED = `acmpca-policy policy; api-gateway-domain-name policy; api-gateway-rest-api-policy policy;
api-gateway-rest-api policy; backup-vault-policy policy; cloudsearch-domain-service-access-policy accessPolicy;
cloudwatch-event-bus-policy policy; cloudwatch-log-account-policy policyDocument;
cloudwatch-log-data-protection-policy policyDocument; cloudwatch-log-destination-policy accessPolicy;
cloudwatch-log-index-policy policyDocument; cloudwatch-log-resource-policy policyDocument;
codeartifact-domain-permissions-policy policyDocument; codeartifact-repository-permissions-policy policyDocument;
codebuild-resource-policy policy; dynamodb-resource-policy policy; ecr-lifecycle-policy policy;
ecr-registry-policy policy; ecr-repository-policy policy; ecrpublic-repository-policy policy;
efs-file-system-policy policy; elasticsearch-domain-policy accessPolicies; elasticsearch-domain accessPolicies;
fsx-s3-access-point-attachment policy; glacier-vault-lock policy; glacier-vault accessPolicy;
glue-resource-policy policy; iam-group-policy policy; iam-policy policy; iam-role-policy policy;
iam-role assumeRolePolicy; iam-role policy; iam-user-policy policy; iot-policy-attachment policy; iot-policy policy;
kinesis-resource-policy policy; kms-external-key policy; kms-key-policy policy; kms-key policy;
kms-replica-external-key policy; kms-replica-key policy; media-store-container-policy policy;
msk-cluster-policy policy; networkfirewall-resource-policy policy;
networkmanager-core-network-policy-attachment policyDocument; oam-sink-policy policy;
opensearch-domain-policy accessPolicies; opensearch-domain accessPolicies; opensearchserverless-access-policy policy;
opensearchserverless-lifecycle-policy policy; opensearchserverless-security-policy policy;
prometheus-resource-policy policyDocument; redshift-resource-policy policy;
redshiftserverless-resource-policy policy; s3-access-point policy; s3-bucket-policy policy; s3-bucket policy;
s3control-access-grants-instance-resource-policy policy; s3control-access-point-policy policy;
s3control-bucket-policy policy; s3control-multi-region-access-point-policy policy;
s3control-object-lambda-access-point-policy policy; s3tables-table-bucket-policy resourcePolicy;
s3tables-table-policy resourcePolicy; s3vectors-vector-bucket-policy policy;
sagemaker-model-package-group-policy resourcePolicy; schemas-registry-policy policy;
secretsmanager-secret-policy policy; secretsmanager-secret policy; ses-identity-policy policy;
ses-receipt-filter policy; sesv2-email-identity-policy policy; sns-topic-data-protection-policy policy;
sns-topic-policy policy; sns-topic policy; sqs-queue-policy policy; sqs-queue policy;
ssoadmin-permission-set-inline-policy inlinePolicy; transfer-access policy; transfer-user policy;
verifiedaccess-endpoint policyDocument; verifiedaccess-group policyDocument; vpc-endpoint-policy policy;
vpc-endpoint policy; vpclattice-auth-policy policy; vpclattice-resource-policy policy;
xray-resource-policy policyDocument`;

const snake = (s: string) => s.replace(/-/g, '_').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('policy-carrying arguments', () => {
  it('accounts for every argument the provider derivation found, once', () => {
    const read = new Set(POLICY_ATTRIBUTES.map((p) => `aws_${p.type.replace(/^aws_/, '')} ${p.attribute}`));
    const left = new Set(LEFT_OUT.map((p) => `${p.type} ${p.attribute.replace(/^.*\./, '')}`));
    for (const entry of DERIVED.split(';').map((e) => e.trim())) {
      const [folder, attr] = entry.split(' ');
      const key = `aws_${snake(folder)} ${snake(attr)}`;
      assert.ok(read.has(key) !== left.has(key), `${key}: ${read.has(key) ? 'both read and left out' : 'neither read nor left out'}`);
    }
  });

  it('lists each argument once, with a reason for each left-out one', () => {
    const keys = POLICY_ATTRIBUTES.map((p) => `${p.type} ${p.block ?? ''}.${p.attribute}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const l of LEFT_OUT) {
      assert.ok(l.why.length > 10, l.type);
      assert.ok(!POLICY_ATTRIBUTES.some((p) => p.type === l.type && p.attribute === l.attribute), `${l.type} is both read and left out`);
    }
  });

  it('reads new resource types, nested-block arguments and session policies with their kind', async () => {
    const doc = (principal: string, action: string) => `jsonencode({ Statement = [{ Effect = "Allow", Principal = ${principal}, Action = "${action}", Resource = "*" }] })`;
    const m = await moduleOf({
      'main.tf': `
resource "aws_transfer_user" "u" {
  server_id = "s-1"
  user_name = "u"
  role      = "arn:aws:iam::123456789012:role/t"
  policy    = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}
resource "aws_s3control_multi_region_access_point_policy" "m" {
  details {
    name   = "m"
    policy = ${doc('"*"', 's3:GetObject')}
  }
}
resource "aws_fsx_s3_access_point_attachment" "f" {
  name = "f"
  type = "OPENZFS"
  s3_access_point {
    policy = ${doc('"*"', 's3:GetObject')}
  }
}
resource "aws_iam_role" "r" {
  assume_role_policy = ${doc('{ Service = "ec2.amazonaws.com" }', 'sts:AssumeRole')}
  inline_policy {
    name   = "i"
    policy = jsonencode({ Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }] })
  }
}
resource "aws_ecr_lifecycle_policy" "l" {
  repository = "r"
  policy     = jsonencode({ rules = [{ rulePriority = 1, action = { type = "expire" } }] })
}
resource "aws_vpc_endpoint_policy" "e" {
  vpc_endpoint_id = "vpce-1"
  policy          = ${doc('"*"', 's3:*')}
}
`,
    });
    const got = collectPolicies(m).map((p) => `${p.owner.address} ${p.attribute} ${p.kind}`).sort();
    assert.deepEqual(got, [
      'aws_fsx_s3_access_point_attachment.f s3_access_point.policy resource',
      'aws_iam_role.r assume_role_policy trust',
      'aws_iam_role.r inline_policy.policy identity',
      'aws_s3control_multi_region_access_point_policy.m details.policy resource',
      'aws_transfer_user.u policy identity',
      'aws_vpc_endpoint_policy.e policy endpoint',
    ]);
  });
});
