// Writes a catalogue as a sectioned file, read by server/src/sectioned-file.ts: one line of
// JSON (the header: what every reader needs, and where each section's bytes are), then the
// sections' text one after another. A reader decodes only the sections it asks for: a
// module names a few services of the 456, and decoding and parsing the whole file on first
// use was most of the catalogue's cost at a cold start.
import { writeFileSync } from 'node:fs';

/**
 * `header` is any JSON object (without a `sections` property); `sections` maps a name to its
 * text. Offsets are in bytes (UTF-8), from the first byte after the header's line.
 */
export function writeSectionedFile(file, header, sections) {
  if ('sections' in header) throw new Error('a sectioned file header has no "sections" of its own');
  const where = {};
  const parts = [];
  let offset = 0;
  for (const [name, text] of Object.entries(sections)) {
    const bytes = Buffer.from(text, 'utf8');
    where[name] = [offset, bytes.length];
    parts.push(bytes);
    offset += bytes.length;
  }
  const head = JSON.stringify({ ...header, sections: where });
  // JSON.stringify escapes line breaks inside strings: the header is exactly one line.
  writeFileSync(file, Buffer.concat([Buffer.from(head + '\n', 'utf8'), ...parts]));
}
