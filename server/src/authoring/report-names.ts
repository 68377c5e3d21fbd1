import { substringOrigin, type Origin } from '../eval/value';
import type { Located } from '../iam/model';
import type { TerraformModule } from '../module/module';

/**
 * Where a name is written, its characters only (no quotes), when it is written literally
 * there; undefined when the value was built (`"${statement.value}:List*"` in a generic
 * template, a `dynamic` block's unknown test): the author cannot correct a name they did not
 * write, and it may differ per caller. Object keys come with their quotes (`"aws:SourceIp"`,
 * `\"aws:SourceIp\"` in quoted JSON): those are left out.
 */
function writtenName(module: TerraformModule, l: Located): Origin | undefined {
  const o = substringOrigin(l, 0, l.value.length);
  const text = module.lineIndex(o.file)?.text;
  if (text === undefined) return undefined;
  const written = text.slice(o.span.start, o.span.end);
  if (written === l.value) return o;
  // Only quotes and their escapes around the name (a key's span may take in part of `\"`).
  const at = written.indexOf(l.value);
  if (at < 0 || !/^[\\"]*$/.test(written.slice(0, at) + written.slice(at + l.value.length))) return undefined;
  return { file: o.file, span: { start: o.span.start + at, end: o.span.start + at + l.value.length } };
}

/**
 * The name rules report a written name once: a document read by two resources is one place
 * to correct. Returns, for each name, where it is written the first time it is asked, else
 * undefined (built, or already reported).
 */
export function writtenPlaces(module: TerraformModule): (l: Located) => Origin | undefined {
  const seen = new Set<string>();
  return (l) => {
    const origin = writtenName(module, l);
    if (!origin) return undefined;
    const key = `${origin.file}:${origin.span.start}:${origin.span.end}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    return origin;
  };
}

/**
 * A name the catalogue does not list, where AWS may have added it since (the catalogue lags
 * behind AWS): a low notice that says so, not a warning. `otherwise` says what the name does
 * if it really does not exist.
 */
export function perhapsNewerThanCatalogue(subject: string, what: string, otherwise: string): { message: string; severity: 'low' } {
  return { message: `${subject}: ${what}. If AWS added it since, refresh the catalogue (see README "Writing policies"); if not, ${otherwise}.`, severity: 'low' };
}
