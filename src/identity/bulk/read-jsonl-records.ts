/**
 * JSON Lines import: one JSON object per line, read as a stream (memory stays flat whatever the
 * file size). Blank lines are skipped but counted, so reported line numbers are the file's. A
 * record with a `__proto__`, `constructor` or `prototype` key anywhere, or U+0000 in any text, is
 * an error, not a user.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { findNul } from '../../json/nul-characters.ts';
import { describeUnsafeKey, findUnsafeKey } from '../../json/unsafe-keys.ts';
import type { ImportRecord } from './import-record.ts';
import { MAX_RECORD_CHARS } from './import-record.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The records of a JSONL stream, in file order. */
export async function* readJsonlRecords(input: Readable): AsyncGenerator<ImportRecord> {
  input.setEncoding('utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    if (text.length > MAX_RECORD_CHARS) {
      yield { line, error: `line longer than ${MAX_RECORD_CHARS} characters` };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, error: `malformed JSON: ${error instanceof Error ? error.message : String(error)}` };
      continue;
    }
    const unsafe = findUnsafeKey(value);
    const nul = unsafe === undefined ? findNul(value) : undefined;
    if (unsafe !== undefined) yield { line, error: describeUnsafeKey(unsafe) };
    else if (nul !== undefined) yield { line, error: `the text at ${nul === '' ? 'the root' : nul} holds U+0000 (NUL), which no value may contain` };
    else if (isRecord(value)) yield { line, attributes: value };
    else yield { line, error: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
  }
}
