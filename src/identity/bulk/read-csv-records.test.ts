import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { defaultUserObject } from '../default-user-schema.ts';
import { isBulkError } from './errors.ts';
import type { ImportRecord } from './import-record.ts';
import { readCsvRecords } from './read-csv-records.ts';

const { schema } = defaultUserObject('alpha_user');

async function all(text: string): Promise<ImportRecord[]> {
  const records: ImportRecord[] = [];
  for await (const record of readCsvRecords(Readable.from([text]), schema, 'alpha_user')) records.push(record);
  return records;
}

describe('readCsvRecords', () => {
  it('maps header paths to nested properties, converts to the schema types and leaves out empty cells', async () => {
    const records = await all(
      '_id,userName,/mail,preferences/marketing,preferences/updates,aliasList,passwordHash\n' + 'u-1,bjensen,b@example.com,true,false,"[""a"",""b""]",$2b$04$x\n' + ',sam,,,,,\n',
    );
    assert.deepEqual(records, [
      { line: 2, attributes: { _id: 'u-1', userName: 'bjensen', mail: 'b@example.com', preferences: { marketing: true, updates: false }, aliasList: ['a', 'b'], passwordHash: '$2b$04$x' } },
      { line: 3, attributes: { userName: 'sam' } },
    ]);
  });

  it('rejects a row whose cells do not convert or whose field count differs from the header', async () => {
    assert.deepEqual(await all('userName,preferences/marketing,aliasList\na,yes,[\nb,true\nc,false,[]\n'), [
      { line: 2, error: 'preferences/marketing: expected true or false, got "yes"; aliasList: expected JSON (array)' },
      { line: 3, error: 'has 2 fields, the header has 3' },
      { line: 4, attributes: { userName: 'c', preferences: { marketing: false }, aliasList: [] } },
    ]);
  });

  it('refuses a header with an unknown, virtual, empty or repeated column, or no header at all', async () => {
    for (const [text, message] of [
      ['userName,shoeSize\n', 'column "shoeSize" is not a property of alpha_user'],
      ['userName,cn\n', 'column "cn" is not a property of alpha_user'],
      ['userName,,mail\n', 'column 2 of the header has no name'],
      ['userName,/userName\n', 'column "userName" appears twice in the header'],
      ['', 'the file is empty: expected a header row'],
    ] as const) {
      await assert.rejects(all(text), (error) => isBulkError(error, 'INVALID_CSV_HEADER') && error.message === message, text);
    }
  });
});
