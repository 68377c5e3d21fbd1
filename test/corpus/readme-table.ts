import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../helpers';

/**
 * The per-rule table of README "On real code": for each column (`corpus`, `field`), the
 * count per rule, rules with 0 left out, and the `total` row apart.
 */
export function readmeTable(): Record<'corpus' | 'field', { counts: Record<string, number>; total: number }> {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## On real code'));
  const lines = section.split('\n');
  const header = lines.findIndex((l) => /^\| rule \|.*shared\/corpus.*\|.*shared\/field.*\|$/.test(l));
  if (header < 0) throw new Error('README "On real code" has no "| rule | ../shared/corpus | ../shared/field |" table');
  const out = { corpus: { counts: {} as Record<string, number>, total: -1 }, field: { counts: {} as Record<string, number>, total: -1 } };
  for (const line of lines.slice(header + 2)) {
    const m = /^\| (`([a-z0-9-]+)`|total) \| ([\d,]+) \| ([\d,]+) \|$/.exec(line);
    if (!m) break;
    const [corpus, field] = [m[3], m[4]].map((n) => Number(n.replace(/,/g, '')));
    if (m[1] === 'total') {
      out.corpus.total = corpus;
      out.field.total = field;
    } else {
      if (corpus) out.corpus.counts[m[2]] = corpus;
      if (field) out.field.counts[m[2]] = field;
    }
  }
  return out;
}

/** The counts in key order, for comparisons that show the whole object on a difference. */
export function sorted(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
