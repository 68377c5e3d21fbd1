// `npm run bench`: figures, not pass/fail. Every ratio compares runs measured here, in
// this process, on the same files. Writes bench/results.json and prints a table.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { Language, Parser } from 'web-tree-sitter';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  CompletionRequest,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { serverEnvironment } from '../client/src/server-environment';
import { ALL_RULES } from '../rules/index';
import { scanPathsParallel } from '../server/src/engine/parallel';
import { scanSources } from '../server/src/engine/scan';
import { Analysis } from '../server/src/lsp/analysis';
import { completeAt } from '../server/src/authoring/completion';
import { hoverAt } from '../server/src/authoring/hover';
import { collectFiles, readSources, type SourceFile } from '../server/src/module/workspace';

const ROOT = path.resolve(__dirname, '..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const RUNS = Number(process.env.PERIMETER_BENCH_RUNS ?? 3);
const results: Record<string, unknown> = {};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
async function timeRuns(f: () => unknown | Promise<unknown>, runs = RUNS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return median(times);
}
const mb = (sources: SourceFile[]) => sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0) / 1e6;

async function treeSitterParser(): Promise<Parser> {
  await Parser.init();
  const p = new Parser();
  p.setLanguage(await Language.load(path.join(path.dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json')), 'tree-sitter-terraform.wasm')));
  return p;
}

/**
 * Throughput of a long-running process: five runs first, untimed, then the median of five.
 * Each of the three compared (tree-sitter, hcl2json, the scan) gets the same treatment.
 * The scan reaches its steady speed only after several runs (V8 optimises its functions one
 * by one as they get hot: the first five runs take 1.5–2× the later ones here).
 */
async function steadyRuns(f: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < STEADY_AFTER; i++) await f();
  return timeRuns(f, Math.max(RUNS, 5));
}
const STEADY_AFTER = 5;

async function workspaceScan(sources: SourceFile[]): Promise<void> {
  const size = mb(sources);
  const parser = await treeSitterParser();
  const parseAlone = await steadyRuns(() => {
    for (const s of sources) parser.parse(s.text)?.delete();
  });
  const hcl = await steadyRuns(async () => {
    for (const s of sources) {
      try {
        await hcl2json(path.basename(s.path), s.text);
      } catch {
        // a file hcl2json rejects still cost its time
      }
    }
  });
  // The first scan in a process also loads the AWS catalogues; kept apart from the steady figure.
  const firstStarted = performance.now();
  scanSources(sources, ALL_RULES);
  const firstScan = performance.now() - firstStarted;
  const scan = await steadyRuns(() => scanSources(sources, ALL_RULES));
  const worker = path.join(ROOT, 'dist', 'scan-worker.js');
  const parallel = fs.existsSync(worker) ? await timeRuns(() => scanPathsParallel([CORPUS], worker, ALL_RULES)) : NaN;
  results.workspaceScan = {
    files: sources.length,
    megabytes: +size.toFixed(2),
    treeSitterParseAloneMs: +parseAlone.toFixed(1),
    hcl2jsonParseAloneMs: +hcl.toFixed(1),
    perimeterScanMs: +scan.toFixed(1),
    perimeterFirstScanMs: +firstScan.toFixed(1),
    perimeterScanMBps: +(size / (scan / 1000)).toFixed(1),
    perimeterScanWorkersMs: +parallel.toFixed(1),
    scanVsTreeSitter: +(scan / parseAlone).toFixed(2),
    workersVsTreeSitter: +(parallel / parseAlone).toFixed(2),
    hcl2jsonVsScan: +(hcl / scan).toFixed(2),
  };
}

/** A 2,000-line module file: many buckets, policies and documents. */
function bigModule(): string {
  const blocks: string[] = [];
  for (let i = 0; blocks.join('\n').split('\n').length < 2000; i++) {
    blocks.push(
      `resource "aws_s3_bucket" "b${i}" {\n  bucket = "bucket-${i}"\n}\n\nresource "aws_s3_bucket_public_access_block" "b${i}" {\n  bucket                  = aws_s3_bucket.b${i}.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\nresource "aws_iam_policy" "p${i}" {\n  policy = jsonencode({\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["s3:GetObject"]\n      Resource = "arn:aws:s3:::bucket-${i}/*"\n    }]\n  })\n}\n`,
    );
  }
  return blocks.join('\n');
}

/** The 2,000-line module written as main.tf in a new temporary folder, with its URI. */
function bigModuleOnDisk(): { file: string; text: string; uri: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'perimeter-bench-')), 'main.tf');
  const text = bigModule();
  fs.writeFileSync(file, text);
  return { file, text, uri: URI.file(file).toString() };
}

const TYPED = 'resource "aws_s3_bucket_acl" "typed" {\n  bucket = "typed"\n  acl    = "public-read"\n}\n';

async function keystrokesInProcess(): Promise<void> {
  const { file, text } = bigModuleOnDisk();
  const analysis = new Analysis(ALL_RULES);
  analysis.openDocument(file, text);
  analysis.analyseModuleOf(file);
  // The block is typed twice: the first pass runs code the process has not compiled yet (a
  // server that has been running has); the figures are the second pass, the first is kept apart.
  const passes: number[][] = [[], []];
  let current = text;
  for (const times of passes) {
    for (const ch of TYPED) {
      const t = performance.now();
      analysis.changeDocument(file, [{ start: current.length, oldEnd: current.length, newText: ch }]);
      analysis.analyseModuleOf(file);
      times.push(performance.now() - t);
      current += ch;
    }
  }
  const [first, times] = passes;
  results.keystrokeInProcess = {
    lines: text.split('\n').length,
    edits: times.length,
    medianMs: +median(times).toFixed(2),
    p99Ms: +percentile(times, 99).toFixed(2),
    firstPassMedianMs: +median(first).toFixed(2),
    firstPassP99Ms: +percentile(first, 99).toFixed(2),
  };
  analysis.dispose();
}

/**
 * Typing a line into the largest real module of ../shared/field (member-bootstrap, 13 files,
 * 2,935 lines; iam.tf is 1,781): per keystroke, what the editor pays to take the edit (the
 * incremental parse with half-typed-line repair) and to re-analyse the module's group.
 */
async function fieldKeystrokes(): Promise<void> {
  const dir = path.resolve(ROOT, '../shared/field/ministryofjustice_modernisation-platform/terraform/environments/bootstrap/member-bootstrap');
  const file = path.join(dir, 'iam.tf');
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  const analysis = new Analysis(ALL_RULES);
  analysis.configure({}, path.resolve(ROOT, '../shared/field'));
  analysis.openDocument(file, text);
  analysis.analyseModuleOf(file);
  // A new attribute typed on a new line inside the big policy document in the middle of the
  // file, twice: the figures are the second line (the first runs code not compiled yet, as
  // in a server that has just started; kept apart).
  const at = text.indexOf('\n', Math.floor(text.length / 2));
  const typed = '\n      description = "typed here"';
  const passes: number[][] = [[], []];
  let pos = at;
  for (const times of passes) {
    for (let i = 0; i < typed.length; i++) {
      const t = performance.now();
      analysis.changeDocument(file, [{ start: pos, oldEnd: pos, newText: typed[i] }]);
      pos++;
      analysis.analyseModuleOf(file); // parses the queued keystroke, then analyses
      times.push(performance.now() - t);
    }
  }
  const [firstPass, analyse] = passes;
  // The parse alone, on a second document typed the same way.
  const doc = new Analysis(ALL_RULES);
  doc.openDocument(file, text);
  const parseOnly: number[] = [];
  for (let i = 0; i < typed.length; i++) {
    doc.changeDocument(file, [{ start: at + i, oldEnd: at + i, newText: typed[i] }]);
    const t = performance.now();
    doc.parsedFile(file);
    parseOnly.push(performance.now() - t);
  }
  results.fieldKeystrokes = {
    file: path.relative(path.resolve(ROOT, '../shared'), file),
    lines: text.split('\n').length,
    keystrokes: typed.length,
    parseMedianMs: +median(parseOnly).toFixed(2),
    parseP99Ms: +percentile(parseOnly, 99).toFixed(2),
    parseAndAnalyseMedianMs: +median(analyse).toFixed(2),
    parseAndAnalyseP99Ms: +percentile(analyse, 99).toFixed(2),
    firstPassMedianMs: +median(firstPass).toFixed(2),
    firstPassP99Ms: +percentile(firstPass, 99).toFixed(2),
  };
  analysis.dispose();
  doc.dispose();
}

/** The temporary cache folders of the servers started, removed at the end. */
const cacheHomes: string[] = [];

/** An environment whose code cache folder (any platform's) is a new temporary one, never the user's. */
function cacheEnv(): NodeJS.ProcessEnv {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'perimeter-bench-cache-'));
  cacheHomes.push(home);
  return { ...process.env, HOME: home, XDG_CACHE_HOME: home, LOCALAPPDATA: home };
}

/**
 * Starts the server as the VS Code client does: no V8 flags (--expose-gc alone cost Node
 * 10-30 ms of its start here; perimeter/stats finds `gc` without it) and the client's
 * changes to the environment (serverEnvironment), unless `asInherited` (as an editor that
 * passes its whole environment on starts language-server.js).
 */
function startServer(env: NodeJS.ProcessEnv = cacheEnv(), asInherited = false) {
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe', env: asInherited ? env : serverEnvironment(env) });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('$/progress', () => {});
  conn.listen();
  return { proc, conn };
}

/**
 * Waits until this process has been idle for 100 ms (at most 5 s). Right after the bench
 * has loaded its modules and the corpus, V8's background threads keep a core busy for about
 * half a second, and a server started meanwhile took 1 s to its first diagnostics instead
 * of 0.3 s: a figure of this process, not of the server.
 */
async function settle(): Promise<void> {
  const deadline = performance.now() + 5000;
  while (performance.now() < deadline) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await new Promise((r) => setTimeout(r, 100));
    const used = process.cpuUsage(cpu);
    if ((used.user + used.system) / 1000 < 0.1 * (performance.now() - t)) return;
  }
}

/**
 * Cold start: process start to the first diagnostics of one open file. Returns the time and
 * the running server, whose `next()` resolves at the next diagnostics of that file.
 */
async function coldStart(uri: string, text: string, env: NodeJS.ProcessEnv, asInherited = false) {
  await settle();
  const t0 = performance.now();
  const { proc, conn } = startServer(env, asInherited);
  let resolveNext: (() => void) | undefined;
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.uri === uri) resolveNext?.();
  });
  const next = () => new Promise<void>((r) => (resolveNext = r));
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
  await conn.sendNotification(InitializedNotification.type, {});
  const wait = next();
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text } });
  await wait;
  return { ms: performance.now() - t0, proc, conn, next };
}

/** Resolves once a server started with this home has written its code cache (5 s at most). */
async function cacheWritten(home: string): Promise<void> {
  const dirs = [path.join(home, 'perimeter', 'code-cache'), path.join(home, 'Library', 'Caches', 'perimeter', 'code-cache')];
  const deadline = performance.now() + 5000;
  while (performance.now() < deadline) {
    if (dirs.some((d) => fs.existsSync(d) && fs.readdirSync(d).some((f) => f.endsWith('.cache')))) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stopServer(s: { proc: ReturnType<typeof spawn>; conn: ReturnType<typeof createProtocolConnection> }): Promise<void> {
  const exited = new Promise((r) => s.proc.once('exit', r));
  s.conn.dispose();
  s.proc.kill();
  await exited;
}

async function serverFigures(): Promise<void> {
  const { text, uri } = bigModuleOnDisk();

  // Cold start, the median of three, without a code cache (the first start ever: each
  // server gets an empty cache folder of its own, and writes it after its first diagnostics)
  // and with the cache the last of them wrote (an editor's usual start); the last server
  // stays for the keystrokes. The servers' cache folders are temporary, never the user's.
  const noCache: number[] = [];
  let env = cacheEnv();
  for (let i = 0; i < 3; i++) {
    if (i) env = cacheEnv();
    const s = await coldStart(uri, text, env);
    noCache.push(s.ms);
    await cacheWritten(env.HOME!);
    await stopServer(s);
  }
  const cached: number[] = [];
  for (let i = 0; i < 2; i++) {
    const s = await coldStart(uri, text, env);
    cached.push(s.ms);
    await stopServer(s);
  }
  // Where this machine sets NODE_EXTRA_CA_CERTS, the start of a server that inherits it (an
  // editor other than VS Code that passes its environment on), interleaved with the client's.
  const inherited: number[] = [];
  for (let i = 0; i < (process.env.NODE_EXTRA_CA_CERTS ? 3 : 0); i++) {
    const s = await coldStart(uri, text, env, true);
    inherited.push(s.ms);
    await stopServer(s);
    const c = await coldStart(uri, text, env);
    cached.push(c.ms);
    await stopServer(c);
  }
  const { ms, proc, conn, next } = await coldStart(uri, text, env);
  cached.push(ms);
  let wait: Promise<void>;

  // Keystrokes: didChange → the matching publishDiagnostics, typed at the end of the file.
  const lines = text.split('\n');
  const all: number[] = [];
  let version = 1;
  let line = lines.length - 1;
  let col = lines[line].length;
  const type = async (typed: string, times: number[], gapMs = 0): Promise<void> => {
    for (const ch of typed) {
      if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      wait = next();
      const t = performance.now();
      await conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col } }, text: ch }],
      });
      await wait;
      times.push(performance.now() - t);
      if (ch === '\n') {
        line++;
        col = 0;
      } else col++;
    }
  };
  // Each key as soon as the last one's diagnostics arrived: the server never idle.
  await type(TYPED.repeat(4), all);
  // At a fast typist's pace (100 ms a key): the server is idle between keys, as in use.
  const paced: number[] = [];
  await type(TYPED.repeat(2), paced, 100);
  // Memory after 1,000 edits.
  for (let i = 0; i < 1000; i++) {
    wait = next();
    const ch = i % 2 === 0 ? '#' : '';
    const range = i % 2 === 0 ? { start: { line, character: col }, end: { line, character: col } } : { start: { line, character: col }, end: { line, character: col + 1 } };
    await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: ch }] });
    await wait;
  }
  const afterEdits = (await conn.sendRequest('perimeter/stats')) as { rss: number };
  // The first of the four passes runs code the server has not compiled yet: kept apart.
  const first = all.slice(0, TYPED.length);
  const times = all.slice(TYPED.length);
  results.server = {
    coldStartMs: +median(cached).toFixed(0),
    coldStartNoCacheMs: +median(noCache).toFixed(0),
    ...(inherited.length ? { coldStartWithExtraCaCertsMs: +median(inherited).toFixed(0) } : {}),
    keystrokeMedianMs: +median(times).toFixed(2),
    keystrokeP99Ms: +percentile(times, 99).toFixed(2),
    keystrokes: times.length,
    firstPassMedianMs: +median(first).toFixed(2),
    firstPassP99Ms: +percentile(first, 99).toFixed(2),
    pacedKeystrokeMedianMs: +median(paced).toFixed(2),
    pacedKeystrokeP99Ms: +percentile(paced, 99).toFixed(2),
    pacedKeystrokes: paced.length,
    rssAfter1000EditsMB: +(afterEdits.rss / 1e6).toFixed(0),
  };
  await stopServer({ proc, conn });

  // Memory after the corpus: the server scans it as its workspace.
  const s = startServer(env);
  const scanned = new Promise<void>((r) => s.conn.onNotification('perimeter/scanned', () => r()));
  await s.conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: URI.file(CORPUS).toString(),
    capabilities: { window: { workDoneProgress: true } },
    workspaceFolders: [{ uri: URI.file(CORPUS).toString(), name: 'corpus' }],
  });
  const t1 = performance.now();
  await s.conn.sendNotification(InitializedNotification.type, {});
  await scanned;
  const scanMs = performance.now() - t1;
  const afterCorpus = (await s.conn.sendRequest('perimeter/stats')) as { rss: number };
  (results.server as Record<string, number>).workspaceScanMs = +scanMs.toFixed(0);
  (results.server as Record<string, number>).rssAfterCorpusMB = +(afterCorpus.rss / 1e6).toFixed(0);
  s.conn.dispose();
  s.proc.kill();
}

/**
 * Policy authoring on the 2,000-line file, over the protocol: completion of `s3:GetOb` and
 * hover on an action, request to response. The first of each (the catalogue read on first
 * use) is reported apart from the steady figures.
 */
async function authoringFigures(): Promise<void> {
  const { text, uri } = bigModuleOnDisk();
  const { proc, conn } = startServer();
  const published = new Promise<void>((r) =>
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === uri) r();
    }),
  );
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
  await conn.sendNotification(InitializedNotification.type, {});
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'terraform', version: 1, text } });
  await published;
  // Inside the last policy's "s3:GetObject", after "s3:GetOb".
  const offset = text.lastIndexOf('"s3:GetObject"') + 1 + 's3:GetOb'.length;
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const time = async (f: () => Promise<unknown>): Promise<number> => {
    const t = performance.now();
    const r = await f();
    if (!r) throw new Error('no answer');
    return performance.now() - t;
  };
  const complete = () => conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  const hover = () => conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  const firstCompletionMs = await time(complete);
  const firstHoverMs = await time(hover);
  const completions: number[] = [];
  const hovers: number[] = [];
  for (let i = 0; i < 50; i++) {
    completions.push(await time(complete));
    hovers.push(await time(hover));
  }
  // The same answers computed in this process, without the protocol and the scheduler.
  const inProcess = (f: () => unknown) => {
    const xs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      f();
      xs.push(performance.now() - t);
    }
    return +median(xs).toFixed(3);
  };
  results.authoring = {
    lines: text.split('\n').length,
    inProcessCompletionMedianMs: inProcess(() => completeAt(text, offset)),
    inProcessHoverMedianMs: inProcess(() => hoverAt(text, offset)),
    firstCompletionMs: +firstCompletionMs.toFixed(1),
    completionMedianMs: +median(completions).toFixed(2),
    completionP99Ms: +percentile(completions, 99).toFixed(2),
    firstHoverMs: +firstHoverMs.toFixed(1),
    hoverMedianMs: +median(hovers).toFixed(2),
    hoverP99Ms: +percentile(hovers, 99).toFixed(2),
  };
  conn.dispose();
  proc.kill();
}

async function scaling(sources: SourceFile[]): Promise<void> {
  const rows: { copies: number; megabytes: number; ms: number; msPerMB: number }[] = [];
  for (const copies of [1, 4, 16]) {
    const many: SourceFile[] = [];
    for (let c = 0; c < copies; c++) for (const s of sources) many.push({ path: path.join('/copy' + c, s.path), text: s.text });
    // Large sizes run once: the point is the per-MB trend, and the bench must stay short.
    const ms = await timeRuns(() => scanSources(many, ALL_RULES), copies === 1 ? RUNS : 1);
    rows.push({ copies, megabytes: +mb(many).toFixed(1), ms: +ms.toFixed(0), msPerMB: +(ms / mb(many)).toFixed(0) });
  }
  results.scaling = rows;
  // One module with 20 vs 2,000 resources: cost per resource must not grow.
  const perResource: Record<string, number> = {};
  for (const n of [20, 2000]) {
    const text = Array.from({ length: n }, (_, i) => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "b${i}"\n}\n`).join('\n');
    const ms = await timeRuns(() => scanSources([{ path: '/one/main.tf', text }], ALL_RULES));
    perResource[`${n}`] = +((ms / n) * 1000).toFixed(1);
  }
  results.microsecondsPerResource = perResource;
}

async function main(): Promise<void> {
  const { files } = collectFiles([CORPUS]);
  const { sources } = readSources(files);
  results.machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGB: +(os.totalmem() / 1e9).toFixed(0), node: process.version };
  // PERIMETER_BENCH_ONLY=server,keystrokes runs some parts (while working on one figure);
  // results.json is written only by a full run.
  const only = process.env.PERIMETER_BENCH_ONLY?.split(',');
  const part = (name: string) => !only || only.includes(name);
  if (part('scan')) await workspaceScan(sources);
  if (part('keystrokes')) await keystrokesInProcess();
  if (part('field-keystrokes')) await fieldKeystrokes();
  if (part('server')) await serverFigures();
  if (part('authoring')) await authoringFigures();
  if (part('scaling')) await scaling(sources);
  for (const home of cacheHomes) fs.rmSync(home, { recursive: true, force: true });
  if (!only) fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
}

void main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
