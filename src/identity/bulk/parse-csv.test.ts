import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBulkError } from './errors.ts';
import type { CsvRow } from './parse-csv.ts';
import { parseCsv } from './parse-csv.ts';

async function rows(text: string, chunkSize = text.length || 1, max?: number): Promise<CsvRow[]> {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.slice(i, i + chunkSize));
  const result: CsvRow[] = [];
  for await (const row of parseCsv((async function* () { yield* chunks; })(), max)) result.push(row);
  return result;
}

describe('parseCsv (RFC 4180)', () => {
  const sample = 'userName,description,sn\r\nbjensen,"Says ""hi"", then leaves","Jensen"\r\n"multi","line one\r\nline two",x\r\n\r\nlast,,\r\n';
  const expected: CsvRow[] = [
    { line: 1, fields: ['userName', 'description', 'sn'] },
    { line: 2, fields: ['bjensen', 'Says "hi", then leaves', 'Jensen'] },
    { line: 3, fields: ['multi', 'line one\nline two', 'x'] },
    { line: 6, fields: ['last', '', ''] },
  ];

  it('reads quoted commas, doubled quotes and line breaks, numbering rows by the line they start on', async () => {
    assert.deepEqual(await rows(sample), expected);
  });

  it('gives the same rows whatever the chunking (one character at a time, CRLF split)', async () => {
    for (const size of [1, 2, 3, 7]) assert.deepEqual(await rows(sample, size), expected, `chunks of ${size}`);
  });

  it('accepts LF line ends, a last line without one, and a BOM', async () => {
    assert.deepEqual(await rows('\uFEFFa,b\n1,2'), [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('reports a stray quote and text after a closing quote, skips to the next line and goes on', async () => {
    assert.deepEqual(await rows('a,b\nx"y,1\n"q"z,2\n"ok",3\n'), [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'a quote inside an unquoted field (quote the whole field and double the quote)' },
      { line: 3, error: 'a closing quote must be followed by a comma or the end of the line' },
      { line: 4, fields: ['ok', '3'] },
    ]);
  });

  it('reports a quoted field left open at the end of the file', async () => {
    assert.deepEqual(await rows('a\n"never closed\nstill inside\n'), [
      { line: 1, fields: ['a'] },
      { line: 2, error: 'a quoted field is not closed before the end of the file' },
    ]);
  });

  it('refuses a record past the size limit rather than buffering it', async () => {
    await assert.rejects(rows(`a\n"${'x'.repeat(50)}`, 8, 20), (error) => isBulkError(error, 'RECORD_TOO_LONG') && /^line 2: /.test(error.message));
  });
});
