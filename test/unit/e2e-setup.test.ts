import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

describe('end-to-end setup environment', () => {
  it('inner installs see no npm_* variables of an outer npm run, and Node 24 first on PATH', async () => {
    const { installEnv, NODE24_BIN } = await import('../e2e/setup.mjs');
    const env = installEnv({ PATH: '/usr/bin', HOME: '/root', npm_config_user_agent: 'npm/10 node/v20.20.2 linux x64', npm_lifecycle_event: 'test:e2e', NPM_CONFIG_PREFIX: '/x' });
    assert.deepEqual(Object.keys(env).sort(), ['HOME', 'PATH']);
    assert.equal(env.PATH, `${NODE24_BIN}:/usr/bin`);
  });
});
