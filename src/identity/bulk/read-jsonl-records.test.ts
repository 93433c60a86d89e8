import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import type { ImportRecord } from './import-record.ts';
import { readJsonlRecords } from './read-jsonl-records.ts';

async function all(chunks: (string | Buffer)[]): Promise<ImportRecord[]> {
  const records: ImportRecord[] = [];
  for await (const record of readJsonlRecords(Readable.from(chunks))) records.push(record);
  return records;
}

describe('readJsonlRecords', () => {
  it("numbers records by the file's lines, blank lines and CRLF included, and drops a BOM", async () => {
    const records = await all(['\uFEFF{"a":1}\r\n\r\n  \n{"b":', '2}\n{"c":3}']);
    assert.deepEqual(records, [
      { line: 1, attributes: { a: 1 } },
      { line: 4, attributes: { b: 2 } },
      { line: 5, attributes: { c: 3 } },
    ]);
  });

  it('reports malformed JSON and non-objects as errors on their line', async () => {
    const records = await all(['{"ok":true}\n{"broken": \n[1]\nnull\n"text"\n{"ok":2}\n']);
    assert.deepEqual(
      records.map((record) => ('error' in record ? [record.line, record.error.replace(/:.*/, ':…')] : [record.line, record.attributes])),
      [
        [1, { ok: true }],
        [2, 'malformed JSON:…'],
        [3, 'expected a JSON object, got an array'],
        [4, 'expected a JSON object, got null'],
        [5, 'expected a JSON object, got string'],
        [6, { ok: 2 }],
      ],
    );
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('{"sn":"Müller-Lüdenscheidt ✓"}\n', 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    assert.deepEqual(await all(chunks), [{ line: 1, attributes: { sn: 'Müller-Lüdenscheidt ✓' } }]);
  });
});
