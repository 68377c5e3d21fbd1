export * from './model';
export { collectPolicies, policyDocumentsIn } from './collect';
export { accessLevels, expandPattern, isKnownAction, isKnownGlobalConditionKey, isWildcardOnly, patternAccessLevels } from './catalogue';
