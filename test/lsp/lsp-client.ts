import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers';

/** Drives the bundled server over stdio, as an editor would. */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly proc: ChildProcess;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  stderr = '';

  constructor() {
    this.proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe' });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.connection.listen();
  }

  async initialize(rootUri: string | null = null): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: null });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves with the diagnostics for `uri` once `accept` holds for them. */
  async diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.latest.get(uri);
      if (p && accept(p)) return p;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(p)}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The process may already be gone; killing it below is enough.
    }
    this.connection.dispose();
    this.proc.kill();
  }
}
