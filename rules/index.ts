import type { Rule } from '../server/src/engine/rule';
import awsProviderStaticCredentials from './aws-provider-static-credentials/rule';

/** Every rule Perimeter ships, in catalogue order. A new rule is one folder plus one line here. */
export const ALL_RULES: readonly Rule[] = [awsProviderStaticCredentials];
