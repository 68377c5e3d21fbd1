import * as fs from 'node:fs';
import * as path from 'node:path';

interface RuleDoc {
  readonly title: string;
  readonly why: string;
  readonly fix: string;
  readonly peers: string;
}

const cache = new Map<string, RuleDoc | undefined>();

/**
 * A rule's README, read at run time from `rules/<id>/README.md` beside the bundle (the
 * .vsix ships them) or in the repository, split into the sections a hover shows.
 */
export function ruleDoc(ruleId: string, roots: readonly string[] = defaultRoots()): RuleDoc | undefined {
  if (cache.has(ruleId)) return cache.get(ruleId);
  let doc: RuleDoc | undefined;
  for (const root of roots) {
    const file = path.join(root, ruleId, 'README.md');
    if (!fs.existsSync(file)) continue;
    doc = parseRuleDoc(fs.readFileSync(file, 'utf8'));
    break;
  }
  cache.set(ruleId, doc);
  return doc;
}

function defaultRoots(): string[] {
  return [path.join(__dirname, '..', 'rules'), path.join(__dirname, '..', '..', '..', 'rules')];
}

function parseRuleDoc(markdown: string): RuleDoc {
  const section = (name: string): string => {
    const m = new RegExp(`^## ${name}\\s*\\n([\\s\\S]*?)(?=^## |$(?![\\s\\S]))`, 'm').exec(markdown);
    return m ? m[1].trim() : '';
  };
  const title = /^# (.+)$/m.exec(markdown)?.[1]?.trim() ?? '';
  return { title, why: section('Why it matters'), fix: section('How to fix'), peers: section('Peer ids') };
}
