import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initHcl, parseHcl } from '../server/src/hcl/parser';
import type { HclFile } from '../server/src/hcl/ast';
import { TerraformModule } from '../server/src/module/module';

export const ROOT = path.resolve(__dirname, '..');

export async function parse(text: string, file = '/virtual/main.tf'): Promise<HclFile> {
  await initHcl();
  return parseHcl(file, text);
}

/** A module from in-memory files: `{ 'main.tf': '...', 'terraform.tfvars': '...' }`. */
export async function moduleOf(files: Record<string, string>, dir = '/virtual'): Promise<TerraformModule> {
  await initHcl();
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
