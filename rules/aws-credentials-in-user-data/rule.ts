import {
  alternatives,
  type Block,
  type BlockRef,
  defineRule,
  evaluate,
  type Expr,
  type HclFile,
  type Origin,
  substringOrigin,
  type TerraformModule,
  type Value,
} from '../../server/src/rule-api';
import { credentialWrites } from './writes';

/** Resources whose user data runs on an instance at boot, and the arguments that hold it. */
const USER_DATA: Record<string, readonly string[]> = {
  aws_instance: ['user_data', 'user_data_base64'],
  aws_spot_instance_request: ['user_data', 'user_data_base64'],
  aws_launch_template: ['user_data'],
  aws_launch_configuration: ['user_data', 'user_data_base64'],
};

const ENCODERS = new Set(['base64encode', 'base64gzip', 'textencodebase64']);

type Text = { value: string; origin: Origin; decoded: boolean; known?: boolean };

/**
 * User data and provisioners that put AWS credentials on a machine instead of giving it a
 * role: environment variables set to keys, `aws configure set`, written credentials files.
 */
export default defineRule({
  id: 'aws-credentials-in-user-data',
  title: 'User data or a provisioner puts AWS credentials on a machine',
  severity: 'medium',
  family: 'static-credentials',
  aliases: ['ec2_instance_using_api_keys'],
  fixable: false,
  check(ctx) {
    const m = ctx.module;
    const seen = new Set<string>();
    const reportAt = (origin: Origin, what: string, ref: BlockRef, subject: string, remedy: string): void => {
      const key = `${origin.file}:${origin.span.start}:${origin.span.end}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report({ origin, message: `${ref.address} ${subject} ${what}: ${remedy}`, block: ref.block.span });
    };
    const report = (texts: Text[], ref: BlockRef, subject: string, remedy: string, persistentOnly = false): boolean => {
      let any = false;
      for (const t of texts) {
        const hits = credentialWrites(t.value).filter((h) => h.persistent || !persistentOnly);
        if (!hits.length) continue;
        // Point at the first write when the text maps onto the source (not through base64).
        const origin = t.decoded ? t.origin : substringOrigin(t, hits[0].index, hits[0].index + hits[0].length);
        reportAt(origin, [...new Set(hits.map((h) => h.what))].join(', '), ref, subject, remedy);
        any = true;
      }
      return any;
    };
    for (const [type, names] of Object.entries(USER_DATA)) {
      for (const ref of m.resources(type)) {
        const hasProfile = ref.block.body.attributes.some((x) => x.name === 'iam_instance_profile') || ref.block.body.blocks.some((b) => b.type === 'iam_instance_profile');
        const userDataRemedy = `anyone who can read the instance's user data (or its disk) gets the keys. ${hasProfile ? 'Give the permissions to the instance profile it already has' : 'Attach an instance profile (IAM role)'} instead.`;
        for (const name of names) {
          const a = ref.block.body.attributes.find((x) => x.name === name);
          if (a) report(texts(m, a.expr, ref.file), ref, 'user data', userDataRemedy);
        }
      }
    }
    for (const ref of resourcesWithProvisioners(m)) {
      for (const p of ref.block.body.blocks) {
        if (p.type !== 'provisioner') continue;
        const kind = p.labels[0]?.value;
        const attr = (n: string) => p.body.attributes.find((x) => x.name === n);
        const remedy =
          kind === 'local-exec'
            ? 'the keys end up on the machine running Terraform and in its logs. Let the command use the credentials Terraform already runs with, or assume a role.'
            : 'the keys stay on the machine, readable by anything that runs there. Attach an instance profile (IAM role) instead.';
        if (kind === 'remote-exec') {
          const inline = attr('inline');
          if (inline) report(texts(m, inline.expr, ref.file), ref, 'remote-exec provisioner', remedy);
        } else if (kind === 'local-exec') {
          const command = attr('command');
          // On the machine running Terraform, only what outlives the command counts.
      if (command) report(texts(m, command.expr, ref.file), ref, 'local-exec provisioner', remedy, true);
        } else if (kind === 'file') {
          fileProvisioner(
            m,
            ref,
            p,
            (t) => report(t, ref, 'file provisioner content', remedy),
            (origin, what) => reportAt(origin, what, ref, 'file provisioner', remedy),
          );
        }
      }
    }
  },
});

/** Resource blocks of any type (aws_instance, null_resource, terraform_data...) with a provisioner. */
function resourcesWithProvisioners(m: TerraformModule): BlockRef[] {
  const out: BlockRef[] = [];
  for (const file of m.files) {
    for (const block of file.body.blocks) {
      if (block.type !== 'resource' || block.labels.length < 2 || !block.body.blocks.some((b) => b.type === 'provisioner')) continue;
      out.push({ block, file, address: `${block.labels[0].value}.${block.labels[1].value}` });
    }
  }
  return out;
}

/**
 * `provisioner "file"`: content holding credentials, or content copied to the shared
 * credentials file (or to the config file with key material in it).
 */
function fileProvisioner(m: TerraformModule, ref: BlockRef, p: Block, report: (t: Text[]) => boolean, reportAt: (o: Origin, what: string) => void): void {
  const content = p.body.attributes.find((x) => x.name === 'content');
  const destination = p.body.attributes.find((x) => x.name === 'destination');
  const contents = content ? texts(m, content.expr, ref.file) : [];
  // Content already reported for the keys it holds is not reported again for where it goes.
  if (report(contents)) return;
  const dest = destination ? alternatives(evaluate(destination.expr, m.env(ref.file))) : [];
  for (const d of dest) {
    if (d.kind !== 'string') continue;
    const file = /\.aws[\\/]+(credentials|config)\s*$/.exec(d.value)?.[1];
    if (!file) continue;
    const keys = contents.some((t) => /aws_(?:access_key_id|secret_access_key|session_token)\s*=\s*\S/i.test(t.value));
    if (file === 'config' && !keys) continue;
    reportAt({ file: ref.file.path, span: destination!.expr.span }, `writes ~/.aws/${file}`);
  }
}

/**
 * The texts an expression may produce, as far as they are known: a string (known parts,
 * unknown ones reading `${…}`), the items of a list (`inline`), and, where the evaluator
 * cannot render the whole (base64encode, join or format over unknown values, cloud-init
 * parts), the texts of the parts it is built from. Base64 (and gzip+base64) is decoded.
 */
function texts(m: TerraformModule, root: Expr, rootFile: HclFile): Text[] {
  const out: Text[] = [];
  const stack: { expr: Expr; file: HclFile }[] = [{ expr: root, file: rootFile }];
  const visited = new Set<Expr>();
  while (stack.length && visited.size < 256) {
    const { expr, file } = stack.pop()!;
    if (visited.has(expr)) continue;
    visited.add(expr);
    // filebase64("boot.sh") is the script file itself, read where it is written.
    if (expr.type === 'call' && expr.name === 'filebase64' && expr.args[0]) {
      const rel = evaluate(expr.args[0], m.env(file));
      const read = rel.kind === 'string' && rel.known ? m.env(file).readFile?.(rel.value) : undefined;
      if (read) out.push({ value: read.text, origin: { file: read.path, span: { start: 0, end: read.text.length } }, decoded: false });
      continue;
    }
    // Encoding calls are read through, so a finding points at the text that was encoded.
    if (expr.type === 'call' && ENCODERS.has(expr.name)) {
      for (const next of parts(m, expr, file)) stack.push(next);
      continue;
    }
    const found = strings(evaluate(expr, m.env(file)));
    if (found.length) {
      for (const s of found) out.push(...withDecoded(s));
      // A template with parts the evaluator could not render (a template_file's output,
      // base64encode of a variable): those parts are read on their own as well.
      if (expr.type === 'template' && found.some((s) => s.known === false)) {
        for (const p of expr.parts) if (p.kind === 'interpolation' && p.expr && evaluate(p.expr, m.env(file)).kind !== 'string') stack.push({ expr: p.expr, file });
      }
      continue;
    }
    for (const next of parts(m, expr, file)) stack.push(next);
  }
  return out;
}

/** Strings a value may be, also inside lists (a `remote-exec` inline list). */
function strings(v: Value): Text[] {
  const out: Text[] = [];
  const stack = [v];
  while (stack.length) {
    const x = stack.pop()!;
    for (const alt of alternatives(x)) {
      if (alt.kind === 'string') out.push({ value: alt.value, origin: alt.origin, decoded: false, known: alt.known });
      else if (alt.kind === 'list') stack.push(...alt.items);
    }
  }
  return out;
}

/** What an expression the evaluator could not render is made of. */
function parts(m: TerraformModule, expr: Expr, file: HclFile): { expr: Expr; file: HclFile }[] {
  const here = (e: Expr) => ({ expr: e, file });
  switch (expr.type) {
    case 'call':
      return expr.args.map(here);
    case 'conditional':
      return [here(expr.then), here(expr.else)];
    case 'paren':
      return [here(expr.expr)];
    case 'tuple':
      return expr.items.map(here);
    case 'template':
      return expr.parts.flatMap((p) => (p.kind === 'interpolation' && p.expr ? [here(p.expr)] : []));
    case 'getattr':
    case 'index':
      return referenced(m, path(expr));
    default:
      return [];
  }
}

/** `local.x`, `data.cloudinit_config.c.rendered`, `template_file.t.rendered` → names. */
function path(expr: Expr): string[] {
  const names: string[] = [];
  let e: Expr = expr;
  for (;;) {
    if (e.type === 'getattr') {
      names.unshift(e.name);
      e = e.object;
    } else if (e.type === 'index') e = e.object;
    else break;
  }
  if (e.type === 'variable') names.unshift(e.name);
  return names;
}

/** The source a reference stands for, when it is a local or a data source that renders text. */
function referenced(m: TerraformModule, names: string[]): { expr: Expr; file: HclFile }[] {
  if (names[0] === 'local' && names[1]) {
    for (const l of m.blocksOfType('locals')) {
      const a = l.block.body.attributes.find((x) => x.name === names[1]);
      if (a) return [{ expr: a.expr, file: l.file }];
    }
  }
  // The template provider's `template_file` existed as a resource before it was a data source.
  if (names[0] === 'template_file' && names[1]) names = ['data', ...names];
  if (names[0] === 'data' && names[2]) {
    const ref = m.block(`data.${names[1]}.${names[2]}`) ?? (names[1] === 'template_file' ? m.block(`template_file.${names[2]}`) : undefined);
    if (!ref) return [];
    if (names[1] === 'cloudinit_config' || names[1] === 'template_cloudinit_config') {
      return ref.block.body.blocks.flatMap((b) => b.body.attributes.filter((a) => b.type === 'part' && a.name === 'content').map((a) => ({ expr: a.expr, file: ref.file })));
    }
    if (names[1] === 'template_file') {
      const t = ref.block.body.attributes.find((a) => a.name === 'template');
      return t ? [{ expr: t.expr, file: ref.file }] : [];
    }
  }
  return [];
}

/** The text itself and, when it is base64 (of plain or gzipped text), what it decodes to. */
function withDecoded(t: Text): Text[] {
  const compact = t.value.replace(/\s+/g, '');
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return [t];
  let bytes = Buffer.from(compact, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // Loaded here: few modules gzip their user data, and loading zlib cost every server start a few ms.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: see above
      bytes = (require('node:zlib') as typeof import('node:zlib')).gunzipSync(bytes);
    } catch {
      return [t];
    }
  }
  const text = bytes.toString('utf8');
  // Binary is not a script: skip decodings with replacement or control characters.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\uFFFD\u0000-\u0008\u000E-\u001F]/.test(text)) return [t];
  return [t, { value: text, origin: t.origin, decoded: true }];
}
