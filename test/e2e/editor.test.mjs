// End-to-end scenarios in a real VS Code (code-server in headless Chromium), asserting on
// what the editor shows and on the files on disk. Run through `npm run test:e2e`.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { environmentOf, focusEditorAt, openFile, openQuickFix, problemsText, processesRunning, reportFailure, startEditor, waitForEditorText, waitForProblems } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const vsix = join(root, 'perimeter.vsix');
const shots = join(root, 'docs', 'images');
const failures = join(here, 'failures');

/** `it`, with what the editor showed kept when the scenario fails. */
function scenario(editorOf, name, body) {
  it(name, async () => {
    try {
      await body();
    } catch (e) {
      const page = editorOf()?.page;
      if (page) await reportFailure(page, name, failures);
      throw e;
    }
  });
}

describe('Perimeter in a real VS Code', { timeout: 600_000 }, () => {
  let editor;
  before(async () => {
    editor = await startEditor({ vsix, workspaceSource: join(here, 'workspace'), label: 'editor' });
  });
  after(async () => editor?.stop());

  scenario(() => editor, '1. shows diagnostics inline and in the Problems panel without saving', async () => {
    const { page } = editor;
    await openFile(page, 's3.tf');
    const text = await waitForProblems(page, (t) => t.includes('aws-s3-public-acl'));
    assert.match(text, /aws-s3-public-access-block-missing/);
    assert.match(text, /\[Ln 7, Col 12\]/, 'the ACL finding is on the "public-read" value');
    await page.locator('.squiggly-error').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(shots, 'problems.png') });
  });

  scenario(() => editor, '2. lists findings of files that were never opened (workspace scan)', async () => {
    const text = await waitForProblems(editor.page, (t) => t.includes('aws-iam-wildcard-action'));
    assert.match(text, /iam\.tf/);
  });

  scenario(() => editor, '9. the language server starts without the editor\'s NODE_EXTRA_CA_CERTS (parsed at every Node start)', async () => {
    const editorEnvironment = environmentOf(editor.pid);
    assert.ok(editorEnvironment.some((v) => v.startsWith('NODE_EXTRA_CA_CERTS=')), 'the editor runs with NODE_EXTRA_CA_CERTS set');
    assert.ok(editor.serverScript, 'the extension is installed');
    const servers = processesRunning(editor.serverScript);
    assert.equal(servers.length, 1, `one language server runs ${editor.serverScript}`);
    const serverEnvironment = environmentOf(servers[0]);
    // Started by the client (vscode-languageclient forks with these), from the editor's environment.
    assert.ok(serverEnvironment.includes('ELECTRON_RUN_AS_NODE=1'));
    assert.ok(serverEnvironment.some((v) => v.startsWith('XDG_CACHE_HOME=')));
    assert.deepEqual(serverEnvironment.filter((v) => v.startsWith('NODE_EXTRA_CA_CERTS=')), []);
  });

  scenario(() => editor, '4. hovering a finding shows the rule title and how to fix it', async () => {
    const { page } = editor;
    await openFile(page, 's3.tf');
    // Hover the value itself (squiggle decorations are overlays Playwright cannot hover).
    await page.locator('.editor-group-container.active .view-lines span', { hasText: 'public-read' }).last().hover();
    const hover = page.locator('.monaco-hover').filter({ hasText: 'S3 ACL grants access to everyone' }).first();
    await hover.waitFor({ timeout: 15_000 });
    assert.match(await hover.innerText(), /How to fix/);
    await page.screenshot({ path: join(shots, 'hover.png') });
    await page.keyboard.press('Escape');
  });

  scenario(() => editor, '5. the quick fix from Ctrl+. rewrites the file, and the diagnostic goes away', async () => {
    const { page, workspace } = editor;
    await openFile(page, 's3.tf');
    await focusEditorAt(page, 'public-read');
    const item = await openQuickFix(page, 'Set acl to "private"');
    await page.screenshot({ path: join(shots, 'quick-fix.png') });
    await item.click();
    await page.keyboard.press('Control+S');
    const file = join(workspace, 's3.tf');
    const deadline = Date.now() + 15_000;
    while (!readFileSync(file, 'utf8').includes('acl    = "private"') && Date.now() < deadline) await page.waitForTimeout(200);
    assert.match(readFileSync(file, 'utf8'), /acl {4}= "private"/);
    await waitForProblems(page, (t) => !t.includes('aws_s3_bucket_acl.site sets the ACL'));
  });

  scenario(() => editor, '3. typing a dangerous line shows a diagnostic; deleting it clears it', async () => {
    const { page } = editor;
    await openFile(page, 'typed.tf');
    // Click into the bucket line so the editor has focus, then type a new line after it.
    await focusEditorAt(page, 'e2e-typed');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // insertText types the line as one edit, so auto-closed quotes cannot double up.
    await page.keyboard.insertText('acl = "public-read"');
    await waitForEditorText(page, 'acl = "public-read"');
    // The finding names the typed resource (not s3.tf's, which another scenario fixes).
    const typedFinding = 'aws_s3_bucket_acl.typed sets the ACL "public-read"';
    await waitForProblems(page, (t) => t.includes(typedFinding), 30_000);
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Backspace');
    await waitForProblems(page, (t) => !t.includes(typedFinding), 30_000);
  });

  scenario(() => editor, '8. typing an action name offers the catalogue\'s actions; accepting one gives valid Terraform', async () => {
    const { page, workspace } = editor;
    await openFile(page, 'reader.tf');
    await focusEditorAt(page, 'Action = [');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    // Typed key by key, as a user would: the editor closes the quote, the server completes inside it.
    await page.keyboard.type('"s3:GetOb', { delay: 60 });
    // A row shows the label, then the detail (the access level): match the label alone.
    const suggest = page
      .locator('.suggest-widget .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: /^\s*s3:GetObject\s*$/ }) })
      .first();
    if (!(await suggest.isVisible({ timeout: 5_000 }).catch(() => false))) await page.keyboard.press('Control+Space');
    await suggest.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(shots, 'completion.png') });
    // The first row is the closest name; pick the exact one.
    await suggest.click();
    await page.keyboard.press('Control+S');
    const file = join(workspace, 'reader.tf');
    const deadline = Date.now() + 15_000;
    while (!readFileSync(file, 'utf8').includes('s3:GetObject') && Date.now() < deadline) await page.waitForTimeout(200);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /Action = \[\n\s+"s3:GetObject"\n\s+\]/, text);
    const parsed = await hcl2json('reader.tf', text);
    const policy = parsed.resource.aws_iam_policy.reader[0].policy;
    assert.match(policy, /s3:GetObject/, 'HashiCorp\'s parser reads the completed list');
  });

  scenario(() => editor, '6. fixing a cross-file finding (a public access block in another file) clears it', async () => {
    const { page, workspace } = editor;
    assert.match(await problemsText(page), /aws-s3-public-access-block-missing/);
    writeFileSync(
      join(workspace, 'security.tf'),
      'resource "aws_s3_bucket_public_access_block" "site" {\n  bucket                  = aws_s3_bucket.site.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
    );
    await waitForProblems(page, (t) => !t.includes('aws-s3-public-access-block-missing'));
  });
});

describe('Perimeter in Restricted Mode (workspace trust on)', { timeout: 300_000 }, () => {
  let editor;
  before(async () => {
    editor = await startEditor({ vsix, workspaceSource: join(here, 'workspace'), trust: true, label: 'restricted' });
  });
  after(async () => editor?.stop());

  scenario(() => editor, '7. still analyses files', async () => {
    const { page } = editor;
    // The trust dialog may ask first: keep the workspace restricted.
    const restricted = page.getByRole('button', { name: /No, I don't trust the authors/ });
    if (await restricted.isVisible({ timeout: 5_000 }).catch(() => false)) await restricted.click();
    await openFile(page, 's3.tf');
    await waitForProblems(page, (t) => t.includes('aws-s3-public-acl'));
  });
});
