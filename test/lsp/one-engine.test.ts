import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { DidChangeTextDocumentNotification, DidChangeWorkspaceFoldersNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { needsShared, ROOT, sharedPath, tempDir } from '../helpers';
import { LspClient } from './lsp-client';

/**
 * "The editor shows what the CLI finds": the language server's diagnostics after its
 * workspace scan equal `perimeter scan`'s findings (and its blind spots the CLI's errors
 * with a position), on the examples, the corpus and ../shared/field.
 */
const CLI = path.join(ROOT, 'dist', 'cli.js');

interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

const key = (r: Row) => `${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn} ${r.rule} ${r.severity} ${r.message}`;

function cliRows(dir: string): { findings: string[]; blind: string[] } {
  const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.ok(r.status === 0 || r.status === 1 || r.status === 2, r.stderr);
  type Pos = { line: number; column: number };
  const out = JSON.parse(r.stdout) as {
    findings: { ruleId: string; severity: string; message: string; file: string; range: { start: Pos; end: Pos } }[];
    errors: { file: string; message: string; range?: { start: Pos; end: Pos } }[];
  };
  const row = (file: string, range: { start: Pos; end: Pos }, rule: string, severity: string, message: string): Row => ({
    file: path.resolve(dir, file),
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    severity,
    rule,
    message,
  });
  return {
    findings: out.findings.map((f) => key(row(f.file, f.range, f.ruleId, f.severity, f.message))).sort(),
    blind: out.errors.filter((e) => e.range).map((e) => key(row(e.file, e.range!, '', '', e.message))).sort(),
  };
}

/** A diagnostic's message as text (LSP 3.18 allows markup there; this server sends text). */
const text = (m: string | { value: string }) => (typeof m === 'string' ? m : m.value);

async function serverRows(dir: string): Promise<{ findings: string[]; blind: string[] }> {
  const client = new LspClient();
  try {
    await client.initialize(URI.file(dir).toString());
    await client.scanned(240_000);
    const findings: string[] = [];
    const blind: string[] = [];
    for (const [uri, p] of client.allDiagnostics()) {
      const file = URI.parse(uri).fsPath;
      for (const d of p.diagnostics) {
        const at = { file, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 };
        if (d.code === undefined) {
          blind.push(key({ ...at, rule: '', severity: '', message: text(d.message) }));
          continue;
        }
        // The message leads with Perimeter's severity (the level only approximates it), also in the data.
        const m = /^\[(critical|high|medium|low)\] ([^]*)$/.exec(text(d.message));
        assert.ok(m, `a diagnostic message starts with its severity: ${text(d.message)}`);
        const severity = m[1];
        assert.deepEqual(d.data, { severity });
        findings.push(key({ ...at, rule: String(d.code), severity, message: m[2] }));
      }
    }
    return { findings: findings.sort(), blind: blind.sort() };
  } finally {
    await client.stop();
  }
}

function sameRows(what: string, server: string[], cli: string[]): void {
  const onlyServer = server.filter((x) => !cli.includes(x));
  const onlyCli = cli.filter((x) => !server.includes(x));
  assert.deepEqual({ onlyServer, onlyCli }, { onlyServer: [], onlyCli: [] }, `${what}: the editor and the CLI disagree`);
  assert.equal(server.length, cli.length, `${what}: duplicated rows`);
}

describe('one engine: the editor shows what the CLI finds', () => {
  const targets: [string, string, { skip?: string }][] = [
    ['examples/insecure', path.join(ROOT, 'examples', 'insecure'), {}],
    ['the corpus', sharedPath('corpus'), needsShared('corpus', 'the editor and the CLI are compared on it')],
    ['../shared/field', sharedPath('field'), needsShared('field', 'the editor and the CLI are compared on it')],
  ];
  for (const [name, dir, options] of targets) {
    it(`on ${name}`, options, async () => {
      const cli = cliRows(dir);
      const server = await serverRows(dir);
      assert.ok(cli.findings.length > 0, 'the comparison is about something');
      sameRows('findings', server.findings, cli.findings);
      sameRows('parts not read', server.blind, cli.blind);
    });
  }
});

describe('one engine: modules called from the workspace', () => {
  const clients: LspClient[] = [];
  after(async () => Promise.all(clients.map((c) => c.stop())));

  it('analyses a local module as its callers instantiate it, and follows edits of the caller', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'child'));
    const root = path.join(dir, 'main.tf');
    const child = path.join(dir, 'child', 'main.tf');
    const caller = 'module "c" {\n  source = "./child"\n  acl    = "public-read"\n}\n';
    fs.writeFileSync(root, caller);
    fs.writeFileSync(child, 'variable "acl" {\n  default = "private"\n}\n\nresource "aws_s3_bucket_acl" "b" {\n  bucket = "x"\n  acl    = var.acl\n}\n\nresource "aws_s3_bucket_acl" "w" {\n  bucket = "y"\n  acl    = "public-read-write"\n}\n');
    const client = new LspClient();
    clients.push(client);
    await client.initialize(URI.file(dir).toString());
    await client.scanned();
    const rootUri = URI.file(root).toString();
    const childUri = URI.file(child).toString();
    // The caller's argument makes the child's ACL public: reported where the value is written.
    const inRoot = await client.diagnostics(rootUri, (p) => p.diagnostics.some((d) => d.code === 'aws-s3-public-acl'));
    assert.match(text(inRoot.diagnostics[0].message), /^\[high\] .*\(as module\.c is called\)$/);
    assert.equal(inRoot.diagnostics[0].range.start.line, 2);
    // A finding of the child itself names the call that also creates it.
    const inChild = await client.diagnostics(childUri, (p) => p.diagnostics.some((d) => d.code === 'aws-s3-public-acl'));
    assert.deepEqual(inChild.diagnostics.map((d) => [d.range.start.line, /\(also as module\.c is called\)$/.test(text(d.message))]), [[11, true]]);

    // The caller is edited (not saved): a renamed call is named in the child, a private ACL clears the caller's finding.
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: rootUri, languageId: 'terraform', version: 1, text: caller } });
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: rootUri, version: 2 },
      contentChanges: [{ text: caller.replace('public-read', 'private').replace('"c"', '"renamed"') }],
    });
    await client.diagnostics(childUri, (p) => p.diagnostics.some((d) => /\(also as module\.renamed is called\)$/.test(text(d.message))));
    await client.diagnostics(rootUri, (p) => p.diagnostics.length === 0);
  });

  it('shows where a file did not parse as information, once per broken block, and keeps the other findings of the file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.tf');
    fs.writeFileSync(file, 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "x"\n  acl    = "public-read"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "${var.x"\n  tags = {\n}\n');
    const client = new LspClient();
    clients.push(client);
    await client.initialize(URI.file(dir).toString());
    await client.scanned();
    const p = await client.diagnostics(URI.file(file).toString(), (x) => x.diagnostics.length > 0);
    assert.ok(p.diagnostics.some((d) => d.code === 'aws-s3-public-acl'), JSON.stringify(p.diagnostics));
    const blind = p.diagnostics.filter((d) => d.code === undefined);
    assert.equal(blind.length, 1, JSON.stringify(blind));
    assert.equal(blind[0].severity, 3);
    assert.match(text(blind[0].message), /^Perimeter could not read this block: /);
    assert.ok(blind[0].range.start.line >= 5, JSON.stringify(blind[0].range));
  });

  it('keeps the diagnostics of a folder nested in a removed folder', async () => {
    const outer = tempDir();
    const inner = path.join(outer, 'inner');
    fs.mkdirSync(inner);
    fs.writeFileSync(path.join(outer, 'main.tf'), 'resource "aws_s3_bucket_acl" "o" {\n  bucket = "x"\n  acl    = "public-read"\n}\n');
    fs.writeFileSync(path.join(inner, 'main.tf'), 'resource "aws_s3_bucket_acl" "i" {\n  bucket = "x"\n  acl    = "public-read"\n}\n');
    const client = new LspClient();
    clients.push(client);
    await client.initialize([URI.file(outer).toString(), URI.file(inner).toString()]);
    await client.scanned();
    const innerUri = URI.file(path.join(inner, 'main.tf')).toString();
    const outerUri = URI.file(path.join(outer, 'main.tf')).toString();
    await client.diagnostics(innerUri, (p) => p.diagnostics.length === 1);
    await client.diagnostics(outerUri, (p) => p.diagnostics.length === 1);
    const before = client.events.length;
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: URI.file(outer).toString(), name: 'outer' }] } });
    await client.diagnostics(outerUri, (p) => p.diagnostics.length === 0);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!client.events.slice(before).includes(`publish ${innerUri}`) || (await client.diagnostics(innerUri, () => true)).diagnostics.length === 1, client.events.slice(before).join('\n'));
    assert.equal((await client.diagnostics(innerUri, () => true)).diagnostics.length, 1, 'the inner folder is still open');
  });
});
