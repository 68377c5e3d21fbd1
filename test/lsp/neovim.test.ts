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
-- PERIMETER_EMPTY_CERTS=1: the README's configuration for a faster start, and the server's
-- NODE_EXTRA_CA_CERTS read from its environment (/proc) and written first.
local empty_certs = os.getenv('PERIMETER_EMPTY_CERTS') == '1'
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local config = { name = 'perimeter', cmd = { bin, '--stdio' }, root_dir = vim.fn.fnamemodify(file, ':h') }
if empty_certs then config.cmd_env = { NODE_EXTRA_CA_CERTS = '' } end
local id = vim.lsp.start_client(config)
vim.lsp.buf_attach_client(buf, id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lines = {}
if empty_certs then
  local f = io.open('/proc/' .. vim.lsp.get_client_by_id(id).rpc.pid .. '/environ', 'rb')
  local env = f and f:read('*a') or ''
  if f then f:close() end
  for entry in env:gmatch('[^%z]+') do
    if entry:find('^NODE_EXTRA_CA_CERTS=') then table.insert(lines, entry) end
  end
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, string.format('%s %d %d', d.code or '?', d.lnum, d.col))
end
if not ok then table.insert(lines, 'timeout') end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(id)
vim.cmd('qa!')
`;

/**
 * Opens a main.tf with a static key in nvim --headless driven by INIT_LUA, with `env` added
 * to Neovim's environment; the lines INIT_LUA wrote.
 */
function runNeovim(env: Record<string, string>): string[] {
  const dir = tempDir();
  const file = path.join(dir, 'main.tf');
  fs.writeFileSync(file, 'provider "aws" {\n  region     = "eu-west-1"\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n');
  fs.writeFileSync(path.join(dir, 'init.lua'), INIT_LUA);
  const out = path.join(dir, 'out.txt');
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(dir, 'init.lua')], {
    env: { ...process.env, ...env, PERIMETER_BIN: BIN, PERIMETER_FILE: file, PERIMETER_OUT: out },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return fs.readFileSync(out, 'utf8').trim().split('\n');
}

describe('perimeter-language-server in Neovim', () => {
  it('nvim --headless receives the diagnostic of an opened file', { skip: SKIP }, () => {
    assert.deepEqual(runNeovim({}), ['aws-provider-static-credentials 2 15']);
  });

  it('the README\'s cmd_env starts the server with an empty NODE_EXTRA_CA_CERTS, and it still answers', { skip: SKIP || (process.platform !== 'linux' && 'reads /proc') }, () => {
    // Neovim itself runs with the variable set, as on a company machine.
    const lines = runNeovim({ NODE_EXTRA_CA_CERTS: path.join(tempDir(), 'proxy.pem'), PERIMETER_EMPTY_CERTS: '1' });
    assert.deepEqual(lines, ['NODE_EXTRA_CA_CERTS=', 'aws-provider-static-credentials 2 15']);
  });
});
