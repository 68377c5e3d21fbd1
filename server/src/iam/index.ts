export * from './model';
export { collectPolicies, policyDocumentsIn, POLICY_ATTRIBUTES } from './collect';
export { readPolicyValue, located } from './read';
export {
  accessLevels,
  expandPattern,
  globalConditionKeys,
  isKnownAction,
  isKnownGlobalConditionKey,
  isWildcardOnly,
  patternAccessLevels,
  type AccessLevel,
} from './catalogue';
