import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node';

// The client is thin: it starts the language server, forwards commands and shows status.
// Every decision about Terraform is made in the server.
let client: LanguageClient | undefined;
let status: vscode.StatusBarItem | undefined;
let output: vscode.LogOutputChannel | undefined;

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
      await client?.sendRequest('workspace/executeCommand', { command: 'perimeter.server.scanWorkspace', arguments: [] });
    }),
    vscode.commands.registerCommand('perimeter.restartServer', async () => {
      await client?.restart();
      output?.appendLine('Perimeter language server restarted.');
    }),
    vscode.commands.registerCommand('perimeter.showRuleDocumentation', async (ruleId?: string) => {
      const id = ruleId ?? (await pickRuleFromDiagnostics());
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
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', language: 'terraform-vars' },
      { scheme: 'file', pattern: '**/*.{tf,tfvars}' },
    ],
    synchronize: {
      configurationSection: 'perimeter',
      // Policy .json files read with file() and .perimeter.json matter too.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.tf,*.tfvars,*.json}'),
    },
    outputChannel: output,
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
  status!.text = '$(shield) Perimeter: scanning…';
  status!.show();
  await client.start();
  client.onNotification('perimeter/scanned', (p: { modules: number; findings: number }) => {
    output?.appendLine(`Workspace scan: ${p.modules} modules, ${p.findings} findings.`);
    updateStatus();
  });
}

async function stop(): Promise<void> {
  await client?.stop();
  client = undefined;
  status?.hide();
}

function updateStatus(): void {
  if (!status || !client) return;
  let count = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) count += diagnostics.filter((d) => d.source === 'perimeter').length;
  status.text = count ? `$(shield) Perimeter: ${count}` : '$(shield) Perimeter: no findings';
  status.tooltip = count ? `${count} Perimeter finding${count === 1 ? '' : 's'} in the workspace: show Problems` : 'Perimeter found nothing to report';
}

async function pickRuleFromDiagnostics(): Promise<string | undefined> {
  const ids = new Set<string>();
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) if (d.source === 'perimeter' && d.code) ids.add(typeof d.code === 'object' ? String(d.code.value) : String(d.code));
  }
  return vscode.window.showQuickPick([...ids].sort(), { placeHolder: 'Rule' });
}

function defaultSarifUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, 'perimeter.sarif') : undefined;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
