import type { Fix } from '../engine/rule';
import { addJsonMember } from '../fix/json-edits';
import { addObjectMember, appendNestedBlock } from '../fix/hcl-edits';
import type { Statement } from '../iam/model';
import type { TerraformModule } from '../module/module';
import { blockAt, exprAt } from './ast';

/**
 * Adds `aws:MultiFactorAuthPresent = true` (with `Bool`) to a statement, written in the
 * statement's own form: a `condition` block in a policy document, a `Condition` member in
 * a `jsonencode` object, a `"Condition"` member in heredoc or file() JSON. Only offered
 * when the statement has no condition yet (merging into existing ones is left to people).
 */
export function addMfaCondition(module: TerraformModule, s: Statement): Fix | undefined {
  if (s.raw.kind !== 'object' || s.conditions.length || s.raw.entries.some((e) => e.key.toLowerCase() === 'condition')) return undefined;
  const title = 'Require MFA to assume this role (aws:MultiFactorAuthPresent)';
  const hcl = module.files.find((f) => f.path === s.origin.file);
  if (hcl) {
    const block = blockAt(hcl, s.origin.span);
    if (block) {
      const text = 'condition {\n  test     = "Bool"\n  variable = "aws:MultiFactorAuthPresent"\n  values   = ["true"]\n}';
      return { title, edits: [appendNestedBlock(hcl, block, text)] };
    }
    const expr = exprAt(hcl, s.origin.span);
    if (expr?.type === 'object') {
      return { title, edits: [addObjectMember(hcl, expr, 'Condition', '{\n  Bool = {\n    "aws:MultiFactorAuthPresent" = "true"\n  }\n}')] };
    }
  }
  const text = module.lineIndex(s.origin.file)?.text;
  if (text === undefined || text[s.origin.span.end - 1] !== '}') return undefined;
  return { title, edits: [addJsonMember(text, s.raw, 'Condition', '{\n  "Bool": {\n    "aws:MultiFactorAuthPresent": "true"\n  }\n}')] };
}
