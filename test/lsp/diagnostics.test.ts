import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { type CodeAction, CodeActionRequest, HoverRequest, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { tempDir } from '../helpers';
import { LspClient } from './lsp-client';

describe('language server over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(async () => client.stop());

  it('analyses an untitled Terraform tab as a module of its own, with fixes, and forgets it when closed', async () => {
    const uri = 'untitled:Untitled-1';
    const text = 'resource "aws_s3_bucket_acl" "b" {\n  bucket = "x"\n  acl    = "public-read"\n}\n';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    const p = await client.diagnostics(uri, (x) => x.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.range.start.line]), [['aws-s3-public-acl', 2]]);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: p.diagnostics[0].range,
      context: { diagnostics: p.diagnostics },
    })) as CodeAction[];
    const edited = actions.flatMap((a) => Object.keys(a.edit?.changes ?? {}));
    assert.ok(edited.length > 0 && edited.every((u) => u === uri), JSON.stringify(edited));
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await client.diagnostics(uri, (x) => x.diagnostics.length === 0);
  });

  it('treats a policy .json read by file() as a document of its own: analysed as typed, hover, code actions that keep it JSON', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_iam_policy" "p" {\n  policy = file("${path.module}/policy.json")\n}\n');
    const json = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:*", "Resource": "*" }\n  ]\n}\n';
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(file, json);
    const tfUri = URI.file(path.join(dir, 'main.tf')).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: tfUri, languageId: 'terraform', version: 1, text: fs.readFileSync(path.join(dir, 'main.tf'), 'utf8') },
    });
    const uri = URI.file(file).toString();
    const found = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'aws-iam-wildcard-action'));
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text: json } });
    const d = found.diagnostics.find((x) => x.code === 'aws-iam-wildcard-action')!;
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start })) as { contents: { value: string } } | null;
    assert.ok(hover && /wildcard/i.test(hover.contents.value), JSON.stringify(hover));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    // JSON cannot hold a comment: "suppress" writes into the Terraform block that reads the file.
    const tfText = fs.readFileSync(path.join(dir, 'main.tf'), 'utf8');
    assert.deepEqual(actions.map((a) => [a.title, Object.keys(a.edit?.changes ?? {})]), [['Suppress aws-iam-wildcard-action where main.tf reads this file (with a reason)', [tfUri]]]);
    const [edit] = actions[0].edit!.changes![tfUri];
    assert.deepEqual(edit.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
    const suppressed = tfText.replace('  policy', `${edit.newText.replace('TODO: reason', 'reviewed: read-only bucket')}  policy`);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: tfUri, version: 2 }, contentChanges: [{ text: suppressed }] });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: tfUri, version: 3 }, contentChanges: [{ text: tfText }] });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 1);
    // Typed, not saved: the finding goes at once.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: json.replace('"s3:*"', '"s3:GetObject"').replace('"Resource": "*"', '"Resource": "arn:aws:s3:::b/*"') }],
    });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  });

  it('publishes a diagnostic on open, and clears it when the edit removes the key', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.tf');
    const text = 'provider "aws" {\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n';
    fs.writeFileSync(file, text);
    const uri = URI.file(file).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'terraform', version: 1, text },
    });
    const first = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(first.diagnostics.length, 1);
    const d = first.diagnostics[0];
    assert.equal(d.code, 'aws-provider-static-credentials');
    assert.equal(d.source, 'perimeter');
    assert.deepEqual(d.range, { start: { line: 1, character: 15 }, end: { line: 1, character: 37 } });
    assert.ok(!JSON.stringify(d.message).includes('IOSFODNN7EXAMPLE'));

    // Replace the literal with a variable reference, as a user would type it.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 15 }, end: { line: 1, character: 37 } }, text: 'var.key' }],
    });
    const second = await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(second.diagnostics, []);
  });

  it('points at the argument a variable default flows into (relatedInformation)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.tf');
    const text = 'variable "key" {\n  default = "AKIAIOSFODNN7EXAMPLE"\n}\n\nprovider "aws" {\n  access_key = var.key\n}\n';
    fs.writeFileSync(file, text);
    const uri = URI.file(file).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    const p = await client.diagnostics(uri, (x) => x.diagnostics.length > 0);
    const d = p.diagnostics.find((x) => x.code === 'aws-provider-static-credentials')!;
    assert.equal(d.range.start.line, 1);
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 5);
    assert.match(d.relatedInformation![0].message, /access_key of provider "aws" receives this value/);
  });

  it('shows a policy document read by two resources as one diagnostic naming both, as the CLI does', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.tf');
    const text =
      'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:*"]\n    resources = ["*"]\n  }\n}\n\n' +
      'resource "aws_iam_policy" "a" {\n  policy = data.aws_iam_policy_document.d.json\n}\n\n' +
      'resource "aws_iam_role_policy" "b" {\n  role   = "r"\n  policy = data.aws_iam_policy_document.d.json\n}\n';
    fs.writeFileSync(file, text);
    const uri = URI.file(file).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    const p = await client.diagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'aws-iam-wildcard-action'));
    const got = p.diagnostics.filter((d) => d.code === 'aws-iam-wildcard-action');
    assert.equal(got.length, 1);
    assert.equal(got[0].range.start.line, 2);
    assert.match(got[0].message as string, /^\[high\] aws_iam_policy\.a allows "s3:\*".*\(also used by aws_iam_role_policy\.b\)$/);
    assert.deepEqual(
      got[0].relatedInformation?.map((r) => [r.message, r.location.range.start.line]),
      [
        ['aws_iam_policy.a uses it here', 8],
        ['aws_iam_role_policy.b uses it here', 13],
      ],
    );
  });

  it('keeps serving after a half-typed file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.tf');
    const text = 'provider "aws" {\n  region =\n  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n';
    const uri = URI.file(file).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'terraform', version: 1, text },
    });
    const p = await client.diagnostics(uri, () => true);
    assert.ok(Array.isArray(p.diagnostics));
  });
});
