/**
 * Recognises scripts (shell, PowerShell, cloud-init) that put AWS credentials on a machine:
 * setting the credential environment variables, `aws configure set` of a key, writing the
 * shared credentials file, or an INI credentials profile. Reading a credentials file or
 * naming a variable without giving it a value is not a write and is never reported.
 *
 * Descriptions are fixed sentences: nothing of the matched text (which may hold a key)
 * ever reaches a message.
 */
interface CredentialWrite {
  /**
   * Offset of the match in the scanned text. A setting covers the name it sets through the
   * value it gives (`AWS_SECRET_ACCESS_KEY=$(cat /tmp/key)`, `aws_secret_access_key = x`,
   * `aws configure set aws_access_key_id "$ID"`, a whole `SetEnvironmentVariable(…)` call);
   * a file write covers the writing command or operator through the file's name
   * (`> ~/.aws/credentials`, `- path: /root/.aws/credentials`). Never leading indentation.
   */
  readonly index: number;
  readonly length: number;
  readonly what: string;
  /**
   * False for an environment variable set for the script's own processes (`export`,
   * `VAR=… cmd`): on the machine running Terraform (`local-exec`) that stores nothing.
   */
  readonly persistent: boolean;
}

const VAR = 'AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)';

/**
 * `export AWS_SECRET_ACCESS_KEY=…`, `AWS_ACCESS_KEY_ID=… cmd`, `-e AWS_SESSION_TOKEN=…`,
 * `$env:AWS_SECRET_ACCESS_KEY = "…"`, YAML/JSON `AWS_SECRET_ACCESS_KEY: …`. Not `$AWS_…`
 * or `${AWS_…}` (a read), and not an assignment of nothing.
 */
const ENV_ASSIGN = new RegExp(`(?<![\\w$.{/\\-])(?:\\$env:)?(${VAR})["']?[ \\t]*(?:=|:(?=[ \\t]))[ \\t]*([^\\s;&|)]*)`, 'g');
/** `setx AWS_… value`, `[Environment]::SetEnvironmentVariable("AWS_…", value…)`. */
const ENV_SET = new RegExp(`(?:\\bsetx[ \\t]+|SetEnvironmentVariable\\([ \\t]*["'])${VAR}\\b["']?[ \\t]*,?[ \\t]*(?=[^\\s)/])`, 'gi');
/** `aws configure set aws_secret_access_key …` (also `profile.p.` / `default.` forms). */
const CONFIGURE_SET = /\baws[ \t]+configure[ \t]+set[ \t]+(?:[\w.-]+\.)?aws_(?:access_key_id|secret_access_key|session_token)\b/g;
/** AWS Tools for PowerShell storing a key in the SDK store or the credentials file. */
const PS_CREDENTIAL = /\b(?:Set-AWSCredentials?|Initialize-AWSDefaultConfiguration)\b[^\n]*?-(?:AccessKey|SecretKey|SessionToken)\b/gi;
/**
 * An INI profile line with a value: `aws_secret_access_key = …` at a line start (or after
 * `\n` / a quote), through the value: a run of characters up to a space, a quote or a
 * backslash (`printf '…=%s\n'`), `${…}` placeholders included.
 */
const INI_KEY = /(?<=(?:^|\\n|["'])[ \t]*)aws_(?:access_key_id|secret_access_key|session_token)[ \t]*=[ \t]*(?=[^\s"'])(?:\$\{[^}\n]*\}|[^\s"'\\])*/gm;

/** The shared credentials or config file, under any home directory, in POSIX or Windows form. */
const FILE = String.raw`["']?[^\s"'<>|;&]*\.aws[\\/]+(credentials|config)\b["']?`;
/** Redirections, tee, cp/mv/install (the file as destination), sed -i, cloud-init write_files, PowerShell writers. */
const FILE_WRITES: RegExp[] = [
  new RegExp(String.raw`>>?[ \t]*${FILE}`, 'g'),
  new RegExp(String.raw`\btee\b(?:[ \t]+-{1,2}[a-z-]+)*[ \t]+${FILE}`, 'g'),
  new RegExp(String.raw`\b(?:cp|mv|install|ln)\b[^\n;&|]*?[ \t]${FILE}[ \t]*(?=$|[;&|#\n\\])`, 'gm'),
  new RegExp(String.raw`\bsed\b[^\n;&|]*?[ \t]-i\b[^\n;&|]*?${FILE}`, 'g'),
  new RegExp(String.raw`(?<=^[ \t]*)(?:-[ \t]*)?path:[ \t]*${FILE}`, 'gm'),
  new RegExp(String.raw`\b(?:Out-File|Set-Content|Add-Content)\b[^\n;|]*?${FILE}`, 'gi'),
];

/** A value computed on the machine from its own role (IMDS, STS) or an existing profile: not a key put there. */
const RUNTIME_VALUE = /^["']?\$\((?:[^)]*\b(?:aws[ \t]+sts|aws[ \t]+configure[ \t]+(?:get|export-credentials)|169\.254\.169\.254|fd00:ec2::254|Credentials|AccessKeyId|SecretAccessKey|SessionToken)\b)/;

export function credentialWrites(text: string): CredentialWrite[] {
  const out: CredentialWrite[] = [];
  for (const m of text.matchAll(ENV_ASSIGN)) {
    const start = m.index! + m[0].length - m[2].length;
    // The regex stops at the first space; a word may go on (`$(cat /tmp/key)`, `"a b"`) or
    // end before a quote that closes the string around it. A value only the regex reads
    // (an unclosed quote: `"abc`) is kept as the regex read it.
    const end = wordEnd(text, start) > start ? wordEnd(text, start) : start + m[2].length;
    const value = text.slice(start, end);
    if (!value || /^(["'])\1$/.test(value) || RUNTIME_VALUE.test(text.slice(start))) continue;
    out.push({ index: m.index!, length: end - m.index!, what: `sets ${m[1]}`, persistent: false });
  }
  for (const m of text.matchAll(ENV_SET)) {
    const after = m.index! + m[0].length;
    // SetEnvironmentVariable("AWS_…", value, scope): the whole call; setx AWS_… value: through the value.
    const open = m[0].indexOf('(');
    const close = open >= 0 ? closing(text, m.index! + open) : -1;
    const end = close >= 0 ? close + 1 : wordEnd(text, after);
    out.push({ index: m.index!, length: Math.max(end, after) - m.index!, what: 'sets AWS credential environment variables', persistent: true });
  }
  for (const m of text.matchAll(CONFIGURE_SET)) out.push({ index: m.index!, length: throughValue(text, m.index! + m[0].length) - m.index!, what: 'stores a key with aws configure set', persistent: true });
  for (const m of text.matchAll(PS_CREDENTIAL)) out.push({ index: m.index!, length: throughValue(text, m.index! + m[0].length) - m.index!, what: 'stores a key with the AWS Tools for PowerShell', persistent: true });
  for (const m of text.matchAll(INI_KEY)) out.push({ index: m.index!, length: m[0].length, what: 'writes a credentials profile', persistent: true });
  // ~/.aws/config often holds only a region or a role to assume: writing it counts when
  // the same script also gives it (or the environment) key material.
  const keyMaterial = out.length > 0;
  for (const re of FILE_WRITES) {
    for (const m of text.matchAll(re)) {
      const file = m[1];
      if (file === 'config' && !keyMaterial) continue;
      out.push({ index: m.index!, length: m[0].length, what: `writes ~/.aws/${file}`, persistent: true });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * The end of the value that follows a setting's name at `at` (`aws configure set
 * aws_access_key_id "$ID"`, `-SecretKey $s`): after spaces (or PowerShell's `:`), one shell
 * word. Without a value on the line, `at` itself.
 */
function throughValue(text: string, at: number): number {
  const gap = /^(?:[ \t]+|:)/.exec(text.slice(at, at + 64))?.[0].length ?? 0;
  if (!gap) return at;
  const end = wordEnd(text, at + gap);
  return end > at + gap ? end : at;
}

/**
 * The end of the shell word starting at `i`: quoted strings, `$(…)`, `${…}` and backquotes
 * are part of it when they close on the same line; it stops at a space, `;`, `&`, `|`, an
 * unmatched `)`, a backslash (`\n` in a printf string) or anything that does not close.
 */
function wordEnd(text: string, i: number): number {
  // Inside a quoted string (`echo "export AWS_…=x" >> f`), its closing quote ends the word.
  const before = text.slice(text.lastIndexOf('\n', i - 1) + 1, i).replace(/\\./g, '');
  const inside = ['"', "'"].filter((q) => before.split(q).length % 2 === 0);
  let j = i;
  while (j < text.length) {
    const c = text[j];
    if (/[\s;&|)\\]/.test(c) || inside.includes(c)) break;
    if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, j + 1);
      if (close < 0 || text.slice(j + 1, close).includes('\n')) break;
      j = close + 1;
    } else if (c === '$' && (text[j + 1] === '(' || text[j + 1] === '{')) {
      const close = closing(text, j + 1);
      if (close < 0) break;
      j = close + 1;
    } else j++;
  }
  return j;
}

/** The offset of the bracket closing the one at `open` on the same line (quotes skipped), or -1. */
function closing(text: string, open: number): number {
  const pair: Record<string, string> = { '(': ')', '{': '}' };
  const stack = [pair[text[open]]];
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return -1;
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, j + 1);
      if (close < 0 || text.slice(j + 1, close).includes('\n')) return -1;
      j = close;
    } else if (c in pair) stack.push(pair[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (!stack.length) return j;
    }
  }
  return -1;
}
