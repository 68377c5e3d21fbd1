/**
 * The rule API: everything a rule (rules/<id>/rule.ts) may use, and the only server file a
 * rule imports (test/unit/layers.test.ts checks it). A thin barrel of re-exports: the code
 * lives in its layer; a name is added here when a rule needs it, never a whole layer.
 */

// The rule contract: metadata, check(), what a rule reports, fixes.
export { defineRule, SEVERITIES, severityRank } from './engine/rule';
export type { Family, FileEdit, Fix, Report, Rule, RuleContext, RuleMeta, Severity } from './engine/rule';
export { maskKeyId } from './engine/mask';

// Syntax: read-only AST with spans, and walking it.
export type { Attribute, Block, BlockRef, Body, Expr, HclFile } from './hcl/ast';
export type { Span } from './hcl/span';
export { traversal, walkExpr } from './hcl/walk';

// Values: an expression's value with its origin.
export { alternatives, substringOrigin } from './eval/value';
export type { Origin, Value } from './eval/value';
export { evaluate } from './eval/evaluate';

// The module a rule checks.
export type { AttributeRef, TerraformModule } from './module/module';

// IAM policies: a module's policies in one model, and the action catalogue.
export { accessLevels, collectPolicies, expandPattern, policyDocumentsIn, isAllow, isKnownAction, isKnownGlobalConditionKey, isWildcardOnly, patternAccessLevels } from './iam';
export type { Condition, Located, Policy, Principal, Statement } from './iam';

// Fix builders (edits in the author's form).
export { addAttribute, insertBlockAfter, removeAttribute } from './fix/hcl-edits';

// Helpers shared by rules (rules-support/).
export { referencedAddresses, visitReferences } from './rules-support/ast';
export { grantsWrite, isMfaCondition, narrowsCaller, publicPrincipals } from './rules-support/iam';
export { nameList, oneFindingFor, publicStatements, resourceScope, sensitiveRead, variableSource, worst } from './rules-support/iam-findings';
export type { ResourceScope } from './rules-support/iam-findings';
export { groupMemberships, machineUserKey, policyHolders, reachesPeople } from './rules-support/iam-reach';
export { isPublicPermission, lambdaPermissions } from './rules-support/lambda-permission';
export { isMfaKey, mfaMistake, mfaPresentTest } from './rules-support/mfa-condition';
export { addMfaCondition } from './rules-support/mfa-fix';
export { GuardIndex, guardCovers, isMfaDenyGuard, namedRole, requiresMfaStrictly, trustRequiresMfa } from './rules-support/mfa-guard';
export { parseIamArn, principalKind } from './rules-support/principal-kind';
export { switchedOffBy } from './rules-support/registry-fixes';
export { accountBlocksPublicAccess, aclsDisabled, bucketOf, coveringFlagIsOn, PUBLIC_ACCESS_BLOCK_FLAGS, publicAccessBlocksOf } from './rules-support/s3';
export type { PublicAccessBlockFlag } from './rules-support/s3';
export { setValueFix, stringAlternatives, writtenInPlace } from './rules-support/values';

// Catalogue name checks (the aws-iam-unknown-* and operator rules).
export { checkAction, checkConditionKey, checkOperator, didYouMean } from './authoring/names';
export { perhapsNewerThanCatalogue, writtenPlaces } from './authoring/report-names';
export { memoized, memoizedByObject } from './memo';
