import { parseArgs } from 'node:util';
import type { Origin } from '../eval/value';
import { collectPolicies, type Located, type Policy, type Principal } from '../iam';
import type { TerraformModule } from '../module/module';
import { confinedReader, diskReader, parseSources } from '../module/workspace';
import { analysedModules, readInput } from '../engine/scan';
import { relative } from '../report/json';
import { emitReport } from './output';
import { UsageError } from './usage';

export const POLICIES_USAGE = `perimeter policies [PATH ...] [--format text|json] [--output FILE]

  Lists every IAM policy Perimeter finds (jsonencode, heredoc, JSON strings, file(),
  aws_iam_policy_document) with its owner, source location and normalized statements,
  so you can see how Perimeter read them. Exit codes: 0 ok, 2 usage or I/O error.`;

export async function policiesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, output: { type: 'string' } },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format must be one of text, json');
  // The same files, confinement and module instances as `perimeter scan`.
  const input = readInput(positionals.length ? positionals : ['.']);
  const parsed = parseSources(input.sources);
  const refused = new Set<string>();
  const reader = confinedReader(input.roots, diskReader, (p) => refused.add(p));
  const found: { module: TerraformModule; policy: Policy; callPath?: string }[] = [];
  for (const { module, callPath } of analysedModules(parsed.files, reader)) {
    for (const policy of collectPolicies(module)) found.push({ module, policy, callPath });
  }
  const errors = [...input.errors, ...parsed.errors, ...[...refused].sort().map((file) => ({ file, message: 'Not read: file() points outside the scanned paths' }))];
  const cwd = process.cwd();

  const loc = (module: TerraformModule, o: Origin) => {
    const idx = module.lineIndex(o.file);
    const s = idx?.position(o.span.start);
    const e = idx?.position(o.span.end);
    return {
      file: relative(o.file, cwd),
      range: s && e ? { start: { line: s.line + 1, column: s.character + 1 }, end: { line: e.line + 1, column: e.character + 1 } } : null,
    };
  };
  const el = (module: TerraformModule) => (l: Located) => ({ value: l.value, known: l.known, ...loc(module, l.origin) });
  const pr = (module: TerraformModule) => (p: Principal) => ({ type: p.type, ...el(module)(p.id) });
  const json = {
    version: '1',
    policies: found.map(({ module, policy, callPath }) => ({
      owner: callPath ? `${callPath}.${policy.owner.address}` : policy.owner.address,
      attribute: policy.attribute,
      kind: policy.kind,
      form: policy.form,
      ...loc(module, policy.origin),
      statements: policy.statements.map((s) => ({
        ...(s.sid ? { sid: el(module)(s.sid) } : {}),
        ...(s.effect ? { effect: el(module)(s.effect) } : {}),
        actions: s.actions.map(el(module)),
        notActions: s.notActions.map(el(module)),
        resources: s.resources.map(el(module)),
        notResources: s.notResources.map(el(module)),
        principals: s.principals.map(pr(module)),
        notPrincipals: s.notPrincipals.map(pr(module)),
        conditions: s.conditions.map((c) => ({ operator: c.operator.value, key: c.key.value, values: c.values.map(el(module)), ...loc(module, c.key.origin) })),
        partial: s.partial,
        ...loc(module, s.origin),
      })),
      errors: policy.errors.map((e) => ({ message: e.message, ...loc(module, e.origin) })),
    })),
    errors: errors.map((e) => ({ file: relative(e.file, cwd), message: e.message })),
    notices: (input.notices ?? []).map((n) => ({ file: relative(n.file, cwd), message: n.message })),
  };
  let out: string;
  if (values.format === 'json') out = JSON.stringify(json, null, 2) + '\n';
  else {
    const lines = json.policies.map((p) => {
      const at = p.range ? `${p.file}:${p.range.start.line}:${p.range.start.column}` : p.file;
      const acts = p.statements.flatMap((s) => [...s.actions, ...s.notActions].map((a) => a.value));
      return `${at}  ${p.owner}.${p.attribute}  ${p.kind}/${p.form}  ${p.statements.length} statement(s)${acts.length ? `: ${[...new Set(acts)].slice(0, 6).join(', ')}${acts.length > 6 ? ', …' : ''}` : ''}`;
    });
    for (const e of json.errors) lines.push(`${e.file}: error: ${e.message}`);
    for (const n of json.notices) lines.push(`${n.file}: notice: ${n.message}`);
    lines.push(`${json.policies.length} polic${json.policies.length === 1 ? 'y' : 'ies'}.`);
    out = lines.join('\n') + '\n';
  }
  emitReport(out, { output: values.output, text: values.format === 'text', errors: json.errors, notices: json.notices });
  return errors.length ? 2 : 0;
}
