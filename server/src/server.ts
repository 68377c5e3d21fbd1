import { fullCollection, minorCollection, WhenIdle } from './lsp/idle';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  type CompletionItem,
  CompletionItemKind,
  createConnection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ErrorCodes,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  type InitializeParams,
  ProposedFeatures,
  TextDocumentSyncKind,
  type WorkspaceEdit,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { ALL_RULES } from '../../rules/index';
import { ConfigError, loadConfig, mergeConfigs, type PerimeterConfig, unknownRuleIds } from './engine/config';
import { type Finding, rangesEqual, type ScanError } from './engine/finding';
import { DEFAULT_BASELINE } from './engine/baseline';
import type { Severity } from './engine/rule';
import { planFixes } from './fix/run';
import { LineIndex } from './hcl/span';
import { isInside, isTerraformFile } from './module/workspace';
import { Analysis } from './lsp/analysis';
import { ruleDoc } from './lsp/docs';
import { fixToRangeEdits, type RangeEdit, suppressFileEdit, suppressInReaderEdit, suppressLineEdit } from './lsp/edits';
import { toSarif } from './report/sarif';
import { completeAt, completionDocumentation, type CompletionItem as AuthoringItem } from './authoring/completion';
import { hoverAt } from './authoring/hover';
import { wildcardActionsAt } from './authoring/wildcard-actions';
import { didYouMeanFor } from './authoring/names';
import { saveCodeCache } from './save-code-cache';
import { version } from './version';

// LSP glue only: every decision about Terraform lives in the engine and its layers.
const connection = createConnection(ProposedFeatures.all);
const analysis = new Analysis(ALL_RULES);
const REPOSITORY = 'https://github.com/perimeter-dev/perimeter';
/** The workspace folders (every one is analysed). */
let roots: string[] = [];
let canConfigure = false;
let workDoneProgress = false;
let folderEvents = false;

/** How each severity is shown (the `perimeter.severityLevels` setting). */
const DEFAULT_LEVELS: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
};
let levels: Record<Severity, DiagnosticSeverity> = { ...DEFAULT_LEVELS };
const LEVEL_NAMES: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The levels from the setting; a value that is not a level keeps the default (and is reported once). */
function levelsFrom(setting: unknown): Record<Severity, DiagnosticSeverity> {
  const out = { ...DEFAULT_LEVELS };
  if (!setting || typeof setting !== 'object') return out;
  for (const [severity, level] of Object.entries(setting as Record<string, unknown>)) {
    if (!(severity in out)) warnOnce(`perimeter.severityLevels: "${severity}" is not a Perimeter severity (critical, high, medium, low)`);
    else if (typeof level !== 'string' || !(level in LEVEL_NAMES)) warnOnce(`perimeter.severityLevels: "${String(level)}" is not a level (error, warning, information, hint)`);
    else out[severity as Severity] = LEVEL_NAMES[level];
  }
  return out;
}

/** Configuration warnings already shown: a repeated notification does not repeat them. */
const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  showWarning(message);
}

/**
 * A warning for the user, as a notification: `showWarningMessage` is a request with
 * buttons, which a client without it answers with an error that would end the server.
 */
function showWarning(message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Perimeter: ${message}` });
}

connection.onInitialize((params: InitializeParams) => {
  roots = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
  if (!roots.length && params.rootUri) roots = [URI.parse(params.rootUri).fsPath];
  canConfigure = !!params.capabilities.workspace?.configuration;
  workDoneProgress = !!params.capabilities.window?.workDoneProgress;
  folderEvents = !!params.capabilities.workspace?.workspaceFolders;
  return {
    capabilities: {
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      // Policy authoring: action names after `"` and `service:`, condition operators and keys.
      completionProvider: { triggerCharacters: [':', '"'], resolveProvider: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.SourceFixAll, 'source.fixAll.perimeter'] },
      executeCommandProvider: { commands: ['perimeter.server.scanWorkspace'] },
    },
    serverInfo: { name: 'perimeter', version },
  };
});

connection.onInitialized(async () => {
  // Only Perimeter's own settings: any other change (the minimap) must not rescan.
  if (canConfigure) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'perimeter' });
  if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders((e) => void guard('workspaceFolders', changeFolders)(e));
  // The start-up scan: the first configuration read (here or by a configuration notification
  // that arrives meanwhile) starts it; the other finds the same configuration and does not.
  const changed = await reloadConfiguration();
  // Without a folder there is nothing to scan, but the client still learns the (empty) result.
  if (changed.length || !roots.length) await requestScan(changed);
});

/**
 * Guards every handler: a failure is logged and answered with an error response (for a
 * request), never fatal to the server.
 */
function guard<A extends unknown[], R>(name: string, f: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await f(...args);
    } catch (e) {
      connection.console.error(`${name} failed: ${(e as Error).stack ?? e}`);
      throw new ResponseError(ErrorCodes.InternalError, `Perimeter: ${name} failed: ${(e as Error).message}`);
    }
  };
}

/**
 * Untitled tabs are analysed as a module of their own: each gets a path in a folder that does
 * not exist on disk, so only its text is read (and `file()` reads nothing).
 */
const UNTITLED_ROOT = path.join(os.tmpdir(), 'perimeter-untitled-' + process.pid);
const untitledUris = new Map<string, string>();

function toPath(uri: string): string | undefined {
  const u = URI.parse(uri);
  if (u.scheme === 'file') return u.fsPath;
  if (u.scheme !== 'untitled') return undefined;
  const p = path.join(UNTITLED_ROOT, encodeURIComponent(u.path || uri), 'untitled.tf');
  untitledUris.set(p, uri);
  return p;
}

/** The URI of a path toPath gave (an untitled tab's, or a file's). */
function toUri(p: string): string {
  return untitledUris.get(p) ?? URI.file(p).toString();
}

function toDiagnostic(f: Finding, baselined = false): Diagnostic {
  return {
    range: f.range,
    // A finding the folder's baseline accepted is a hint: visible, not an error to fix now.
    severity: baselined ? DiagnosticSeverity.Hint : levels[f.severity],
    source: 'perimeter',
    code: f.ruleId,
    codeDescription: { href: f.ruleId.startsWith('perimeter-') ? `${REPOSITORY}#suppressions` : `${REPOSITORY}/blob/main/rules/${f.ruleId}/README.md` },
    // The severity leads the message: two severities may share a level (critical and high are both errors by default).
    message: `[${f.severity}${baselined ? ', in the baseline' : ''}] ${f.message}`,
    // Perimeter's own severity (critical / high / medium / low), which the level only approximates.
    data: { severity: f.severity, ...(baselined ? { baselined: true } : {}) },
    ...(f.ruleId === 'perimeter-unused-suppression' ? { tags: [1] } : {}),
    ...(f.related?.length
      ? { relatedInformation: f.related.map((r) => ({ location: { uri: toUri(r.file), range: r.range }, message: r.message })) }
      : {}),
  };
}

/** The files each module directory's last analysis published diagnostics for. */
const published = new Map<string, Set<string>>();

/** Analyses the group of modules around `dir` and publishes its diagnostics; returns its finding count. */
function publishModule(dir: string): number {
  const r = analysis.analyseModule(dir);
  const byFile = new Map<string, Diagnostic[]>(r.files.map((f) => [f, []]));
  for (const f of r.findings) byFile.get(f.file)?.push(toDiagnostic(f, r.baselined.has(f)));
  for (const e of r.blind) byFile.get(e.file)?.push(blindSpot(e));
  // Files the group published before but not now: a module that left the group is analysed
  // on its own again; any other file (a policy .json no longer read) is cleared.
  const group = new Set(r.dirs);
  for (const d of r.dirs) {
    for (const stale of published.get(d) ?? []) {
      if (byFile.has(stale)) continue;
      if (published.has(path.dirname(stale)) && !group.has(path.dirname(stale))) schedule(path.dirname(stale));
      else byFile.set(stale, []);
    }
  }
  for (const d of r.dirs) published.set(d, new Set(byFile.keys()));
  for (const [file, diagnostics] of byFile) void connection.sendDiagnostics({ uri: toUri(file), diagnostics });
  for (const e of r.errors) connection.console.warn(`${e.file}: ${e.message}`);
  // After the first diagnostics, so that the cache holds an analysis's functions too, and
  // once the server is idle (see cacheSave).
  if (!cacheSaveAsked) cacheSave.idle();
  return r.findings.length;
}

/** A part of a file that did not parse: information, so the user knows where the analysis is blind. */
function blindSpot(e: ScanError): Diagnostic {
  return { range: e.range!, severity: DiagnosticSeverity.Information, source: 'perimeter', message: e.message };
}

/**
 * Re-analysis after a document changed: a Terraform file's module, or for any other file (a
 * policy .json read by file()), the modules that read it, so a fix typed there shows at once.
 */
function scheduleFor(p: string, delayMs = 0): void {
  if (isTerraformFile(p)) schedule(path.dirname(p), delayMs);
  else for (const d of analysis.modulesReading(p)) schedule(d, delayMs);
}

/**
 * While typing in a module whose analysis is not cheap, the analysis waits for a pause this
 * long (see Analysis.typingPause): versions superseded by the next keystroke are not
 * analysed (their edits are parsed once, with the one that stays).
 */
const TYPING_PAUSE_MS = Number(process.env.PERIMETER_TYPING_PAUSE_MS ?? 120);

/**
 * A pause this long after an analysis, with no new work, is used to collect young garbage.
 * The collection is looked up (once: lsp/idle.ts keeps it) in the first pause, not at start:
 * that makes a V8 context, 1-2 ms of a cold start before the first diagnostics.
 */
const idleCollection =
  process.env.PERIMETER_IDLE_GC === '0' ? undefined : new WhenIdle(Number(process.env.PERIMETER_IDLE_GC_MS ?? 20), () => minorCollection()?.());

/**
 * V8's code cache is saved half a second after the first analyses, if no analysis came in
 * between: saving it blocks the server for 20-40 ms, which right after the first diagnostics
 * fell on the editor's first requests (a first completion took 110 ms instead of 75).
 */
let cacheSaveAsked = false;
const cacheSave = new WhenIdle(500, () => {
  cacheSaveAsked = true;
  saveCodeCache();
});

// Modules to re-analyse, each once however many changes touched it.
const pending = new Set<string>();
let timer: { cancel(): void } | undefined;
let dueAt = 0;
function schedule(dir: string, delayMs = 0): void {
  idleCollection?.busy();
  cacheSave.busy();
  pending.add(dir);
  const due = Date.now() + delayMs;
  // A later change postpones a typing pause; an immediate request is never delayed by one.
  if (timer && delayMs === 0 && dueAt <= due) return;
  timer?.cancel();
  dueAt = due;
  const run = (): void => {
    timer = undefined;
    const dirs = [...pending];
    pending.clear();
    for (const d of dirs) {
      try {
        publishModule(d);
      } catch (e) {
        connection.console.error(`analysis of ${d} failed: ${(e as Error).stack ?? e}`);
      }
    }
    if (!timer) idleCollection?.idle();
  };
  // No pause: right after the messages already received (a zero timeout waits a millisecond).
  if (delayMs === 0) {
    const h = setImmediate(run);
    timer = { cancel: () => clearImmediate(h) };
  } else {
    const h = setTimeout(run, delayMs);
    timer = { cancel: () => clearTimeout(h) };
  }
}

interface ScanResult {
  readonly modules: number;
  readonly findings: number;
}

/**
 * One workspace scan at a time. A request during a scan stops it (between modules) and
 * queues one more scan covering everything asked for meanwhile; every caller gets the result
 * of the scan that completes after its request. `perimeter/scanning` announces a scan,
 * `perimeter/scanned` its complete result (a stopped scan sends neither `scanned` nor more
 * progress), so the client says "scanning" until the first complete result.
 */
let running: { promise: Promise<ScanResult | undefined>; stop: boolean } | undefined;
let queued: { promise: Promise<ScanResult>; targets: Set<string> | 'all' } | undefined;

function requestScan(targets: readonly string[] | 'all' = 'all'): Promise<ScanResult> {
  if (queued) {
    if (targets === 'all') queued.targets = 'all';
    else if (queued.targets !== 'all') for (const t of targets) queued.targets.add(t);
    return queued.promise;
  }
  if (running) {
    running.stop = true;
    // The stopped scan's targets must still be covered: scan everything again.
    const q: { promise: Promise<ScanResult>; targets: Set<string> | 'all' } = { promise: undefined!, targets: 'all' };
    const after = running.promise.then(
      () => undefined,
      () => undefined,
    );
    q.promise = after.then(() => {
      queued = undefined;
      return requestScan(q.targets === 'all' ? 'all' : [...q.targets]);
    });
    queued = q;
    return q.promise;
  }
  const r = { promise: undefined! as Promise<ScanResult | undefined>, stop: false };
  r.promise = scan(targets === 'all' ? roots : targets, () => r.stop).finally(() => {
    if (running === r) running = undefined;
  });
  running = r;
  return r.promise.then((res) => res ?? requestScan(targets));
}

async function scan(under: readonly string[], stopped: () => boolean): Promise<ScanResult | undefined> {
  void connection.sendNotification('perimeter/scanning', {});
  const { groups, errors } = under.length ? analysis.moduleGroups(under) : { groups: [], errors: [] };
  const modules = groups.reduce((n, g) => n + g.length, 0);
  for (const e of errors) connection.console.warn(`${e.file}: ${e.message}`);
  const progress = workDoneProgress && modules ? await connection.window.createWorkDoneProgress() : undefined;
  progress?.begin('Perimeter: scanning workspace', 0, `${modules} modules`, false);
  let total = 0;
  let done = 0;
  for (const group of groups) {
    if (stopped()) {
      progress?.done();
      return undefined;
    }
    try {
      total += publishModule(group[0]);
    } catch (e) {
      connection.console.error(`analysis of ${group.join(', ')} failed: ${(e as Error).stack ?? e}`);
    }
    done += group.length;
    progress?.report(Math.round((done / modules) * 100), `${done}/${modules} modules`);
    // Yield between groups so edits and requests are served during a large scan.
    await new Promise((r) => setImmediate(r));
  }
  progress?.done();
  const result = { modules, findings: total };
  void connection.sendNotification('perimeter/scanned', result);
  connection.console.log(`workspace scan: ${modules} modules, ${total} findings`);
  return result;
}

/** Folders added are configured and scanned; a folder removed loses its diagnostics. */
async function changeFolders(e: WorkspaceFoldersChangeEvent): Promise<void> {
  const removed = e.removed.map((f) => toPath(f.uri)).filter((p): p is string => !!p);
  const added = e.added.map((f) => toPath(f.uri)).filter((p): p is string => !!p && !roots.includes(p));
  roots = [...roots.filter((r) => !removed.includes(r)), ...added];
  // A removed folder's files lose their diagnostics, except those still inside a remaining folder.
  const covered = (p: string) => roots.some((r) => isInside(r, p));
  for (const r of removed) {
    for (const [dir, files] of [...published]) {
      if (!isInside(r, dir) || covered(dir)) continue;
      for (const file of files) void connection.sendDiagnostics({ uri: toUri(file), diagnostics: [] });
      published.delete(dir);
    }
    analysis.forgetUnder(r, covered);
  }
  // The folders added, and any whose configuration changed meanwhile.
  const changed = await reloadConfiguration();
  if (changed.length) await requestScan(changed);
}


/** Each folder's configuration in effect (JSON), to tell a real change from a repeated notification. */
const configured = new Map<string, string>();

/**
 * Reads each folder's .perimeter.json and the editor settings, merged per folder (settings
 * win). Returns the folders whose configuration differs from the one in effect (a new
 * folder's always does): those to rescan.
 */
async function reloadConfiguration(): Promise<string[]> {
  let settings: PerimeterConfig = {};
  if (canConfigure) {
    const s = (await connection.workspace.getConfiguration('perimeter')) as
      | { rules?: Record<string, 'on' | 'off'>; severityOverrides?: Record<string, Severity>; exclude?: string[]; severityLevels?: unknown }
      | null;
    settings = { rules: s?.rules ?? {}, severityOverrides: s?.severityOverrides ?? {}, exclude: s?.exclude ?? [] };
    levels = levelsFrom(s?.severityLevels);
  }
  const folders = roots.map((root) => {
    let fileConfig: PerimeterConfig = {};
    try {
      fileConfig = loadConfig(path.join(root, '.perimeter.json'), false);
    } catch (e) {
      if (e instanceof ConfigError) showWarning(e.message);
      else throw e;
    }
    const config = mergeConfigs(fileConfig, settings);
    for (const id of unknownRuleIds(config, ALL_RULES)) warnOnce(`the configuration of ${root} names an unknown rule "${id}"; it is ignored`);
    return { root, config };
  });
  analysis.configure(folders);
  const changed: string[] = [];
  for (const f of folders) {
    // A change of levels changes every folder's diagnostics.
    const key = JSON.stringify([f.config, levels]);
    if (configured.get(f.root) !== key) changed.push(f.root);
    configured.set(f.root, key);
  }
  for (const r of [...configured.keys()]) if (!roots.includes(r)) configured.delete(r);
  return changed;
}

connection.onDidChangeConfiguration(
  guard('configuration', async () => {
    // Editors repeat this notification (at start-up, or once per registration): rescan only
    // when Perimeter's configuration really changed.
    const changed = await reloadConfiguration();
    if (changed.length) await requestScan(changed);
  }),
);


connection.onDidOpenTextDocument(
  guard('didOpen', ({ textDocument }) => {
    const p = toPath(textDocument.uri);
    if (!p) return;
    analysis.openDocument(p, textDocument.text);
    scheduleFor(p);
  }),
);

connection.onDidChangeTextDocument(
  guard('didChange', ({ textDocument, contentChanges }) => {
    const p = toPath(textDocument.uri);
    if (!p) return;
    // The open document's text, as the analysis holds it: positions are resolved against it.
    let text = analysis.textOf(p) ?? '';
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
    analysis.changeDocument(p, edits);
    scheduleFor(p, isTerraformFile(p) ? analysis.typingPause(p, TYPING_PAUSE_MS) : TYPING_PAUSE_MS);
  }),
);

connection.onDidCloseTextDocument(
  guard('didClose', ({ textDocument }) => {
    const p = toPath(textDocument.uri);
    if (!p) return;
    analysis.closeDocument(p);
    scheduleFor(p);
  }),
);

connection.onDidChangeWatchedFiles(
  guard('watchedFiles', async ({ changes }) => {
    for (const c of changes) {
      const p = toPath(c.uri);
      if (!p) continue;
      if (path.basename(p) === '.perimeter.json' || path.basename(p) === DEFAULT_BASELINE) {
        const changed = await reloadConfiguration();
        if (changed.length) await requestScan(changed);
        return;
      }
      analysis.invalidate(p);
      if (analysis.isOpen(p)) continue;
      scheduleFor(p);
      // A policy .json no module read yet may be read by the module in its folder or the one above.
      if (p.endsWith('.json')) for (const d of [path.dirname(p), path.dirname(path.dirname(p))]) schedule(d);
    }
  }),
);

connection.onHover(
  guard('hover', ({ textDocument, position }) => {
    const p = toPath(textDocument.uri);
    if (!p) return null;
    const hits = analysis.findingsFor(p).filter((f) => within(position, f.range));
    const parts = hits.map((f) => {
      const doc = ruleDoc(f.ruleId);
      // VS Code already shows the diagnostic's message above: add what it does not say.
      const lines = [`**${f.title}** — \`${f.ruleId}\` (${f.severity})`];
      if (doc?.why) lines.push('', '**Why it matters.** ' + firstParagraph(doc.why));
      if (doc?.fix) lines.push('', '**How to fix.** ' + firstParagraph(doc.fix));
      if (f.aliases.length) lines.push('', `Same check as: ${f.aliases.join(', ')}`);
      return lines.join('\n');
    });
    // What the catalogue says about the name under the cursor (an action, a pattern, a key).
    const text = analysis.textOf(p);
    const authoring = text === undefined ? undefined : hoverAt(text, new LineIndex(text).offset(position));
    if (authoring) parts.unshift(authoring.markdown);
    if (!parts.length) return null;
    return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
  }),
);

connection.onCompletionResolve(
  guard('completionResolve', (item: CompletionItem) => {
    const kind = (item.data as { perimeter?: AuthoringItem['kind'] } | undefined)?.perimeter;
    const documentation = kind && completionDocumentation(kind, item.label);
    return documentation ? { ...item, documentation } : item;
  }),
);

connection.onCompletion(
  guard('completion', ({ textDocument, position }) => {
    const p = toPath(textDocument.uri);
    const text = p && analysis.textOf(p);
    if (!text) return null;
    const idx = new LineIndex(text);
    const c = completeAt(text, idx.offset(position));
    if (!c) return null;
    const range = { start: idx.position(c.replace.start), end: idx.position(c.replace.end) };
    const KIND = { service: CompletionItemKind.Module, action: CompletionItemKind.Function, operator: CompletionItemKind.Operator, 'condition-key': CompletionItemKind.Property } as const;
    return {
      isIncomplete: false,
      items: c.items.map((i) => ({
        label: i.label,
        kind: KIND[i.kind],
        detail: i.detail,
        // Descriptions are resolved when shown: the list stays small (a service has hundreds of actions).
        ...(i.documentation ? { data: { perimeter: i.kind } } : {}),
        filterText: i.filterText,
        sortText: i.sortText,
        textEdit: { range, newText: i.newText },
        ...(i.retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
      })),
    };
  }),
);

function within(pos: { line: number; character: number }, r: Finding['range']): boolean {
  const after = pos.line > r.start.line || (pos.line === r.start.line && pos.character >= r.start.character);
  const before = pos.line < r.end.line || (pos.line === r.end.line && pos.character <= r.end.character);
  return after && before;
}

function firstParagraph(s: string): string {
  return s.split(/\n\s*\n/)[0].replace(/\n/g, ' ');
}

function workspaceEdit(perFile: Map<string, RangeEdit[]>): WorkspaceEdit {
  return { changes: Object.fromEntries([...perFile].map(([file, edits]) => [toUri(file), edits])) };
}

connection.onCodeAction(
  guard('codeAction', ({ textDocument, context, range }) => {
    const p = toPath(textDocument.uri);
    if (!p) return [];
    const findings = analysis.findingsFor(p);
    const actions: CodeAction[] = [];
    const only = context.only;
    const wantsFixAll = only?.some((k) => k.startsWith(CodeActionKind.SourceFixAll) || k === CodeActionKind.Source);
    if (wantsFixAll) {
      const plan = planFixes(findings.filter((f) => f.fix), (f) => analysis.textOf(f));
      if (plan.applied.length) {
        const perFile = new Map<string, RangeEdit[]>();
        for (const [file, { before, after }] of plan.files) {
          const idx = new LineIndex(before);
          perFile.set(file, [{ range: { start: idx.position(0), end: idx.position(before.length) }, newText: after }]);
        }
        actions.push({ title: `Perimeter: apply ${plan.applied.length} safe fix${plan.applied.length === 1 ? '' : 'es'}`, kind: 'source.fixAll.perimeter', edit: workspaceEdit(perFile) });
      }
      if (only?.every((k) => !k.startsWith(CodeActionKind.QuickFix))) return actions;
    }
    const text = analysis.textOf(p);
    // On a wildcard action: its expansion, or only its read and list actions (narrower).
    const current = analysis.textOf(p);
    if (current !== undefined && (!only || only.some((k) => k.startsWith(CodeActionKind.Refactor)))) {
      const idx = new LineIndex(current);
      for (const a of wildcardActionsAt(current, idx.offset(range.start))) {
        const edit = { range: { start: idx.position(a.edit.start), end: idx.position(a.edit.end) }, newText: a.edit.newText };
        actions.push({ title: a.title, kind: CodeActionKind.RefactorRewrite, edit: workspaceEdit(new Map([[p, [edit]]])) });
      }
    }
    for (const diagnostic of context.diagnostics.filter((d) => d.source === 'perimeter')) {
      const f = findings.find((x) => x.ruleId === diagnostic.code && rangesEqual(x.range, diagnostic.range));
      if (!f) continue;
      // A misspelt policy name: the nearest known one, chosen by the author (not a --fix fix).
      const nearest = text !== undefined ? didYouMeanFor(f.ruleId, text.slice(f.span.start, f.span.end)) : undefined;
      if (nearest) {
        const edit = { range: diagnostic.range, newText: nearest };
        actions.push({ title: `Replace with ${JSON.stringify(nearest)}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: workspaceEdit(new Map([[p, [edit]]])) });
      }
      if (f.fix) {
        const edits = fixToRangeEdits(f.fix, (file) => analysis.textOf(file));
        if (edits) actions.push({ title: f.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: workspaceEdit(edits) });
      }
      if (text !== undefined && !f.ruleId.startsWith('perimeter-')) {
        const line = suppressLineEdit(f, text);
        if (line) actions.push({ title: `Suppress ${f.ruleId} here (with a reason)`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(new Map([[p, [line]]])) });
        const file = suppressFileEdit(f, text);
        if (file) actions.push({ title: `Suppress ${f.ruleId} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(new Map([[p, [file]]])) });
        if (!line) {
          // A policy .json: suppressed where the Terraform that reads it can hold a comment.
          const readers = analysis.modulesReading(p).flatMap((d) => analysis.terraformFilesOf(d));
          const inReader = suppressInReaderEdit(f, readers);
          if (inReader) {
            actions.push({
              title: `Suppress ${f.ruleId} where ${path.basename(inReader.file)} reads this file (with a reason)`,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              edit: workspaceEdit(new Map([[inReader.file, [inReader.edit]]])),
            });
          }
        }
      }
    }
    return actions;
  }),
);


connection.onExecuteCommand(
  guard('executeCommand', async ({ command }) => {
    if (command === 'perimeter.server.scanWorkspace') return requestScan();
    return null;
  }),
);

/** SARIF for the whole workspace, for the client's "export SARIF" command. */
connection.onRequest(
  'perimeter/sarif',
  guard('sarif', () => {
    const all: Finding[] = [];
    for (const group of analysis.moduleGroups(roots).groups) all.push(...analysis.analyseModule(group[0]).findings);
    return toSarif({ findings: all, errors: [] }, ALL_RULES, roots[0] ?? process.cwd(), version);
  }),
);

/**
 * "Baseline current findings": each folder's findings written to its baseline file (the one
 * .perimeter.json names, else .perimeter-baseline.json), then shown again, as hints.
 */
connection.onRequest(
  'perimeter/writeBaseline',
  guard('writeBaseline', async () => {
    const written = roots.map((root) => analysis.writeBaselineOf(root));
    await requestScan();
    return written;
  }),
);

/** Every rule (id, title, severity), for the client's "show rule documentation" picker. */
connection.onRequest(
  'perimeter/rules',
  guard('rules', () => ALL_RULES.map((r) => ({ id: r.id, title: r.title, severity: r.severity })).sort((a, b) => a.id.localeCompare(b.id))),
);

/** Resident memory and open-document count, for benchmarks and diagnosis. */
connection.onRequest(
  'perimeter/stats',
  guard('stats', () => {
    fullCollection()?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external };
  }),
);

connection.listen();
