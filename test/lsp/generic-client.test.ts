import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { ROOT, tempDir } from '../helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const BIN = path.join(ROOT, pkg.bin['perimeter-language-server']);

describe('perimeter-language-server (the bin other editors start)', () => {
  it('is executable and, started without a transport, prints usage and exits 2', () => {
    fs.accessSync(BIN, fs.constants.X_OK);
    const r = spawnSync(BIN, [], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^perimeter-language-server: no transport given\n\nUsage: perimeter-language-server --stdio/);
    assert.doesNotMatch(r.stderr, /\bat \S+ \(|Error:/, 'no stack trace');
    assert.equal(r.stdout, '');
  });

  it('--help prints usage and --version the version, both exit 0', () => {
    const help = spawnSync(BIN, ['--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--stdio/);
    const v = spawnSync(BIN, ['--version'], { encoding: 'utf8' });
    assert.equal(v.status, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('perimeter-language-server --stdio with a generic client', () => {
  // What a minimal editor client sends: no VS Code capabilities, no workspace/configuration,
  // no progress, no dynamic registration.
  let proc: ChildProcess;
  let connection: ProtocolConnection;
  let init: InitializeResult;
  const serverRequests: string[] = [];
  const published = new Map<string, PublishDiagnosticsParams>();
  let stderr = '';
  const dir = tempDir();

  before(async () => {
    proc = spawn(BIN, ['--stdio'], { stdio: 'pipe', cwd: dir });
    proc.stderr!.on('data', (d) => (stderr += d));
    connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.set(p.uri, p);
    });
    // A client that implements no server-to-client request answers each with MethodNotFound
    // (the connection's default); these three are recorded first: VS Code answers them.
    for (const method of ['workspace/configuration', 'client/registerCapability', 'window/workDoneProgress/create']) {
      connection.onRequest(method, () => {
        serverRequests.push(method);
        return new ResponseError(-32601, `unsupported: ${method}`);
      });
    }
    connection.listen();
    init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: URI.file(dir).toString(),
      capabilities: { textDocument: { publishDiagnostics: {}, synchronization: {} } },
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
    proc.kill();
  });

  it('names itself and syncs documents', () => {
    assert.equal(init.serverInfo?.name, 'perimeter');
    assert.ok(init.capabilities.textDocumentSync, 'a client must be able to send document changes');
  });

  it('pushes diagnostics for an opened file (and answers a pull if it offers one), asking nothing the client cannot answer', async () => {
    const file = path.join(dir, 'main.tf');
    const text = 'provider "aws" {\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n';
    fs.writeFileSync(file, text);
    const uri = URI.file(file).toString();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    const deadline = Date.now() + 15_000;
    while (!published.get(uri)?.diagnostics.length) {
      if (Date.now() > deadline) throw new Error(`no diagnostics pushed; stderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const pushed = published.get(uri)!.diagnostics;
    assert.deepEqual(
      pushed.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['aws-provider-static-credentials', 1, 15]],
    );
    if (init.capabilities.diagnosticProvider) {
      const pulled = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      assert.equal(pulled.kind, 'full');
      assert.deepEqual(pulled.kind === 'full' && pulled.items.map((d) => d.code), ['aws-provider-static-credentials']);
    }
    assert.deepEqual(
      serverRequests,
      [],
      'the server asked for capabilities the client did not declare',
    );
  });
});
