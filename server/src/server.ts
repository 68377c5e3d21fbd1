import {
  createConnection,
  type Diagnostic,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { ALL_RULES } from '../../rules/index';
import type { Finding } from './engine/finding';
import type { Severity } from './engine/rule';
import { initHcl } from './hcl/parser';
import { LineIndex } from './hcl/span';
import { Analysis } from './lsp/analysis';

// LSP glue only: every decision about Terraform lives in the engine and its layers.
const connection = createConnection(ProposedFeatures.all);
const analysis = new Analysis(ALL_RULES);
const texts = new Map<string, string>();
const ready = initHcl();

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
};

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  },
  serverInfo: { name: 'perimeter' },
}));

function toPath(uri: string): string | undefined {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : undefined;
}

function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'perimeter',
    code: f.ruleId,
    message: f.message,
  };
}

function publishModuleOf(filePath: string): void {
  try {
    const r = analysis.analyseModuleOf(filePath);
    const byFile = new Map<string, Diagnostic[]>(r.files.map((f) => [f, []]));
    for (const f of r.findings) byFile.get(f.file)?.push(toDiagnostic(f));
    for (const [file, diagnostics] of byFile) {
      void connection.sendDiagnostics({ uri: URI.file(file).toString(), diagnostics });
    }
    for (const e of r.errors) connection.console.warn(`${e.file}: ${e.message}`);
  } catch (e) {
    // Never let one analysis crash the server: log and keep serving.
    connection.console.error(`analysis of ${filePath} failed: ${(e as Error).stack ?? e}`);
  }
}

connection.onDidOpenTextDocument(async ({ textDocument }) => {
  await ready;
  const p = toPath(textDocument.uri);
  if (!p) return;
  texts.set(p, textDocument.text);
  analysis.openDocument(p, textDocument.text);
  publishModuleOf(p);
});

connection.onDidChangeTextDocument(async ({ textDocument, contentChanges }) => {
  await ready;
  const p = toPath(textDocument.uri);
  if (!p) return;
  let text = texts.get(p) ?? '';
  const edits = [];
  for (const c of contentChanges) {
    if (!('range' in c)) {
      edits.push({ start: 0, oldEnd: text.length, newText: c.text });
      text = c.text;
      continue;
    }
    const idx = new LineIndex(text);
    const start = idx.offset(c.range.start);
    const oldEnd = idx.offset(c.range.end);
    edits.push({ start, oldEnd, newText: c.text });
    text = text.slice(0, start) + c.text + text.slice(oldEnd);
  }
  texts.set(p, text);
  analysis.changeDocument(p, edits);
  publishModuleOf(p);
});

connection.onDidCloseTextDocument(async ({ textDocument }) => {
  await ready;
  const p = toPath(textDocument.uri);
  if (!p) return;
  texts.delete(p);
  analysis.closeDocument(p);
  publishModuleOf(p);
});

connection.listen();
