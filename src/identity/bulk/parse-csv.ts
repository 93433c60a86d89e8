/**
 * A streaming RFC 4180 CSV reader: fields separated by commas, records by CRLF or LF; a field in
 * double quotes may hold commas, line breaks and doubled quotes (`""`). Each row carries the line
 * it starts on. A malformed row is reported and skipped up to the end of its line.
 */
import { bulkError } from './errors.ts';
import { MAX_RECORD_CHARS } from './import-record.ts';

/** A parsed row, or why it could not be parsed; `line` is where it starts (1-based). */
export type CsvRow = { line: number; fields: string[] } | { line: number; error: string };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

type State = 'start' | 'unquoted' | 'quoted' | 'quote' | 'skip';

/** Rows of the CSV text arriving in `chunks` (any chunking); blank lines are skipped. */
export async function* parseCsv(chunks: AsyncIterable<string | Buffer>, maxRecordChars = MAX_RECORD_CHARS): AsyncGenerator<CsvRow> {
  let state: State = 'start';
  let fields: string[] = [];
  let field = '';
  let size = 0;
  let line = 1;
  let recordLine = 1;
  let error = '';
  let afterCR = false;
  let first = true;

  const endRecord = (): CsvRow | undefined => {
    const row: CsvRow | undefined = state === 'skip' ? { line: recordLine, error } : fields.length === 0 && field === '' && state === 'start' ? undefined : { line: recordLine, fields: [...fields, field] };
    fields = [];
    field = '';
    size = 0;
    state = 'start';
    recordLine = line;
    return row;
  };

  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      // The LF of a CRLF: the CR already ended the line (or went into a quoted field as \n).
      if (code === LF && afterCR) {
        afterCR = false;
        continue;
      }
      afterCR = code === CR;
      const newline = code === LF || code === CR;
      if (newline) line += 1;
      if ((size += 1) > maxRecordChars) throw bulkError('RECORD_TOO_LONG', `line ${recordLine}: record longer than ${maxRecordChars} characters`);
      switch (state) {
        case 'skip':
          if (newline) yield endRecord() as CsvRow;
          break;
        case 'quoted':
          if (code === QUOTE) state = 'quote';
          else field += newline ? '\n' : text[index];
          break;
        case 'quote':
          if (code === QUOTE) {
            field += '"';
            state = 'quoted';
          } else if (code === COMMA) {
            fields.push(field);
            field = '';
            state = 'start';
          } else if (newline) {
            const row = endRecord();
            if (row !== undefined) yield row;
          } else {
            error = 'a closing quote must be followed by a comma or the end of the line';
            state = 'skip';
          }
          break;
        case 'start':
        case 'unquoted':
          if (code === COMMA) {
            fields.push(field);
            field = '';
            state = 'start';
          } else if (newline) {
            const row = endRecord();
            if (row !== undefined) yield row;
          } else if (code === QUOTE && state === 'start') {
            state = 'quoted';
          } else if (code === QUOTE) {
            error = 'a quote inside an unquoted field (quote the whole field and double the quote)';
            state = 'skip';
          } else {
            field += text[index];
            state = 'unquoted';
          }
          break;
      }
    }
  }
  if (state === 'quoted') {
    yield { line: recordLine, error: 'a quoted field is not closed before the end of the file' };
    return;
  }
  const row = endRecord();
  if (row !== undefined) yield row;
}
