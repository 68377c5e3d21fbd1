import * as fs from 'node:fs';

/**
 * A catalogue file written by scripts/sectioned-file.mjs: a line of JSON (the header, with
 * each section's byte range), then the sections' text. The bytes are read at once; a
 * section is decoded when it is first asked for, so a process that looks up a few AWS
 * services neither decodes nor parses the rest (a cold start read and parsed the whole
 * IAM catalogue, 0.5 MB, for the handful of services a module names).
 */
export interface SectionedFile<H> {
  /** The header as written, without its section table. */
  readonly header: H;
  /** The text of a section, or undefined if the file has none of that name. */
  section(name: string): string | undefined;
  /** Every section name, in the file's order. */
  readonly names: readonly string[];
}

export function readSectionedFile<H>(file: string): SectionedFile<H> {
  const bytes = fs.readFileSync(file);
  const newline = bytes.indexOf(10);
  if (newline < 0) throw new Error(`${file}: not a sectioned catalogue file (no header line)`);
  const { sections, ...header } = JSON.parse(bytes.toString('utf8', 0, newline)) as { sections: Record<string, [number, number]> };
  const body = newline + 1;
  const where = new Map(Object.entries(sections));
  return {
    header: header as H,
    names: [...where.keys()],
    section(name) {
      const range = where.get(name);
      return range && bytes.toString('utf8', body + range[0], body + range[0] + range[1]);
    },
  };
}
