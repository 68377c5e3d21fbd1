import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { URI } from 'vscode-uri';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializeRequest,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { tempDir } from '../helpers';
import { LspClient } from './lsp-client';

/**
 * Policy authoring over stdio, in every policy form: completion, hover, the name checks'
 * diagnostics and quick fixes, and the wildcard code actions. Every edit the server proposes
 * is applied and the result parsed by HashiCorp's parser (.tf) or JSON.parse (.json), and the
 * policy inside read back as JSON.
 */
function offsetOf(text: string, p: { line: number; character: number }): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
  return o + p.character;
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  return [...edits]
    .sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start))
    .reduce((t, e) => t.slice(0, offsetOf(t, e.range.start)) + e.newText + t.slice(offsetOf(t, e.range.end)), text);
}

/** Every policy form, one per file; `$` marks where the name being written goes. */
const FORMS: Record<string, { file: string; text: string }> = {
  jsonencode: {
    file: 'jsonencode.tf',
    text: 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["s3:ListBucket", "$"]\n      Resource = "*"\n    }]\n  })\n}\n',
  },
  heredoc: {
    file: 'heredoc.tf',
    text: 'resource "aws_iam_policy" "p" {\n  policy = <<-EOT\n    {\n      "Statement": [\n        {\n          "Effect": "Allow",\n          "Action": [\n            "s3:ListBucket",\n            "$"\n          ],\n          "Resource": "*"\n        }\n      ]\n    }\n  EOT\n}\n',
  },
  quoted: {
    file: 'quoted.tf',
    text: 'resource "aws_iam_policy" "p" {\n  policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": [\\"$\\"], \\"Resource\\": \\"*\\"}]}"\n}\n',
  },
  document: {
    file: 'document.tf',
    text: 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["$"]\n    resources = ["*"]\n  }\n}\n\nresource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.d.json\n}\n',
  },
  file: {
    file: 'policy.json',
    text: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "$",\n      "Resource": "*"\n    }\n  ]\n}\n',
  },
};

const written = (form: string, name: string) => FORMS[form].text.replace('$', name);

/** The policy's statements, read as Terraform / AWS would read the file. */
async function policyOf(form: string, text: string): Promise<{ Action?: unknown; actions?: unknown }[]> {
  if (form === 'file') return JSON.parse(text).Statement;
  const doc = (await hcl2json(FORMS[form].file, text)) as Record<string, Record<string, Record<string, Record<string, unknown>[]>>>;
  if (form === 'document') return doc.data.aws_iam_policy_document.d[0].statement as { actions: unknown }[];
  const policy = doc.resource.aws_iam_policy.p[0].policy as string;
  // jsonencode(...) comes back as an interpolation of HCL: its object is what was written.
  if (form === 'jsonencode') return [{ Action: policy }];
  return JSON.parse(policy).Statement;
}

describe('language server: policy authoring in every form', () => {
  let client: LspClient;
  let dir: string;
  // One module per form: the forms reuse resource names.
  const uriOf = (form: string) => URI.file(path.join(dir, form, FORMS[form].file)).toString();

  before(async () => {
    dir = tempDir();
    // On disk: a typo in each form, for the diagnostics.
    for (const form of Object.keys(FORMS)) {
      fs.mkdirSync(path.join(dir, form));
      fs.writeFileSync(path.join(dir, form, FORMS[form].file), written(form, 's3:GetObjct'));
    }
    fs.writeFileSync(path.join(dir, 'file', 'main.tf'), 'resource "aws_iam_role_policy" "f" {\n  role   = "r"\n  policy = file("${path.module}/policy.json")\n}\n');
    client = new LspClient();
    await client.initialize(URI.file(dir).toString());
    await client.scanned();
  });
  after(async () => client.stop());

  it('announces completion with its trigger characters', async () => {
    const c = new LspClient();
    const init = await c.connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
    await c.stop();
    assert.deepEqual(init.capabilities.completionProvider?.triggerCharacters, [':', '"']);
  });

  it('reports an unknown action in each form as a warning, with a "did you mean" quick fix that parses', async () => {
    for (const form of Object.keys(FORMS)) {
      const uri = uriOf(form);
      const p = await client.diagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'aws-iam-unknown-action'));
      const d = p.diagnostics.find((x) => x.code === 'aws-iam-unknown-action') as Diagnostic;
      assert.equal(d.severity, 2, form);
      assert.match(typeof d.message === 'string' ? d.message : d.message.value, /"s3:GetObjct" is not an action of Amazon S3 in the AWS catalogue of \d{4}-\d{2}-\d{2}.*Did you mean "s3:GetObject"\?/, form);
      const text = fs.readFileSync(URI.parse(uri).fsPath, 'utf8');
      assert.equal(text.slice(offsetOf(text, d.range.start), offsetOf(text, d.range.end)), 's3:GetObjct', `${form}: the range is the name`);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      const fix = actions.find((a) => a.title === 'Replace with "s3:GetObject"');
      assert.ok(fix, `${form}: ${actions.map((a) => a.title).join(' | ')}`);
      const fixed = applyTextEdits(text, fix.edit!.changes![uri]);
      assert.equal(fixed, written(form, 's3:GetObject'), form);
      assert.match(JSON.stringify(await policyOf(form, fixed)), /s3:GetObject/);
    }
  });

  it('reports an unknown condition key and operator, with the operator\'s quick fix', async () => {
    const file = path.join(dir, 'conditions', 'main.tf');
    fs.mkdirSync(path.dirname(file));
    const text =
      'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n    condition {\n      test     = "StringEqual"\n      variable = "aws:SecureTransprt"\n      values   = ["x"]\n    }\n  }\n}\n';
    fs.writeFileSync(file, text);
    const uri = URI.file(file).toString();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    const p = await client.diagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'aws-iam-unknown-condition-key') && d.diagnostics.some((x) => x.code === 'aws-iam-condition-operator-mismatch'));
    const op = p.diagnostics.find((x) => x.code === 'aws-iam-condition-operator-mismatch')!;
    assert.equal(op.severity, 2);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: op.range, context: { diagnostics: [op] } })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Replace with "StringEquals"')!;
    assert.match(applyTextEdits(text, fix.edit!.changes![uri]), /test {5}= "StringEquals"/);
  });

  it('completes s3:GetOb to s3:GetObject in each form, keeping the quoting; the result parses', async () => {
    for (const form of Object.keys(FORMS)) {
      const uri = uriOf(form);
      const text = written(form, 's3:GetOb');
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: form === 'file' ? 'json' : 'terraform', version: 1, text } });
      const position = positionOf(text, FORMS[form].text.indexOf('$') + 's3:GetOb'.length);
      const result = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList;
      const item = result.items.find((i: CompletionItem) => i.label === 's3:GetObject');
      assert.ok(item, `${form}: ${result.items.length} items`);
      assert.equal(item.detail, 'Read');
      const resolved = (await client.connection.sendRequest(CompletionResolveRequest.type, item)) as CompletionItem;
      assert.match(JSON.stringify(resolved.documentation), /retrieve objects/i, form);
      const completed = applyTextEdits(text, [item.textEdit as TextEdit]);
      assert.equal(completed, written(form, 's3:GetObject'), form);
      await policyOf(form, completed);
    }
  });

  it('completes in a half-typed string and closes it; service prefixes come first', async () => {
    const uri = uriOf('jsonencode');
    const text = FORMS.jsonencode.text.replace('"$"]', '"s3:GetOb');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const position = positionOf(text, text.indexOf('s3:GetOb') + 's3:GetOb'.length);
    const result = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionList;
    const item = result.items.find((i) => i.label === 's3:GetObject')!;
    assert.equal((item.textEdit as TextEdit).newText, 's3:GetObject"');
    const services = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, text.indexOf('s3:GetOb') + 1),
    })) as CompletionList;
    const s3 = services.items.find((i) => i.label === 's3')!;
    assert.equal((s3.textEdit as TextEdit).newText, 's3:');
    assert.equal(s3.command?.command, 'editor.action.triggerSuggest');
  });

  it('completes condition operators and keys', async () => {
    const uri = uriOf('document');
    const text =
      'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:PutObject"]\n    resources = ["*"]\n    condition {\n      test     = "Bo"\n      variable = "aws:Secure"\n      values   = ["true"]\n    }\n  }\n}\n';
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    const ops = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, text.indexOf('"Bo"') + 3) })) as CompletionList;
    assert.ok(ops.items.some((i) => i.label === 'Bool' && (i.textEdit as TextEdit).newText === 'Bool'));
    const keys = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, text.indexOf('aws:Secure') + 10) })) as CompletionList;
    const key = keys.items.find((i) => i.label === 'aws:SecureTransport')!;
    assert.equal(key.detail, 'Bool (global)');
    assert.equal(applyTextEdits(text, [key.textEdit as TextEdit]).includes('variable = "aws:SecureTransport"'), true);
  });

  it('hovers an action pattern with its matches by access level and the catalogue date, in each form', async () => {
    for (const form of Object.keys(FORMS)) {
      const uri = uriOf(form);
      const text = written(form, 's3:*Object');
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 10 }, contentChanges: [{ text }] });
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, FORMS[form].text.indexOf('$') + 4) });
      const value = (hover?.contents as { value: string }).value;
      assert.match(value, /`s3:\*Object`\*\* matches \d+ actions today/, form);
      assert.match(value, /\*\*Read\*\* \(\d+\)/, form);
      assert.match(value, /\*\*Write\*\* \(\d+\)/, form);
      assert.match(value, /AWS catalogue of \d{4}-\d{2}-\d{2}/, form);
    }
  });

  it('offers the expansion and the read-and-list narrowing of a wildcard in each form; both parse', async () => {
    for (const form of Object.keys(FORMS)) {
      const uri = uriOf(form);
      const text = written(form, 's3:*Object');
      const position = positionOf(text, FORMS[form].text.indexOf('$') + 4);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } })) as CodeAction[];
      const expand = actions.find((a) => /^Replace "s3:\*Object" with the \d+ actions it matches today$/.test(a.title));
      const narrow = actions.find((a) => /^Narrow "s3:\*Object" to its \d+ read and list actions?/.test(a.title));
      assert.ok(expand && narrow, `${form}: ${actions.map((a) => a.title).join(' | ')}`);
      for (const a of [expand, narrow]) {
        assert.equal(a.kind, 'refactor.rewrite');
        const after = applyTextEdits(text, a.edit!.changes![uri]);
        const policy = JSON.stringify(await policyOf(form, after));
        assert.match(policy, /s3:GetObject/, form);
        assert.ok(!after.includes('s3:*Object'), form);
        // Only the pattern's text changed: the rest of the file is the author's.
        const start = FORMS[form].text.indexOf('$') - (form === 'quoted' ? 2 : 1);
        assert.equal(after.slice(0, start), text.slice(0, start), form);
      }
      assert.ok(applyTextEdits(text, expand.edit!.changes![uri]).includes('s3:PutObject'), form);
      assert.ok(!applyTextEdits(text, narrow.edit!.changes![uri]).includes('s3:PutObject'), form);
    }
  });
});
