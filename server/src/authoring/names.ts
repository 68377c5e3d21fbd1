import { memoized } from '../memo';
import { expandPattern, isKnownAction } from '../iam/catalogue';
import {
  actionInfo,
  catalogueDate,
  conditionKeyInfo,
  editDistance,
  isKnownService,
  nearestActions,
  nearestConditionKeys,
  nearestOperators,
  nearestServices,
  operatorFits,
  operatorInfo,
  serviceActions,
  serviceName,
} from './catalogue-lookup';

/**
 * Names in a policy that grant (or deny, or test) nothing: checked against the catalogue.
 * Each answer says what is wrong in words and lists the nearest known names; `fix` is set
 * only when one name is clearly the nearest (a quick fix may then replace the name).
 */
interface NameProblem {
  readonly what: string;
  readonly suggestions: readonly string[];
  readonly fix?: string;
  /**
   * False when the name may be real but newer than the catalogue: a service it knows, an
   * action it does not, and no known name close to it. Reported as a notice, not a warning.
   */
  readonly certain: boolean;
}

const q = (s: string) => JSON.stringify(s);

/** The catalogue's date, as messages cite it. */
function catalogueOf(): string {
  return `the AWS catalogue of ${catalogueDate()}`;
}

function best(suggestions: readonly string[], name: string): string | undefined {
  if (!suggestions.length) return undefined;
  if (suggestions.length === 1) return suggestions[0];
  return editDistance(name, suggestions[0]) < editDistance(name, suggestions[1]) ? suggestions[0] : undefined;
}

/** An action or action pattern as written in Action / NotAction; undefined when it names something. */
export function checkAction(name: string): NameProblem | undefined {
  if (name === '*' || name.includes('${')) return undefined;
  return actionVerdict(name);
}

// The answer depends on the name alone, and a module names the same actions on every
// keystroke: looked up once (the nearest-name search is the costly part).
const actionVerdict = memoized((name: string) => diagnoseAction(name), 20_000);

function diagnoseAction(name: string): NameProblem | undefined {
  // A known action or a pattern that matches some: the action table says so, and the larger
  // catalogue with descriptions (read only for a problem) stays unread.
  if (/[*?]/.test(name) ? expandPattern(name).length > 0 : isKnownAction(name)) return undefined;
  const colon = name.indexOf(':');
  if (colon < 0) return { what: `${q(name)} is not an action name (service:Action)`, suggestions: [], certain: true };
  const service = name.slice(0, colon);
  const action = name.slice(colon + 1);
  if (/[*?]/.test(service)) {
    return expandPattern(name).length ? undefined : { what: `${q(name)} matches no action in ${catalogueOf()}`, suggestions: [], certain: false };
  }
  if (!isKnownService(service)) {
    const near = nearestActions(name);
    const services = near.length ? [] : nearestServices(service);
    return {
      what: `${q(service)} is not a service prefix in ${catalogueOf()}`,
      suggestions: near.length ? near : services.map((s) => `${s}:${action}`),
      ...(near.length ? { fix: best(near, name) } : {}),
      certain: true,
    };
  }
  if (/[*?]/.test(action)) {
    if (expandPattern(name).length) return undefined;
    const near = nearestActions(name);
    return { what: `${q(name)} matches no action of ${serviceName(service) ?? service} in ${catalogueOf()}`, suggestions: near, fix: best(near, name), certain: near.length > 0 };
  }
  if (actionInfo(name)) return undefined;
  // `kms:Describe`, `states:Describe`: the start of several names, a `*` left out.
  const prefixed = serviceActions(service).filter((a) => a.name.toLowerCase().startsWith(name.toLowerCase()));
  if (prefixed.length) {
    return {
      what: `${q(name)} is not an action of ${serviceName(service) ?? service} in ${catalogueOf()}, only the start of ${prefixed.length} (${prefixed.slice(0, 3).map((a) => a.name).join(', ')}${prefixed.length > 3 ? ', …' : ''})`,
      suggestions: [`${name}*`, ...prefixed.slice(0, 2).map((a) => a.name)],
      certain: true,
    };
  }
  const near = nearestActions(name);
  if (!near.length) return { what: `${q(name)} is not in ${catalogueOf()}, which lists ${serviceActions(service).length} actions of ${serviceName(service) ?? service}`, suggestions: [], certain: false };
  return { what: `${q(name)} is not an action of ${serviceName(service) ?? service} in ${catalogueOf()}`, suggestions: near, fix: best(near, name), certain: true };
}

/**
 * A condition key, checked only when its prefix is `aws` or a service of the catalogue:
 * web identity and SAML keys (`token.actions.githubusercontent.com:sub`, `saml:aud`) and
 * keys with interpolations are left alone.
 */
export function checkConditionKey(key: string): NameProblem | undefined {
  if (key.includes('${') || key.includes('$${')) return undefined;
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = key.slice(0, colon);
  if (prefix.toLowerCase() !== 'aws' && !isKnownService(prefix)) return undefined;
  if (conditionKeyInfo(key)) return undefined;
  const near = nearestConditionKeys(key);
  return { what: `${q(key)} is not a condition key in ${catalogueOf()}`, suggestions: near, fix: best(near, key), certain: near.length > 0 };
}

/** An operator that does not exist, or cannot apply to its (known) key's type. */
export function checkOperator(op: string, key: string | undefined): NameProblem | undefined {
  if (op.includes('${')) return undefined;
  const info = operatorInfo(op);
  if (!info) {
    const near = nearestOperators(op);
    return { what: `${q(op)} is not a condition operator`, suggestions: near, fix: best(near, op), certain: true };
  }
  if (!key || key.includes('${')) return undefined;
  const k = conditionKeyInfo(key);
  if (!k || operatorFits(info.family, k.type)) return undefined;
  return { what: `${q(op)} cannot apply to ${q(k.key)}, a ${k.type} key`, suggestions: [], certain: true };
}

/**
 * The name clearly nearest a misspelt one reported by a name rule, for the editor's quick fix.
 * Not a rule fix: the corrected name takes effect (an Allow then grants what it names), which
 * `--fix` must not do unasked; the author chooses it in the editor.
 */
export function didYouMeanFor(ruleId: string, name: string): string | undefined {
  const problem =
    ruleId === 'aws-iam-unknown-action'
      ? checkAction(name)
      : ruleId === 'aws-iam-unknown-condition-key'
        ? checkConditionKey(name)
        : ruleId === 'aws-iam-condition-operator-mismatch'
          ? checkOperator(name, undefined)
          : undefined;
  return problem?.fix && !/[\\"$]/.test(problem.fix) ? problem.fix : undefined;
}

/** " Did you mean "a" or "b"?" for a message. */
export function didYouMean(suggestions: readonly string[]): string {
  if (!suggestions.length) return '';
  const list = suggestions.map(q);
  return ` Did you mean ${list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`}?`;
}
