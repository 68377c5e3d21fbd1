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
  /** Offset of the match in the scanned text. */
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
/** An INI profile line with a value: `aws_secret_access_key = …` at a line start (or after `\n` / a quote). */
const INI_KEY = /(?:^|(?<=\\n|["']))[ \t]*aws_(?:access_key_id|secret_access_key|session_token)[ \t]*=[ \t]*(?=[^\s"'])/gm;

/** The shared credentials or config file, under any home directory, in POSIX or Windows form. */
const FILE = String.raw`["']?[^\s"'<>|;&]*\.aws[\\/]+(credentials|config)\b["']?`;
/** Redirections, tee, cp/mv/install (the file as destination), sed -i, cloud-init write_files, PowerShell writers. */
const FILE_WRITES: RegExp[] = [
  new RegExp(String.raw`>>?[ \t]*${FILE}`, 'g'),
  new RegExp(String.raw`\btee\b(?:[ \t]+-{1,2}[a-z-]+)*[ \t]+${FILE}`, 'g'),
  new RegExp(String.raw`\b(?:cp|mv|install|ln)\b[^\n;&|]*?[ \t]${FILE}[ \t]*(?=$|[;&|#\n\\])`, 'gm'),
  new RegExp(String.raw`\bsed\b[^\n;&|]*?[ \t]-i\b[^\n;&|]*?${FILE}`, 'g'),
  new RegExp(String.raw`^[ \t-]*path:[ \t]*${FILE}`, 'gm'),
  new RegExp(String.raw`\b(?:Out-File|Set-Content|Add-Content)\b[^\n;|]*?${FILE}`, 'gi'),
];

/** A value computed on the machine from its own role (IMDS, STS) or an existing profile: not a key put there. */
const RUNTIME_VALUE = /^["']?\$\((?:[^)]*\b(?:aws[ \t]+sts|aws[ \t]+configure[ \t]+(?:get|export-credentials)|169\.254\.169\.254|fd00:ec2::254|Credentials|AccessKeyId|SecretAccessKey|SessionToken)\b)/;

export function credentialWrites(text: string): CredentialWrite[] {
  const out: CredentialWrite[] = [];
  for (const m of text.matchAll(ENV_ASSIGN)) {
    const value = m[2];
    if (!value || /^(["'])\1$/.test(value) || RUNTIME_VALUE.test(text.slice(m.index! + m[0].length - value.length))) continue;
    out.push({ index: m.index!, length: m[0].length, what: `sets ${m[1]}`, persistent: false });
  }
  for (const m of text.matchAll(ENV_SET)) out.push({ index: m.index!, length: m[0].length, what: 'sets AWS credential environment variables', persistent: true });
  for (const m of text.matchAll(CONFIGURE_SET)) out.push({ index: m.index!, length: m[0].length, what: 'stores a key with aws configure set', persistent: true });
  for (const m of text.matchAll(PS_CREDENTIAL)) out.push({ index: m.index!, length: m[0].length, what: 'stores a key with the AWS Tools for PowerShell', persistent: true });
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
