import type { Span } from '../hcl/span';
import type { TerraformModule } from '../module/module';
import type { Origin } from '../eval/value';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Orders severities, most severe first (for sorting and picking the worst). */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export type Family = 'static-credentials' | 'wildcard-iam' | 'missing-mfa' | 'public-s3' | 'meta';

/** One replacement in one file, in UTF-16 offsets of that file's current text. */
export interface FileEdit {
  readonly file: string;
  readonly span: Span;
  readonly newText: string;
}

/** A safe edit that makes the finding go away without changing what else the code means. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly FileEdit[];
}

export interface RuleMeta {
  /** kebab-case, `aws-<service>-<problem>`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly family: Family;
  /** Checkov, Trivy/tfsec (AVD and legacy ids) and KICS ids that check the same thing. */
  readonly aliases: readonly string[];
  /** True when the rule offers a fix for (some of) its findings. */
  readonly fixable: boolean;
}

export interface Report {
  readonly origin: Origin;
  readonly message: string;
  readonly fix?: Fix;
  /** The block the finding is about: a suppression on its first line covers it. */
  readonly block?: Span;
  /** This finding's severity when it differs from the rule's default. */
  readonly severity?: Severity;
  /** Peer ids that check exactly this finding, when narrower than the rule's aliases. */
  readonly aliases?: readonly string[];
  /** Other places that matter: the bucket a missing block refers to, a variable default. */
  readonly related?: readonly { readonly origin: Origin; readonly message: string }[];
}

export interface RuleContext {
  readonly module: TerraformModule;
  report(r: Report): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  if (!/^aws-[a-z0-9]+(-[a-z0-9]+)+$/.test(rule.id) && rule.family !== 'meta') {
    throw new Error(`rule id "${rule.id}" is not of the form aws-<service>-<problem>`);
  }
  return rule;
}
