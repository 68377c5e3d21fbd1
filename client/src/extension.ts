import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { SERVER_ENVIRONMENT } from './server-environment';

// The client is thin: it starts the language server, forwards commands and shows status.
// Every decision about Terraform is made in the server.
let client: LanguageClient | undefined;
let status: vscode.StatusBarItem | undefined;
let output: vscode.LogOutputChannel | undefined;
/** True from start-up (or a rescan) until the server reports a complete workspace scan. */
let scanning = false;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Perimeter', { log: true });
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = 'workbench.actions.view.problems';
  status.name = 'Perimeter';
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand('perimeter.scanWorkspace', async () => {
      // The server's own command id differs: vscode-languageclient registers server commands
      // in the editor, and two registrations of one id make activation fail.
      if (!client) return;
      const r = await client.sendRequest<{ modules: number; findings: number } | null>('workspace/executeCommand', { command: 'perimeter.server.scanWorkspace', arguments: [] });
      if (r) void vscode.window.showInformationMessage(`Perimeter: workspace scanned: ${r.modules} module${r.modules === 1 ? '' : 's'}, ${r.findings} finding${r.findings === 1 ? '' : 's'}.`);
    }),
    vscode.commands.registerCommand('perimeter.baselineWorkspace', async () => {
      const written = await client?.sendRequest<{ file: string; findings: number }[]>('perimeter/writeBaseline');
      for (const w of written ?? []) {
        void vscode.window.showInformationMessage(`Perimeter: ${w.findings} finding${w.findings === 1 ? '' : 's'} recorded in ${w.file}; they now show as hints, new findings as problems.`);
      }
    }),
    vscode.commands.registerCommand('perimeter.restartServer', async () => {
      await client?.restart();
      output?.appendLine('Perimeter language server restarted.');
    }),
    vscode.commands.registerCommand('perimeter.showRuleDocumentation', async (ruleId?: string) => {
      const id = ruleId ?? (await pickRule());
      if (!id) return;
      const doc = vscode.Uri.file(context.asAbsolutePath(path.join('rules', id, 'README.md')));
      await vscode.commands.executeCommand('markdown.showPreview', doc);
    }),
    vscode.commands.registerCommand('perimeter.exportSarif', async () => {
      const sarif = await client?.sendRequest<string>('perimeter/sarif');
      if (!sarif) return;
      const target = await vscode.window.showSaveDialog({ filters: { SARIF: ['sarif', 'json'] }, defaultUri: defaultSarifUri() });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, Buffer.from(sarif, 'utf8'));
      void vscode.window.showInformationMessage(`Perimeter: SARIF report written to ${target.fsPath}`);
    }),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('perimeter.enable')) await (isEnabled() ? start(context) : stop());
    }),
  );
  if (isEnabled()) await start(context);
}

function isEnabled(): boolean {
  return vscode.workspace.getConfiguration('perimeter').get<boolean>('enable', true);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  if (client) return;
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env: SERVER_ENVIRONMENT } },
    debug: { module, transport: TransportKind.ipc, options: { env: SERVER_ENVIRONMENT, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', language: 'terraform-vars' },
      { scheme: 'file', pattern: '**/*.{tf,tfvars}' },
      // Policy documents read by file(): analysed as typed, with hovers and fixes, and
      // completion while they are written. The server ignores a JSON file no module reads.
      { scheme: 'file', language: 'json' },
      // An unsaved tab set to Terraform is analysed as a module of its own.
      { scheme: 'untitled', language: 'terraform' },
    ],
    // No configurationSection: the server registers for the `perimeter` section itself (a
    // second registration would send every change twice) and pulls the settings it needs.
    synchronize: {
      // Policy .json files read with file() and .perimeter.json matter too.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.tf,*.tfvars,*.json}'),
    },
    outputChannel: output,
    // A plain channel for `perimeter.trace.server`: the log channel above would hide the
    // trace unless its log level were also set to Trace.
    traceOutputChannel: traceChannel(),
    initializationFailedHandler: (e) => {
      output?.appendLine(`Perimeter could not start: ${String(e)}`);
      return false;
    },
  };
  client = new LanguageClient('perimeter', 'Perimeter', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.oldState === State.Running && e.newState === State.Starting) {
      output?.appendLine('The Perimeter language server stopped unexpectedly and is being restarted.');
      void vscode.window.showWarningMessage('Perimeter: the language server stopped unexpectedly and was restarted. Details are in the Perimeter output.');
    }
  });
  // Registered before start: a small workspace is scanned before start() returns.
  client.onNotification('perimeter/scanning', () => {
    scanning = true;
    updateStatus();
  });
  client.onNotification('perimeter/scanned', (p: { modules: number; findings: number }) => {
    scanning = false;
    output?.appendLine(`Workspace scan: ${p.modules} modules, ${p.findings} findings.`);
    updateStatus();
  });
  scanning = true;
  updateStatus();
  status!.show();
  await client.start();
}

async function stop(): Promise<void> {
  await client?.stop();
  client = undefined;
  scanning = false;
  status?.hide();
}

function updateStatus(): void {
  if (!status || !client) return;
  let count = 0;
  // Findings only: the information marks of blocks Perimeter could not read have no rule id.
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) count += diagnostics.filter((d) => d.source === 'perimeter' && d.code !== undefined).length;
  if (scanning) {
    // Until the first complete result, "no findings" would be a claim nobody checked.
    status.text = count ? `$(sync~spin) Perimeter: scanning… ${count} so far` : '$(sync~spin) Perimeter: scanning…';
    status.tooltip = 'Perimeter is scanning the workspace';
    return;
  }
  status.text = count ? `$(shield) Perimeter: ${count}` : '$(shield) Perimeter: no findings';
  status.tooltip = count ? `${count} Perimeter finding${count === 1 ? '' : 's'} in the workspace: show Problems` : 'Perimeter found nothing to report';
}

/** Every rule (from the server), those with findings in the workspace first. */
async function pickRule(): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'perimeter' || !d.code) continue;
      const id = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const rules = (await client?.sendRequest<{ id: string; title: string; severity: string }[]>('perimeter/rules')) ?? [];
  const items = rules
    .map((r) => ({ label: r.id, description: r.title, detail: counts.has(r.id) ? `${r.severity}: ${counts.get(r.id)} in the workspace` : r.severity, n: counts.get(r.id) ?? 0 }))
    .sort((a, b) => Number(b.n > 0) - Number(a.n > 0) || a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Rule', matchOnDescription: true });
  return picked?.label;
}

/**
 * The channel `perimeter.trace.server` writes to. vscode-languageclient logs the trace at
 * the Trace level of a log channel, which VS Code hides unless that channel's level is set
 * to Trace as well: this one shows every line it is given, so the setting alone is enough.
 */
function traceChannel(): vscode.LogOutputChannel {
  const plain = vscode.window.createOutputChannel('Perimeter Language Server Trace');
  const write = (message: string) => plain.appendLine(message);
  return Object.assign(plain, {
    logLevel: vscode.LogLevel.Trace,
    onDidChangeLogLevel: new vscode.EventEmitter<vscode.LogLevel>().event,
    trace: write,
    debug: write,
    info: write,
    warn: write,
    error: (e: string | Error) => write(typeof e === 'string' ? e : (e.stack ?? e.message)),
  });
}

function defaultSarifUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, 'perimeter.sarif') : undefined;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
