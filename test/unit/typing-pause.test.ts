import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../rules/index';
import { Analysis } from '../../server/src/lsp/analysis';
import { RecentCosts } from '../../server/src/lsp/recent-costs';

describe('typing pause: how long the server waits before analysing an edit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perimeter-pause-'));
  const file = path.join(dir, 'main.tf');
  fs.writeFileSync(file, 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n');

  it('waits the whole pause for a module never analysed (its cost is not known)', () => {
    const analysis = new Analysis(ALL_RULES);
    analysis.configure({}, dir);
    assert.equal(analysis.typingPause(file, 120), 120);
    analysis.dispose();
  });

  it('analyses at once a module whose last analysis was cheap, and waits for one that was not', () => {
    const analysis = new Analysis(ALL_RULES);
    analysis.configure({}, dir);
    analysis.openDocument(file, fs.readFileSync(file, 'utf8'));
    analysis.analyseModuleOf(file);
    // A three-line module analyses in well under a second: cheap at that bar, costly at 0 ms.
    assert.equal(analysis.typingPause(file, 120, 1000), 0);
    assert.equal(analysis.typingPause(file, 120, 0), 120);
    // Another module's cost says nothing about this one.
    assert.equal(analysis.typingPause(path.join(dir, 'other', 'main.tf'), 120, 1000), 120);
    analysis.dispose();
  });
});

describe('recent analysis costs: what decides the typing pause', () => {
  it('is the median of the last five analyses of a module', () => {
    const costs = new RecentCosts();
    assert.equal(costs.typical('/m'), undefined);
    costs.record('/m', 3);
    assert.equal(costs.typical('/m'), 3);
    for (const ms of [2, 4, 3]) costs.record('/m', ms);
    assert.equal(costs.typical('/m'), 3);
    assert.equal(costs.typical('/other'), undefined, 'one module says nothing of another');
  });

  it('one slow analysis among cheap ones (a garbage collection) leaves the module cheap', () => {
    const costs = new RecentCosts();
    for (const ms of [2, 2, 3, 2]) costs.record('/m', ms);
    costs.record('/m', 45);
    assert.ok(costs.typical('/m')! < 20);
  });

  it('follows a module that became costly, within a few analyses', () => {
    const costs = new RecentCosts();
    for (const ms of [2, 2, 2, 2, 2]) costs.record('/m', ms);
    for (const ms of [60, 70]) costs.record('/m', ms);
    assert.ok(costs.typical('/m')! < 20, 'two slow ones are not yet typical');
    costs.record('/m', 65);
    assert.ok(costs.typical('/m')! >= 20, 'three of the last five are');
  });
});
