import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

describe('end-to-end setup environment', () => {
  it('inner installs see no npm_* variables of an outer npm run, and Node 24 first on PATH', async () => {
    // A plain-JavaScript module of the e2e suite: imported by path, typed here.
    const setupModule = '../e2e/setup.mjs';
    const { installEnv, NODE24_BIN } = (await import(setupModule)) as { installEnv(env: Record<string, string>): Record<string, string>; NODE24_BIN: string };
    const env = installEnv({ PATH: '/usr/bin', HOME: '/root', npm_config_user_agent: 'npm/10 node/v20.20.2 linux x64', npm_lifecycle_event: 'test:e2e', NPM_CONFIG_PREFIX: '/x' });
    assert.deepEqual(Object.keys(env).sort(), ['HOME', 'PATH']);
    assert.equal(env.PATH, `${NODE24_BIN}:/usr/bin`);
  });
});
