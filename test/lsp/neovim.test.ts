import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, tempDir } from '../helpers';

const BIN = path.join(ROOT, 'dist', 'language-server.js');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const SKIP = nvim.status === 0 ? false : 'nvim is not installed (apt-get install -y neovim): the Neovim check is skipped';

// Neovim's own LSP client (start_client works from 0.7, Debian 12's version, to 0.11) against
// the bin; it writes the diagnostics it received, one `code line col` a line (0-based).
const INIT_LUA = `
local bin, file, out = os.getenv('PERIMETER_BIN'), os.getenv('PERIMETER_FILE'), os.getenv('PERIMETER_OUT')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'perimeter', cmd = { bin, '--stdio' }, root_dir = vim.fn.fnamemodify(file, ':h') })
vim.lsp.buf_attach_client(buf, id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, string.format('%s %d %d', d.code or '?', d.lnum, d.col))
end
if not ok then table.insert(lines, 'timeout') end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(id)
vim.cmd('qa!')
`;

describe('perimeter-language-server in Neovim', () => {
  it('nvim --headless receives the diagnostic of an opened file', { skip: SKIP }, () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.tf');
    fs.writeFileSync(file, 'provider "aws" {\n  region     = "eu-west-1"\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n');
    fs.writeFileSync(path.join(dir, 'init.lua'), INIT_LUA);
    const out = path.join(dir, 'out.txt');
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(dir, 'init.lua')], {
      env: { ...process.env, PERIMETER_BIN: BIN, PERIMETER_FILE: file, PERIMETER_OUT: out },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(out, 'utf8').trim().split('\n'), ['aws-provider-static-credentials 2 15']);
  });
});
