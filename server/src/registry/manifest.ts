import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `.terraform/modules/modules.json`, written by `terraform init`: module key (`a`, `a.b`)
 * → directory relative to the root module. Empty when init has not run.
 */
export function readModulesManifest(rootDir: string): Map<string, string> {
  const file = path.join(rootDir, '.terraform', 'modules', 'modules.json');
  // Asked for every module a scan builds, and mostly absent: a failed read throws, which costs more.
  if (!fs.existsSync(file)) return new Map();
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { Modules?: { Key?: string; Dir?: string }[] };
    return new Map((m.Modules ?? []).filter((x) => x.Key && x.Dir).map((x) => [x.Key!, x.Dir!]));
  } catch {
    return new Map();
  }
}
