import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { ROOT } from '../helpers';
import { META_RULES } from '../../server/src/engine/suppress';

/** VS Code offers the rule ids in settings.json and marks an unknown one: the schema must list exactly the rules. */
describe('the extension settings schema', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { properties?: Record<string, { enum: string[] }>; additionalProperties?: unknown }> } };
  };
  const props = pkg.contributes.configuration.properties;
  const ids = [...ALL_RULES.map((r) => r.id), ...META_RULES.map((r) => r.id)].sort();

  for (const [setting, values] of [
    ['perimeter.rules', ['on', 'off']],
    ['perimeter.severityOverrides', ['critical', 'high', 'medium', 'low']],
  ] as const) {
    it(`${setting} offers every rule id and no other`, () => {
      const schema = props[setting];
      assert.deepEqual(Object.keys(schema.properties ?? {}).sort(), ids);
      assert.equal(schema.additionalProperties, false);
      for (const id of ids) assert.deepEqual(schema.properties![id].enum, values, id);
    });
  }

  it('perimeter.severityLevels maps each severity to a VS Code level', () => {
    const schema = props['perimeter.severityLevels'];
    assert.deepEqual(Object.keys(schema.properties ?? {}), ['critical', 'high', 'medium', 'low']);
    for (const s of Object.values(schema.properties!)) assert.deepEqual(s.enum, ['error', 'warning', 'information', 'hint']);
  });
});
