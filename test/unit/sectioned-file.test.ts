import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readSectionedFile } from '../../server/src/sectioned-file';
// The writer the catalogue builds use (scripts/), read back by the server's reader.
import { writeSectionedFile } from '../../scripts/sectioned-file.mjs';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'perimeter-sections-')), 'catalogue.txt');
}

describe('sectioned catalogue files', () => {
  it('reads back the header and every section as written, multi-byte text and line breaks included', () => {
    const file = tempFile();
    const sections = { s3: 'GetObject 2,PutObject 4', 'é-service': 'Décrit — “quoted”\nsecond line', empty: '', last: '{"A":"b"}' };
    writeSectionedFile(file, { date: '2026-09-26', keys: ['aws:SourceIp', 'line\nbreak'] }, sections);
    const read = readSectionedFile<{ date: string; keys: string[] }>(file);
    assert.deepEqual(read.header, { date: '2026-09-26', keys: ['aws:SourceIp', 'line\nbreak'] });
    assert.deepEqual(read.names, Object.keys(sections));
    for (const [name, text] of Object.entries(sections)) assert.equal(read.section(name), text, name);
    assert.equal(read.section('ec2'), undefined);
    assert.equal(read.section('__proto__'), undefined);
  });

  it('refuses a header that would clash with the section table, and a file with no header line', () => {
    assert.throws(() => writeSectionedFile(tempFile(), { sections: 1 }, {}), /no "sections" of its own/);
    const file = tempFile();
    fs.writeFileSync(file, '{"sections":{}}');
    assert.throws(() => readSectionedFile(file), /not a sectioned catalogue file/);
  });
});
