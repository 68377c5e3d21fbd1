/**
 * Where a resource a registry module call creates sits, kept as parts: the module calls
 * that lead to it from the caller (`['assets']`), whether it is a managed resource or a
 * data source, its type and its name in the module (with the instance key: `this["a"]`).
 */
export interface ModuleResourceAddress {
  readonly modulePath: readonly string[];
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
}

/**
 * The address as Terraform prints it: `module.assets.aws_s3_bucket.this`,
 * `module.assets.data.aws_iam_policy_document.this_policy`. The one place that writes it:
 * the module indexes the resource under it, and references, rule messages and fix titles
 * read it from there.
 */
export function formatAddress(a: ModuleResourceAddress): string {
  return [...a.modulePath.map((m) => `module.${m}`), ...(a.mode === 'data' ? ['data'] : []), a.type, a.name].join('.');
}

/**
 * The parts of a reference rooted at `module` that would name a resource of a module call,
 * `module.<call>.<type>.<name>` or `module.<call>.data.<type>.<name>` (the names of the steps
 * after `module`), and the steps after it. Whether such a resource exists is the module's
 * to say: in a caller's own text this is a module output.
 */
export function parseModuleResource(names: readonly (string | undefined)[]): { address: ModuleResourceAddress; rest: number } | undefined {
  const [call, second, third, fourth] = names;
  if (!call || !second || !third) return undefined;
  if (second === 'data') return fourth ? { address: { modulePath: [call], mode: 'data', type: third, name: fourth }, rest: 4 } : undefined;
  return { address: { modulePath: [call], mode: 'managed', type: second, name: third }, rest: 3 };
}
