import type { PolicyKind } from './model';

/**
 * Every resource argument that holds an IAM-language policy, and what kind of policy it is.
 *
 * Where the list comes from: the schemas of the hashicorp/aws provider 6.25.0, as bound by
 * @cdktf/provider-aws 21.22.1 (one `lib/<resource>/index.d.ts` per resource). Every resource
 * whose schema has a string argument (top level or in a nested block) named `policy`,
 * `access_policy`, `access_policies`, `policy_document`, `resource_policy`, `inline_policy` or
 * `assume_role_policy` was listed, then curated by hand: kept when the argument takes a
 * policy in the IAM policy language (identity, resource, trust or session policy), left out
 * otherwise (see LEFT_OUT below for each one and why). Re-derive it the same way when the
 * provider adds resources.
 *
 * Kinds:
 * - `identity`: attached to a user, group, role or permission set; a session policy (Transfer
 *   Family users and accesses) narrows a role's permissions the same way and is read as one.
 * - `resource`: attached to the resource it governs; names its principals.
 * - `trust`: who may assume a role.
 * - `endpoint`: a VPC endpoint policy, a guard on the calls made through the endpoint (see
 *   model.ts), never a grant.
 *
 * `block`: the nested block that holds the argument (`aws_iam_role { inline_policy { policy } }`);
 * the policy's attribute is then named `<block>.<attribute>`.
 */
interface PolicyAttribute {
  readonly type: string;
  readonly attribute: string;
  readonly kind: PolicyKind;
  readonly block?: string;
}

export const POLICY_ATTRIBUTES: readonly PolicyAttribute[] = [
  // Identity policies (and session policies, which narrow an identity's permissions).
  { type: 'aws_iam_policy', attribute: 'policy', kind: 'identity' },
  { type: 'aws_iam_role_policy', attribute: 'policy', kind: 'identity' },
  { type: 'aws_iam_user_policy', attribute: 'policy', kind: 'identity' },
  { type: 'aws_iam_group_policy', attribute: 'policy', kind: 'identity' },
  { type: 'aws_iam_role', block: 'inline_policy', attribute: 'policy', kind: 'identity' },
  { type: 'aws_ssoadmin_permission_set_inline_policy', attribute: 'inline_policy', kind: 'identity' },
  { type: 'aws_transfer_user', attribute: 'policy', kind: 'identity' },
  { type: 'aws_transfer_access', attribute: 'policy', kind: 'identity' },
  // Trust policies.
  { type: 'aws_iam_role', attribute: 'assume_role_policy', kind: 'trust' },
  // Resource policies.
  { type: 'aws_s3_bucket_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_s3_bucket', attribute: 'policy', kind: 'resource' },
  { type: 'aws_s3_access_point', attribute: 'policy', kind: 'resource' },
  { type: 'aws_s3control_access_point_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_s3control_bucket_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_s3control_multi_region_access_point_policy', block: 'details', attribute: 'policy', kind: 'resource' },
  { type: 'aws_s3control_object_lambda_access_point_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_s3control_access_grants_instance_resource_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_s3tables_table_bucket_policy', attribute: 'resource_policy', kind: 'resource' },
  { type: 'aws_s3tables_table_policy', attribute: 'resource_policy', kind: 'resource' },
  { type: 'aws_s3vectors_vector_bucket_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_fsx_s3_access_point_attachment', block: 's3_access_point', attribute: 'policy', kind: 'resource' },
  { type: 'aws_kms_key', attribute: 'policy', kind: 'resource' },
  { type: 'aws_kms_key_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_kms_replica_key', attribute: 'policy', kind: 'resource' },
  { type: 'aws_kms_external_key', attribute: 'policy', kind: 'resource' },
  { type: 'aws_kms_replica_external_key', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sqs_queue_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sqs_queue', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sns_topic_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sns_topic', attribute: 'policy', kind: 'resource' },
  { type: 'aws_ecr_repository_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_ecr_registry_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_ecrpublic_repository_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_secretsmanager_secret_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_secretsmanager_secret', attribute: 'policy', kind: 'resource' },
  { type: 'aws_efs_file_system_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_opensearch_domain_policy', attribute: 'access_policies', kind: 'resource' },
  { type: 'aws_opensearch_domain', attribute: 'access_policies', kind: 'resource' },
  { type: 'aws_elasticsearch_domain_policy', attribute: 'access_policies', kind: 'resource' },
  { type: 'aws_elasticsearch_domain', attribute: 'access_policies', kind: 'resource' },
  { type: 'aws_cloudsearch_domain_service_access_policy', attribute: 'access_policy', kind: 'resource' },
  { type: 'aws_glue_resource_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_api_gateway_rest_api_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_api_gateway_rest_api', attribute: 'policy', kind: 'resource' },
  { type: 'aws_api_gateway_domain_name', attribute: 'policy', kind: 'resource' },
  { type: 'aws_cloudwatch_log_destination_policy', attribute: 'access_policy', kind: 'resource' },
  { type: 'aws_cloudwatch_log_resource_policy', attribute: 'policy_document', kind: 'resource' },
  { type: 'aws_cloudwatch_event_bus_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_backup_vault_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_glacier_vault', attribute: 'access_policy', kind: 'resource' },
  { type: 'aws_glacier_vault_lock', attribute: 'policy', kind: 'resource' },
  { type: 'aws_media_store_container_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_codeartifact_domain_permissions_policy', attribute: 'policy_document', kind: 'resource' },
  { type: 'aws_codeartifact_repository_permissions_policy', attribute: 'policy_document', kind: 'resource' },
  { type: 'aws_codebuild_resource_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_acmpca_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_dynamodb_resource_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_kinesis_resource_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_msk_cluster_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_networkfirewall_resource_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_oam_sink_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_prometheus_resource_policy', attribute: 'policy_document', kind: 'resource' },
  { type: 'aws_redshift_resource_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_redshiftserverless_resource_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sagemaker_model_package_group_policy', attribute: 'resource_policy', kind: 'resource' },
  { type: 'aws_schemas_registry_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_ses_identity_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_sesv2_email_identity_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_vpclattice_auth_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_vpclattice_resource_policy', attribute: 'policy', kind: 'resource' },
  { type: 'aws_xray_resource_policy', attribute: 'policy_document', kind: 'resource' },
  // VPC endpoint policies: guards on what passes through the endpoint, not grants.
  { type: 'aws_vpc_endpoint', attribute: 'policy', kind: 'endpoint' },
  { type: 'aws_vpc_endpoint_policy', attribute: 'policy', kind: 'endpoint' },
];

/**
 * Arguments the derivation above found (or an earlier version of the table held) that are not
 * IAM-language policies, with the reason; kept here so that re-deriving the list does not add
 * them back by mistake. Nothing reads them.
 */
export const LEFT_OUT: readonly { type: string; attribute: string; why: string }[] = [
  { type: 'aws_ecr_lifecycle_policy', attribute: 'policy', why: 'ECR lifecycle rules (image expiry), not a permission policy' },
  { type: 'aws_iot_policy', attribute: 'policy', why: 'AWS IoT Core policy language (iot:* for devices and certificates), evaluated by IoT, not IAM' },
  { type: 'aws_iot_policy_attachment', attribute: 'policy', why: 'the name of an IoT policy, not a document' },
  { type: 'aws_opensearchserverless_access_policy', attribute: 'policy', why: 'OpenSearch Serverless data access rules (Rules / Principal lists), its own JSON language' },
  { type: 'aws_opensearchserverless_lifecycle_policy', attribute: 'policy', why: 'OpenSearch Serverless retention rules' },
  { type: 'aws_opensearchserverless_security_policy', attribute: 'policy', why: 'OpenSearch Serverless encryption / network rules' },
  { type: 'aws_sns_topic_data_protection_policy', attribute: 'policy', why: 'SNS message data protection (DataIdentifier / Operation), not permissions' },
  { type: 'aws_cloudwatch_log_data_protection_policy', attribute: 'policy_document', why: 'Logs data protection (masking / audit of sensitive data), not permissions' },
  { type: 'aws_cloudwatch_log_account_policy', attribute: 'policy_document', why: 'account-wide data protection, subscription filter, field index or transformer settings, not permissions' },
  { type: 'aws_cloudwatch_log_index_policy', attribute: 'policy_document', why: 'Logs field index settings' },
  { type: 'aws_ses_receipt_filter', attribute: 'policy', why: '"Block" or "Allow" for an IP range, not a document' },
  { type: 'aws_verifiedaccess_endpoint', attribute: 'policy_document', why: 'Verified Access policies are written in Cedar' },
  { type: 'aws_verifiedaccess_group', attribute: 'policy_document', why: 'Verified Access policies are written in Cedar' },
  { type: 'aws_networkmanager_core_network_policy_attachment', attribute: 'policy_document', why: 'Cloud WAN core network policy (segments, routing), not permissions' },
  { type: 'data aws_vpclattice_auth_policy', attribute: 'policy', why: 'a data source: reads a policy written elsewhere; the module does not grant anything through it' },
  { type: 'provider aws', attribute: 'assume_role.policy', why: 'a provider setting (session policy of the credentials Terraform itself runs with), not a resource' },
  { type: 'aws_lambda_layer_version_permission', attribute: 'policy', why: 'computed by the provider from action / principal (it is not an argument); the earlier table listed it' },
  { type: 'aws_iam_role_policy_document', attribute: 'policy', why: 'no such resource in the provider; the earlier table listed it' },
];
