import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes a fixed file without ever losing the original: refuses when the file changed
 * on disk since it was read (`expected`), writes a temporary file beside it and renames
 * it over the original (atomic on POSIX), and keeps the file's mode. Text is written back
 * exactly as the edits produced it, so line endings, encoding (UTF-8, BOM kept as the
 * first character) and the final newline stay as they were.
 */
export function writeFileSafely(file: string, expected: string, next: string): void {
  const current = fs.readFileSync(file, 'utf8');
  if (current !== expected) throw new Error(`${file} changed on disk since it was read; not writing`);
  const mode = fs.statSync(file).mode;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.perimeter-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, next, { mode });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
