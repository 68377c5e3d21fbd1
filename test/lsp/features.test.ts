import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { needsShared, sharedPath, tempDir } from '../helpers';
import { LspClient } from './lsp-client';

/** Applies LSP text edits to a text (edits in one file, non-overlapping). */
function applyTextEdits(text: string, edits: TextEdit[]): string {
  const offset = (p: { line: number; character: number }) => {
    const lines = text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('language server on the corpus', needsShared('corpus', 'the corpus is the workspace'), () => {
  it('scans every corpus module as a workspace without an error', async () => {
    const corpus = sharedPath('corpus');
    const c = new LspClient();
    const logged: string[] = [];
    c.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) logged.push(p.message);
    });
    await c.initialize(URI.file(corpus).toString());
    await c.scanned(60_000);
    const scanned = c.notifications.find((n) => n.method === 'perimeter/scanned')!.params as { modules: number; findings: number };
    await c.stop();
    assert.ok(scanned.modules > 100, `${scanned.modules} modules`);
    assert.deepEqual(logged, [], 'no error was logged');
  });
});

describe('language server features over stdio', () => {
  let client: LspClient;
  let dir: string;
  const s3 = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\nresource "aws_s3_bucket_acl" "b" {\n  bucket = aws_s3_bucket.b.id\n  acl    = "public-read"\n}\n';
  const never = 'resource "aws_s3_bucket_acl" "other" {\n  bucket = "x"\n  acl    = "public-read-write"\n}\n';

  before(async () => {
    dir = tempDir();
    fs.writeFileSync(path.join(dir, 's3.tf'), s3);
    fs.mkdirSync(path.join(dir, 'other'));
    fs.writeFileSync(path.join(dir, 'other', 'main.tf'), never);
    client = new LspClient();
    await client.initialize(URI.file(dir).toString());
    await client.scanned();
  });
  after(async () => client.stop());

  it('scans the workspace on start with progress, including files never opened', async () => {
    assert.deepEqual([client.progress[0], client.progress[client.progress.length - 1]], ['begin', 'end']);
    const other = await client.diagnostics(URI.file(path.join(dir, 'other', 'main.tf')).toString(), (p) => p.diagnostics.length > 0);
    assert.deepEqual(other.diagnostics.map((d) => d.code), ['aws-s3-public-acl']);
    assert.match(String(other.diagnostics[0].codeDescription?.href), /rules\/aws-s3-public-acl\/README\.md$/);
  });

  it('hovers a finding with its title, why it matters and how to fix', async () => {
    const uri = URI.file(path.join(dir, 's3.tf')).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text: s3 } });
    await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'aws-s3-public-acl'));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 15 } });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /S3 ACL grants access to everyone/);
    assert.match(value, /Why it matters/);
    assert.match(value, /How to fix/);
    const none = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 3 } });
    assert.equal(none, null);
  });

  it('offers the quick fix and suppressions; the fix\'s edit removes the finding', async () => {
    const uri = URI.file(path.join(dir, 's3.tf')).toString();
    const diags = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'aws-s3-public-acl'));
    const d = diags.diagnostics.find((x) => x.code === 'aws-s3-public-acl')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => /Set acl to "private"/.test(t)), titles.join(' | '));
    assert.ok(titles.some((t) => /Suppress aws-s3-public-acl here/.test(t)));
    assert.ok(titles.some((t) => /Suppress aws-s3-public-acl in this file/.test(t)));
    const fix = actions.find((a) => /private/.test(a.title))!;
    const fixed = applyTextEdits(s3, fix.edit!.changes![uri]);
    assert.match(fixed, /acl {4}= "private"/);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    await client.diagnostics(uri, (p) => !p.diagnostics.some((x) => x.code === 'aws-s3-public-acl'));
    const suppress = actions.find((a) => /here/.test(a.title))!;
    assert.match(applyTextEdits(s3, suppress.edit!.changes![uri]), /\n {2}# perimeter:ignore:aws-s3-public-acl TODO: reason\n {2}acl/);
  });

  it('re-analyses the module when another of its files changes on disk', async () => {
    const uri = URI.file(path.join(dir, 's3.tf')).toString();
    await client.diagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'aws-s3-public-access-block-missing'));
    const security = path.join(dir, 'security.tf');
    fs.writeFileSync(
      security,
      'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket                  = aws_s3_bucket.b.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
    );
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: URI.file(security).toString(), type: FileChangeType.Created }] });
    await client.diagnostics(uri, (p) => !p.diagnostics.some((x) => x.code === 'aws-s3-public-access-block-missing'));
  });

  it('answers a malformed request with an error and keeps serving', async () => {
    await assert.rejects(client.connection.sendRequest('textDocument/hover', { nonsense: true }));
    const uri = URI.file(path.join(dir, 's3.tf')).toString();
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });
});
