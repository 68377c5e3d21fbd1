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
  WorkDoneProgressCreateRequest,
  ConfigurationRequest,
  RegistrationRequest,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers';

/** Drives the bundled server over stdio, as an editor would. */
export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly proc: ChildProcess;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];
  stderr = '';
  /** `$/progress` values received, in order (begin/report/end kinds). */
  readonly progress: string[] = [];
  /** Custom notifications by method. */
  readonly notifications: { method: string; params: unknown }[] = [];
  settings: Record<string, unknown> = {};
  /** Everything the server sent, in order: notification methods and `publish <uri>`. */
  readonly events: string[] = [];
  /** Registrations the server asked for. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];

  /** `env`: the server's environment (this process's by default). */
  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe', env });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p);
      this.events.push(`publish ${p.uri}`);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.method, () => null);
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.method, (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
      this.progress.push(p.value.kind);
      this.events.push(`progress ${p.value.kind}`);
    });
    for (const method of ['perimeter/scanning', 'perimeter/scanned', 'window/showMessage']) {
      this.connection.onNotification(method, (params: unknown) => {
        this.notifications.push({ method, params });
        this.events.push(method);
      });
    }
    this.connection.listen();
  }

  /** Starts the session with one workspace folder (a URI), several, or none. */
  async initialize(rootUri: string | readonly string[] | null = null): Promise<void> {
    const folders = rootUri === null ? [] : typeof rootUri === 'string' ? [rootUri] : rootUri;
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ?? null,
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } } },
      workspaceFolders: folders.length ? folders.map((uri, i) => ({ uri, name: `ws${i}` })) : null,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Resolves once the server reports `count` complete workspace scans (the start-up scan by default). */
  async scanned(timeoutMs = 10_000, count = 1): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.notifications.filter((n) => n.method === 'perimeter/scanned').length < count) {
      if (Date.now() > deadline) throw new Error(`no workspace scan; stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
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

  /** The latest diagnostics published for every URI so far. */
  allDiagnostics(): ReadonlyMap<string, PublishDiagnosticsParams> {
    return this.latest;
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
