import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseHcl } from '../server/src/hcl/parser';
import type { HclFile } from '../server/src/hcl/ast';
import type { Condition, Located } from '../server/src/iam/model';
import { TerraformModule } from '../server/src/module/module';

export const ROOT = path.resolve(__dirname, '..');

export async function parse(text: string, file = '/virtual/main.tf'): Promise<HclFile> {
  return parseHcl(file, text);
}

/** A module from in-memory files: `{ 'main.tf': '...', 'terraform.tfvars': '...' }`. */
export async function moduleOf(files: Record<string, string>, dir = '/virtual'): Promise<TerraformModule> {
  const parsed = Object.entries(files).map(([name, text]) => parseHcl(path.join(dir, name), text));
  const tf = parsed.filter((f) => !f.path.endsWith('.tfvars'));
  const vars = parsed.filter((f) => f.path.endsWith('.tfvars'));
  return new TerraformModule(dir, tf, vars, (p) => {
    const name = path.relative(dir, p);
    return files[name];
  });
}

export function tempDir(prefix = 'perimeter-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The source text a span covers. */
export function textAt(file: { text: string }, span: { start: number; end: number }): string {
  return file.text.slice(span.start, span.end);
}

/** A temporary workspace with the given files (`{ 'dir/main.tf': '...' }`). */
export function workspace(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * The real Terraform beside the clone (`../shared`: corpus/ and field/), or the folder
 * PERIMETER_SHARED names. A clone without it still runs every test that does not need it.
 */
export const SHARED = path.resolve(process.env.PERIMETER_SHARED || path.join(ROOT, '..', 'shared'));

export function sharedPath(part: 'corpus' | 'field', ...rest: string[]): string {
  return path.join(SHARED, part, ...rest);
}

/**
 * Options for a suite or test that reads `../shared/<part>`: `{}` when it is there, else a
 * skip whose reason the test reporter prints on the suite's line ("skipped: needs
 * ../shared (...)"). With PERIMETER_REQUIRE_SHARED=1 (CI) a missing folder is not
 * skipped: the suite runs and fails.
 */
export function needsShared(part: 'corpus' | 'field', what: string): { skip?: string } {
  if (fs.existsSync(sharedPath(part)) || process.env.PERIMETER_REQUIRE_SHARED === '1') return {};
  const reason = `skipped: needs ../shared (${what}; ${sharedPath(part)} is absent)`;
  return { skip: reason };
}

const NOWHERE = { file: '/virtual/main.tf', span: { start: 0, end: 0 } };

/** A policy value for unit tests, known unless said, written nowhere in particular. */
export const located = (value: string, known = true): Located => ({ value, known, origin: NOWHERE });

/** A policy condition for unit tests; values given as text are known. */
export const condition = (operator: string, key: string, ...values: (string | Located)[]): Condition => ({
  operator: located(operator),
  key: located(key),
  values: values.map((v) => (typeof v === 'string' ? located(v) : v)),
});
