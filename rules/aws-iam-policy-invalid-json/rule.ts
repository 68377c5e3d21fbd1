import { collectPolicies, defineRule } from '../../server/src/rule-api';

/**
 * Policy documents whose JSON text does not parse: AWS rejects them (MalformedPolicyDocument
 * at apply), and Perimeter reads only what parsed, so other rules may miss what the rest
 * says. One finding per line of the text with a syntax error (jsonc-parser reports every
 * token it skips while recovering: `# a comment` is one mistake, not one per word), at the
 * first error's characters. Not judged: text not known statically, documents written with
 * `jsonencode` or `aws_iam_policy_document` (Terraform writes their JSON), and text whose
 * error lies at a `${...}` or template directive Perimeter could not render.
 */
export default defineRule({
  id: 'aws-iam-policy-invalid-json',
  title: 'IAM policy document is not valid JSON',
  severity: 'medium',
  family: 'wildcard-iam',
  aliases: [],
  fixable: false,
  check(ctx) {
    for (const p of collectPolicies(ctx.module)) {
      let previous: { file: string; line: number } | undefined;
      for (const e of p.errors) {
        if (!e.syntax?.certain) continue;
        const { file } = e.origin;
        const sameLine = previous?.file === file && previous.line === e.syntax.line;
        previous = { file, line: e.syntax.line };
        if (sameLine) continue;
        ctx.report({
          origin: e.origin,
          message: `${p.owner.address} ${p.attribute} ${e.syntax.code === 'NotAnObject' ? 'is not a policy document' : 'is not valid JSON'}: ${whatIsWrong(e.syntax.code, e.syntax.text)}. AWS rejects the document (MalformedPolicyDocument); Perimeter read only what parsed.`,
          block: p.owner.block.span,
        });
      }
    }
  },
});

/** jsonc-parser's error code in plain words, with the characters it is about. */
function whatIsWrong(code: string, text: string): string {
  const t = quote(text);
  switch (code) {
    case 'InvalidSymbol':
      if (text.startsWith('#')) return '"#" starts a comment, and JSON has no comments';
      if (text.startsWith("'")) return `${t} is in single quotes: JSON strings take double quotes`;
      if (/^[A-Za-z_$][\w$.:/*-]*$/.test(text)) return `${t} is not a JSON value (a string needs double quotes)`;
      return `unexpected ${t}`;
    case 'InvalidNumberFormat':
      return `${t} is not a JSON number`;
    case 'PropertyNameExpected':
      return text ? `a property name (a string in double quotes) is expected, not ${t}` : 'a property name (a string in double quotes) is missing';
    case 'ValueExpected':
      return text ? `a value is missing before ${t}` : 'a value is missing';
    case 'ColonExpected':
      return 'a colon is missing after the property name';
    case 'CommaExpected':
      // A closing bracket where the other one is open: the object or list needs its own.
      if (text === ']') return '"]" where "}" should close an object';
      if (text === '}') return '"}" where "]" should close a list';
      return text ? `a comma is missing before ${t}` : 'a comma is missing';
    case 'CloseBraceExpected':
      return text ? `"}" is expected before ${t}: an object is not closed` : 'the text ends before "}" closes an object';
    case 'CloseBracketExpected':
      return text ? `"]" is expected before ${t}: a list is not closed` : 'the text ends before "]" closes a list';
    case 'EndOfFileExpected':
      return `${t} comes after the end of the document (one closing bracket too many?)`;
    case 'InvalidCommentToken':
      return `${t} is a comment, and JSON has no comments`;
    case 'NotJson':
      return /^arn:/i.test(text) ? `${t} is an ARN, not a policy document (a managed policy is attached by ARN with policy_arn)` : `${t} is not JSON`;
    case 'NotAnObject':
      return `${t} is JSON but not an object, and a policy document is one ({ "Version": ..., "Statement": [...] })`;
    case 'TrailingComma':
      return text === '}' ? 'a comma after the last property: JSON allows none before "}"' : 'a comma after the last item: JSON allows none before "]"';
    case 'UnexpectedEndOfComment':
      return 'a "/*" comment is not closed (and JSON has no comments)';
    case 'UnexpectedEndOfString':
      return 'a string is not closed before the end of its line';
    case 'UnexpectedEndOfNumber':
      return `the number ${t} is cut short`;
    case 'InvalidUnicode':
      return `${t} has an invalid \\u escape`;
    case 'InvalidEscapeCharacter':
      return `${t} has an escape JSON does not know (only \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`;
    case 'InvalidCharacter':
      return 'a control character (a tab or line break) in a string must be escaped';
    default:
      return `jsonc-parser reports ${code}`;
  }
}

/** The characters an error is about, on one line and shortened, quoted unless a JSON string. */
function quote(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const short = one.length > 30 ? `${one.slice(0, 29)}…` : one;
  return one.startsWith('"') ? short : `"${short}"`;
}
