// Starts code-server with the packaged extension and a copy of a workspace, and drives it
// with Chromium through playwright-core. Every process started here is stopped by its
// process group when the suite ends, pass or fail.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CODE_SERVER, NODE24_BIN } from './setup.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url}`);
}

/** A system bundle of CA certificates, for an editor started as on a company machine. */
const SYSTEM_CERTIFICATES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'].find((f) => existsSync(f));

/** The environment of a running process (Linux), as NAME=value lines. */
export function environmentOf(pid) {
  return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
}

/** The processes whose command line runs `file` (Linux). */
export function processesRunning(file) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(file)) pids.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

/**
 * A running editor: `page` is the workbench; `workspace` the folder it shows; `serverScript`
 * the installed extension's dist/server.js; `pid` code-server's process.
 * The editor runs with NODE_EXTRA_CA_CERTS set (to the system bundle, when the machine has
 * none set), as on many company machines: the client must not pass it on to the server.
 * `trust` turns workspace trust on (Restricted Mode) instead of off; `label` names the folder
 * under $TMPDIR/perimeter-e2e-logs where the editor's logs (with the protocol trace) are kept.
 */
export async function startEditor({ vsix, workspaceSource, trust = false, label = 'editor' }) {
  const base = mkdtempSync(join(tmpdir(), 'perimeter-e2e-'));
  const userData = join(base, 'user-data');
  const extensions = join(base, 'extensions');
  const workspace = join(base, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions);
  cpSync(workspaceSource, workspace, { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': trust,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'editor.hover.delay': 100,
      'files.autoSave': 'off',
      // No Chat view: its input is an editor too, and when it opened late (a loaded machine)
      // it took the focus from the file a scenario was typing into.
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      // The protocol trace lands in the logs kept below, for reading a failed run.
      'perimeter.trace.server': 'verbose',
    }),
  );
  const node = join(NODE24_BIN, 'node');
  // The language server's code cache starts empty, as on a fresh machine (the first start
  // writes it), and never in the user's cache folder.
  const env = { ...process.env, PATH: `${NODE24_BIN}:${process.env.PATH}`, XDG_CACHE_HOME: join(base, 'cache') };
  if (!env.NODE_EXTRA_CA_CERTS && SYSTEM_CERTIFICATES) env.NODE_EXTRA_CA_CERTS = SYSTEM_CERTIFICATES;
  execFileSync(node, [CODE_SERVER, '--install-extension', vsix, '--extensions-dir', extensions, '--user-data-dir', userData], { env, stdio: 'pipe' });
  const port = await freePort();
  const server = spawn(
    node,
    [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', extensions, workspace],
    { env, detached: true, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  let browser;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // Installed as publisher.name-version.
    const installed = readdirSync(extensions).find((d) => d.startsWith('perimeter.perimeter-'));
    return {
      page,
      workspace,
      pid: server.pid,
      serverScript: installed && join(extensions, installed, 'dist', 'server.js'),
      async stop() {
        await browser?.close().catch(() => {});
        try {
          process.kill(-server.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        await new Promise((r) => setTimeout(r, 500));
        try {
          process.kill(-server.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        // Keep the editor's logs of the last run for diagnosis.
        const logs = join(tmpdir(), 'perimeter-e2e-logs', label);
        rmSync(logs, { recursive: true, force: true });
        cpSync(join(userData, 'logs'), logs, { recursive: true });
        rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(base, { recursive: true, force: true });
    throw e;
  }
}

/** Opens a file of the workspace by clicking its explorer entry (activates the extension). */
export async function openFile(page, name) {
  const item = page.getByRole('treeitem', { name }).first();
  await item.waitFor({ timeout: 30_000 });
  await item.click();
  await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor({ timeout: 30_000 });
}

/**
 * Clicks the text `hasText` in the active editor and waits until that editor has the
 * keyboard focus, clicking again if something else took it: keystrokes sent before then
 * would go elsewhere.
 */
export async function focusEditorAt(page, hasText) {
  const target = page.locator('.editor-group-container.active .view-lines span', { hasText }).last();
  const focused = page.locator('.editor-group-container.active .monaco-editor.focused');
  for (let attempt = 1; ; attempt++) {
    await target.click();
    // The pointer left on the text would open its hover a moment later, and a hover that
    // opens closes the quick-fix menu a scenario has just opened: move it off the editor.
    await page.mouse.move(1, 1);
    if (await focused.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return;
    if (attempt === 3) throw new Error(`the editor did not take the focus after ${attempt} clicks on "${hasText}"`);
  }
}

/**
 * Opens the quick-fix menu (Ctrl+.) at the cursor and returns the entry whose title starts
 * with `title`. A menu closed before its entry shows (a late hover or notification) is
 * opened again, at most three times, and said on the log.
 */
export async function openQuickFix(page, title) {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    if (await item.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return item;
    if (attempt === 3) throw new Error(`Ctrl+. showed no "${title}" entry in ${attempt} tries`);
    console.log(`e2e: the quick-fix menu showed no "${title}" entry (try ${attempt}); opening it again`);
    await page.keyboard.press('Escape');
  }
}

/** Waits until the active editor (not any other text input of the workbench) shows `hasText`. */
export async function waitForEditorText(page, hasText, timeout = 10_000) {
  await page.locator('.editor-group-container.active .view-lines', { hasText }).first().waitFor({ timeout });
}

export async function problemsText(page) {
  const panel = page.locator('[id="workbench.panel.markers"]');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: 15_000 });
  }
  return (await panel.innerText()).replace(/\s+/g, ' ');
}

/** Polls until `predicate(problemsText)` holds. */
export async function waitForProblems(page, predicate, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await problemsText(page);
    if (predicate(last)) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`Problems panel never matched; last text: ${last.slice(0, 2000)}`);
}

/**
 * What the editor showed when a scenario failed: a screenshot under test/e2e/failures/ and, on
 * standard error (all a CI log keeps), the active tab, the focused element and the active
 * editor's text.
 */
export async function reportFailure(page, name, directory) {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file }).catch(() => {});
  const state = await page
    .evaluate(() => {
      const active = document.activeElement;
      const describe = (el) => (el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} "${el.getAttribute('aria-label') ?? ''}"` : 'none');
      const tab = document.querySelector('.editor-group-container.active .tab.active');
      const lines = document.querySelector('.editor-group-container.active .view-lines');
      return {
        activeTab: tab?.getAttribute('aria-label') ?? 'none',
        focused: describe(active),
        focusedEditor: Boolean(document.querySelector('.monaco-editor.focused')),
        editorText: lines?.innerText ?? '',
      };
    })
    .catch((e) => ({ error: String(e) }));
  console.error(`e2e failure in "${name}": screenshot ${file}\n${JSON.stringify(state, null, 2)}`);
}
