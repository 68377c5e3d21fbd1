import type { Rule } from '../server/src/rule-api';
import awsProviderStaticCredentials from './aws-provider-static-credentials/rule';
import awsS3PublicAcl from './aws-s3-public-acl/rule';
import awsS3PublicAccessBlockDisabled from './aws-s3-public-access-block-disabled/rule';
import awsS3PublicAccessBlockMissing from './aws-s3-public-access-block-missing/rule';
import awsS3PublicBucketPolicy from './aws-s3-public-bucket-policy/rule';
import awsIamWildcardAction from './aws-iam-wildcard-action/rule';
import awsIamAssumeRoleWithoutMfa from './aws-iam-assume-role-without-mfa/rule';
import awsHardcodedAccessKey from './aws-hardcoded-access-key/rule';
import awsIamRoleTrustAnyPrincipal from './aws-iam-role-trust-any-principal/rule';
import awsResourcePolicyPublicPrincipal from './aws-resource-policy-public-principal/rule';
import awsIamAllowNotAction from './aws-iam-allow-not-action/rule';
import awsIamWildcardResource from './aws-iam-wildcard-resource/rule';
import awsIamAdminPolicyAttached from './aws-iam-admin-policy-attached/rule';
import awsIamMfaConditionIneffective from './aws-iam-mfa-condition-ineffective/rule';
import awsIamSensitiveActionsWithoutMfa from './aws-iam-sensitive-actions-without-mfa/rule';
import awsIamGroupMfaNotEnforced from './aws-iam-group-mfa-not-enforced/rule';
import awsCredentialsInUserData from './aws-credentials-in-user-data/rule';
import awsIamAccessKeyCreated from './aws-iam-access-key-created/rule';
import awsIamSecretOutputExposed from './aws-iam-secret-output-exposed/rule';
import awsS3PublicGrant from './aws-s3-public-grant/rule';
import awsS3WebsitePublic from './aws-s3-website-public/rule';
import awsIamSensitiveReadAnyResource from './aws-iam-sensitive-read-any-resource/rule';
import awsIamUnknownAction from './aws-iam-unknown-action/rule';
import awsIamUnknownConditionKey from './aws-iam-unknown-condition-key/rule';
import awsIamConditionOperatorMismatch from './aws-iam-condition-operator-mismatch/rule';
import awsIamPolicyInvalidJson from './aws-iam-policy-invalid-json/rule';

/** Every rule Perimeter ships, in catalogue order. A new rule is one folder plus one line here. */
export const ALL_RULES: readonly Rule[] = [
  awsProviderStaticCredentials,
  awsS3PublicAcl,
  awsS3PublicAccessBlockDisabled,
  awsS3PublicAccessBlockMissing,
  awsS3PublicBucketPolicy,
  awsIamWildcardAction,
  awsIamAssumeRoleWithoutMfa,
  awsHardcodedAccessKey,
  awsIamRoleTrustAnyPrincipal,
  awsResourcePolicyPublicPrincipal,
  awsIamAllowNotAction,
  awsIamWildcardResource,
  awsIamAdminPolicyAttached,
  awsIamMfaConditionIneffective,
  awsIamSensitiveActionsWithoutMfa,
  awsIamGroupMfaNotEnforced,
  awsCredentialsInUserData,
  awsIamAccessKeyCreated,
  awsIamSecretOutputExposed,
  awsS3PublicGrant,
  awsS3WebsitePublic,
  awsIamSensitiveReadAnyResource,
  awsIamUnknownAction,
  awsIamUnknownConditionKey,
  awsIamConditionOperatorMismatch,
  awsIamPolicyInvalidJson,
];
