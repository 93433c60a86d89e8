import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { interceptCalls } from '../../store/memory/testing/intercept-calls.ts';
import { defaultUserObject } from '../default-user-schema.ts';
import { exportUsers } from './export-users.ts';
import type { ImportRecord } from './import-record.ts';
import { readCsvRecords } from './read-csv-records.ts';
import { csvExportColumns, csvField, csvLine } from './csv-line.ts';

const TYPE = 'alpha_user';
const { schema } = defaultUserObject(TYPE);

async function storeWith(count: number) {
  const store = openMemoryStore();
  for (let i = 0; i < count; i += 1) {
    const id = `u${String(i).padStart(3, '0')}`;
    await store.managedObjects.create(TYPE, id, { userName: `user${i}`, mail: `user${i}@example.com`, password: `$2b$04$hash${i}`, preferences: { marketing: i % 2 === 0 } }, { createDate: 'x' });
  }
  return store;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

describe('exportUsers', () => {
  it('pages through every user in _id order, one query per page, without password hashes', async () => {
    const store = await storeWith(5);
    const pageSizes: (number | undefined)[] = [];
    const objects = interceptCalls(store.managedObjects, { query: (_type, query) => void pageSizes.push(query.pageSize) });
    const users = await collect(exportUsers({ objects, type: TYPE, pageSize: 2 }));
    assert.deepEqual(users.map((user) => user._id), ['u000', 'u001', 'u002', 'u003', 'u004']);
    assert.deepEqual(pageSizes, [2, 2, 2]);
    assert.deepEqual(users[0], { _id: 'u000', userName: 'user0', mail: 'user0@example.com', preferences: { marketing: true } });
    assert.ok(users.every((user) => !('password' in user) && !('passwordHash' in user)));
  });

  it('adds passwordHash only when asked for', async () => {
    const users = await collect(exportUsers({ objects: (await storeWith(1)).managedObjects, type: TYPE, includePasswordHashes: true }));
    assert.equal(users[0]?.passwordHash, '$2b$04$hash0');
  });

  it('leaves security answers out unless hashes are asked for; then exports their stored form', async () => {
    const store = openMemoryStore();
    const hashed = { $crypto: { type: 'salted-hash', value: { algorithm: 'ARGON2ID', data: '$argon2id$v=19$x' } } };
    await store.managedObjects.create(TYPE, 'u1', { userName: 'kay', kbaInfo: [{ questionId: '1', answer: hashed }, { customQuestion: 'Pet?', answer: hashed }] }, {});
    const [without] = await collect(exportUsers({ objects: store.managedObjects, type: TYPE }));
    assert.deepEqual(without?.kbaInfo, [{ questionId: '1' }, { customQuestion: 'Pet?' }]);
    const [withHashes] = await collect(exportUsers({ objects: store.managedObjects, type: TYPE, includePasswordHashes: true }));
    assert.deepEqual(withHashes?.kbaInfo, [{ questionId: '1', answer: hashed }, { customQuestion: 'Pet?', answer: hashed }]);
  });

  it('ends on an empty type', async () => {
    assert.deepEqual(await collect(exportUsers({ objects: openMemoryStore().managedObjects, type: TYPE })), []);
  });
});

describe('CSV export', () => {
  it('lists _id, the stored properties with nested ones flattened, and passwordHash when asked for', () => {
    const columns = csvExportColumns(schema, true);
    assert.deepEqual(columns.slice(0, 4), ['_id', 'userName', 'givenName', 'sn']);
    assert.ok(columns.includes('preferences/marketing') && columns.includes('preferences/updates') && columns.includes('aliasList'));
    assert.ok(!columns.includes('password') && !columns.includes('cn') && !columns.includes('effectiveRoles') && !columns.includes('preferences'));
    assert.equal(columns.at(-1), 'passwordHash');
    assert.ok(!csvExportColumns(schema, false).includes('passwordHash'));
  });

  it('quotes what needs quoting and writes complex values as JSON', () => {
    assert.deepEqual(['plain', 'a,b', 'say "hi"', 'two\nlines', true, 3, null, undefined, ['x']].map(csvField), ['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', 'true', '3', '', '', '"[""x""]"']);
    assert.equal(csvLine({ _id: '1', preferences: { marketing: false } }, ['_id', 'mail', 'preferences/marketing']), '1,,false');
  });

  it('writes CSV that the CSV reader reads back to the same users', async () => {
    const columns = csvExportColumns(schema, true);
    const users = [
      { _id: 'u1', userName: 'bjensen', sn: 'Jensen, "Babs"', description: 'line one\nline two', preferences: { marketing: true, updates: false }, aliasList: ['a', 'b'], passwordHash: '$2b$04$x' },
      { _id: 'u2', userName: 'sam', accountStatus: 'inactive' },
    ];
    const text = [columns.join(','), ...users.map((user) => csvLine(user, columns))].join('\r\n');
    const records: ImportRecord[] = await collect(readCsvRecords(Readable.from([text]), schema, TYPE));
    assert.deepEqual(records, [
      { line: 2, attributes: users[0] },
      { line: 4, attributes: users[1] },
    ]);
  });
});
