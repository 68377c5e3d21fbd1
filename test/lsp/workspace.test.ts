import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { DidChangeConfigurationNotification, DidChangeWorkspaceFoldersNotification, DidOpenTextDocumentNotification, ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { ROOT, tempDir } from '../helpers';
import { LspClient } from './lsp-client';

const publicAcl = 'resource "aws_s3_bucket_acl" "b" {\n  bucket = "x"\n  acl    = "public-read"\n}\n';
const clean = 'variable "region" {\n  type = string\n}\n';

/** A workspace folder with one file; its path and the file's URI. */
function folder(text: string): { dir: string; uri: string } {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'main.tf'), text);
  return { dir, uri: URI.file(path.join(dir, 'main.tf')).toString() };
}

const count = (c: LspClient, event: string) => c.events.filter((e) => e === event).length;
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

describe('language server: workspace scans and settings', () => {
  let client: LspClient | undefined;
  afterEach(async () => client?.stop());

  it('announces the start-up scan before its diagnostics and its complete result after them, once, even when the editor sends its settings meanwhile', async () => {
    const a = folder(publicAcl);
    client = new LspClient();
    await client.initialize(URI.file(a.dir).toString());
    // What VS Code does at start: a configuration notification right after `initialized`.
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.scanned();
    await client.diagnostics(a.uri, (p) => p.diagnostics.length > 0);
    await settle();
    assert.equal(count(client, 'perimeter/scanning'), 1, client.events.join('\n'));
    assert.equal(count(client, 'perimeter/scanned'), 1, client.events.join('\n'));
    assert.equal(count(client, 'progress begin'), 1);
    const e = client.events;
    assert.ok(e.indexOf('perimeter/scanning') < e.indexOf(`publish ${a.uri}`), e.join('\n'));
    assert.ok(e.lastIndexOf(`publish ${a.uri}`) < e.indexOf('perimeter/scanned'), e.join('\n'));
  });

  it('registers for the perimeter section only; repeated or unrelated configuration notifications do not rescan, a Perimeter change rescans once', async () => {
    const a = folder(publicAcl);
    client = new LspClient();
    await client.initialize(URI.file(a.dir).toString());
    await client.scanned();
    const reg = client.registrations.filter((r) => r.method === DidChangeConfigurationNotification.method);
    assert.deepEqual(reg.map((r) => r.registerOptions), [{ section: 'perimeter' }]);

    // Another extension's setting changed: the perimeter settings are the same.
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { editor: { minimap: { enabled: false } } } });
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await settle();
    assert.equal(count(client, 'perimeter/scanning'), 1, client.events.join('\n'));

    client.settings = { rules: { 'aws-s3-public-acl': 'off' } };
    // Sent twice, as two registrations of one section would.
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.scanned(10_000, 2);
    await client.diagnostics(a.uri, (p) => !p.diagnostics.some((d) => d.code === 'aws-s3-public-acl'));
    await settle();
    assert.equal(count(client, 'perimeter/scanned'), 2, client.events.join('\n'));
  });

  it('analyses every workspace folder, honours folders added and removed', async () => {
    const a = folder(clean);
    const b = folder(publicAcl);
    const c = folder(publicAcl);
    client = new LspClient();
    await client.initialize([URI.file(a.dir).toString(), URI.file(b.dir).toString()]);
    await client.scanned();
    const inB = await client.diagnostics(b.uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(inB.diagnostics.map((d) => d.code), ['aws-s3-public-acl']);
    assert.deepEqual(client.notifications.find((n) => n.method === 'perimeter/scanned')!.params, { modules: 2, findings: 1 });

    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: URI.file(c.dir).toString(), name: 'c' }], removed: [{ uri: URI.file(b.dir).toString(), name: 'b' }] },
    });
    await client.diagnostics(c.uri, (p) => p.diagnostics.some((d) => d.code === 'aws-s3-public-acl'));
    await client.diagnostics(b.uri, (p) => p.diagnostics.length === 0);

    // A full scan now covers a and c, not b.
    const r = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'perimeter.server.scanWorkspace', arguments: [] });
    assert.deepEqual(r, { modules: 2, findings: 1 });
  });

  it('shows severities at the levels perimeter.severityLevels gives, leads each message with its severity, and warns once about an unknown rule id', async () => {
    const a = folder(publicAcl);
    client = new LspClient();
    client.settings = { severityLevels: { high: 'hint' }, rules: { 'aws-s3-public-acll': 'off' } };
    await client.initialize(URI.file(a.dir).toString());
    await client.scanned();
    const p = await client.diagnostics(a.uri, (x) => x.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity, (d.message as string).startsWith('[high] ')]), [['aws-s3-public-acl', 4, true]]);
    const warnings = () => client!.notifications.filter((n) => n.method === 'window/showMessage').map((n) => (n.params as { message: string }).message);
    assert.equal(warnings().filter((m) => m.includes('unknown rule "aws-s3-public-acll"')).length, 1, warnings().join('\n'));

    // Back to the default levels: high is an error again; the warning is not repeated.
    client.settings = { rules: { 'aws-s3-public-acll': 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.diagnostics(a.uri, (x) => x.diagnostics.some((d) => d.severity === 1));
    assert.equal(warnings().filter((m) => m.includes('unknown rule')).length, 1, warnings().join('\n'));
  });

  it('"Baseline current findings" records them; they show as hints, a new finding as a problem', async () => {
    const a = folder(publicAcl);
    client = new LspClient();
    await client.initialize(URI.file(a.dir).toString());
    await client.scanned();
    await client.diagnostics(a.uri, (x) => x.diagnostics.length === 1 && x.diagnostics[0].severity === 1);
    const written = (await client.connection.sendRequest('perimeter/writeBaseline')) as { file: string; findings: number }[];
    assert.deepEqual(written, [{ file: path.join(a.dir, '.perimeter-baseline.json'), findings: 1 }]);
    const baseline = JSON.parse(fs.readFileSync(path.join(a.dir, '.perimeter-baseline.json'), 'utf8')) as { findings: { ruleId: string }[] };
    assert.deepEqual(baseline.findings.map((f) => f.ruleId), ['aws-s3-public-acl']);
    const hinted = await client.diagnostics(a.uri, (x) => x.diagnostics.length === 1 && x.diagnostics[0].severity === 4);
    assert.match(hinted.diagnostics[0].message as string, /^\[high, in the baseline\] /);

    // A new public bucket above the old one (the old one moves down two lines): only the new one is a problem.
    const text = 'resource "aws_s3_bucket_acl" "n" {\n  bucket = "n"\n  acl    = "public-read-write"\n}\n\n' + publicAcl;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: a.uri, languageId: 'terraform', version: 1, text } });
    const both = await client.diagnostics(a.uri, (x) => x.diagnostics.length === 2);
    assert.deepEqual(both.diagnostics.map((d) => [d.range.start.line, d.severity]).sort(), [[2, 1], [7, 4]]);
  });

  it('reads each folder\'s own .perimeter.json', async () => {
    const a = folder(publicAcl);
    const b = folder(publicAcl);
    fs.writeFileSync(path.join(b.dir, '.perimeter.json'), JSON.stringify({ rules: { 'aws-s3-public-acl': 'off' } }));
    client = new LspClient();
    await client.initialize([URI.file(a.dir).toString(), URI.file(b.dir).toString()]);
    await client.scanned();
    await client.diagnostics(a.uri, (p) => p.diagnostics.some((d) => d.code === 'aws-s3-public-acl'));
    const inB = await client.diagnostics(b.uri, () => true);
    assert.deepEqual(inB.diagnostics.map((d) => d.code), []);
  });

  it('lets file() read inside any workspace folder, not outside them', async () => {
    const wildcard = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const a = folder(clean);
    const elsewhere = tempDir();
    fs.writeFileSync(path.join(a.dir, 'policy.json'), wildcard);
    fs.writeFileSync(path.join(elsewhere, 'policy.json'), wildcard);
    const slash = (p: string) => p.split(path.sep).join('/');
    const b = folder(
      `resource "aws_iam_policy" "in" {\n  policy = file("${slash(path.join(a.dir, 'policy.json'))}")\n}\n\n` +
        `resource "aws_iam_policy" "out" {\n  policy = file("${slash(path.join(elsewhere, 'policy.json'))}")\n}\n`,
    );
    client = new LspClient();
    // The module that reads is in the first folder, the policy it reads in the second.
    await client.initialize([URI.file(b.dir).toString(), URI.file(a.dir).toString()]);
    await client.scanned();
    const inside = await client.diagnostics(URI.file(path.join(a.dir, 'policy.json')).toString(), (x) => x.diagnostics.length > 0);
    assert.ok(inside.diagnostics.some((d) => d.code === 'aws-iam-wildcard-action'), JSON.stringify(inside.diagnostics));
    assert.ok(!client.events.includes(`publish ${URI.file(path.join(elsewhere, 'policy.json')).toString()}`), client.events.join('\n'));
  });

  it('answers Scan Workspace with the complete result, and lists every rule for the documentation picker', async () => {
    const a = folder(publicAcl);
    client = new LspClient();
    await client.initialize(URI.file(a.dir).toString());
    const r = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'perimeter.server.scanWorkspace', arguments: [] });
    assert.deepEqual(r, { modules: 1, findings: 1 });
    const rules = (await client.connection.sendRequest('perimeter/rules')) as { id: string; title: string; severity: string }[];
    const dirs = fs
      .readdirSync(path.join(ROOT, 'rules'))
      .filter((d) => fs.existsSync(path.join(ROOT, 'rules', d, 'rule.ts')))
      .sort();
    assert.deepEqual(rules.map((x) => x.id), dirs);
    assert.ok(rules.every((x) => x.title && x.severity));
  });
});
