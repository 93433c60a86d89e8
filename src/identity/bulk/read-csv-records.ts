/**
 * CSV import: a header row of property names (`/`-paths for nested ones), then one user per row,
 * read as a stream. Empty cells leave the property out; values take the schema's types.
 */
import type { Readable } from 'node:stream';
import { hasNul } from '../../json/nul-characters.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import { withFields } from '../object-fields.ts';
import type { CsvColumn } from './csv-columns.ts';
import { csvColumns } from './csv-columns.ts';
import { bulkError } from './errors.ts';
import type { ImportRecord } from './import-record.ts';
import { parseCsv } from './parse-csv.ts';

function toRecord(columns: readonly CsvColumn[], line: number, fields: readonly string[]): ImportRecord {
  if (fields.length !== columns.length) return { line, error: `has ${fields.length} fields, the header has ${columns.length}` };
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  columns.forEach((column, index) => {
    const raw = fields[index] ?? '';
    if (raw === '') return;
    if (hasNul(raw)) {
      problems.push(`${column.path}: holds U+0000 (NUL), which no value may contain`);
      return;
    }
    const cell = column.convert(raw);
    if (cell.ok) values[column.path] = cell.value;
    else problems.push(cell.message);
  });
  if (problems.length > 0) return { line, error: problems.join('; ') };
  // `_id` is server-owned for writes, so withFields drops it: carry it over as the importer reads it.
  const { _id: id, ...properties } = values;
  return { line, attributes: id === undefined ? withFields({}, properties) : { _id: id, ...withFields({}, properties) } };
}

/** The records of a CSV stream; INVALID_CSV_HEADER when the header does not fit `schema`. */
export async function* readCsvRecords(input: Readable, schema: ManagedObjectSchema, type: string): AsyncGenerator<ImportRecord> {
  let columns: CsvColumn[] | undefined;
  for await (const row of parseCsv(input)) {
    if (columns === undefined) {
      if ('error' in row) throw bulkError('INVALID_CSV_HEADER', `line ${row.line}: ${row.error}`);
      columns = csvColumns(schema, row.fields, type);
      continue;
    }
    yield 'error' in row ? row : toRecord(columns, row.line, row.fields);
  }
  if (columns === undefined) throw bulkError('INVALID_CSV_HEADER', 'the file is empty: expected a header row');
}
