/**
 * Contract of ManagedObjectRepository.query ordering and paging: sort keys (ascending, descending,
 * several, nested, mixed JSON types), pages by offset and by cookie (every walk equals the unpaged
 * order), counts, and the refused paging requests (INVALID_QUERY).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ManagedObjectQuery, SortKey } from '../../identity/ports.ts';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import type { Store } from '../store.ts';
import { storeErrorWith, unique } from './contract-helpers.ts';

/** Names sharing folded values, accents, numbers, strings, booleans, arrays, nulls and missing values. */
const POPULATION: Record<string, Record<string, unknown>> = {
  s1: { userName: 'bravo', age: 30, preferences: { rank: 2 } },
  s2: { userName: 'Alpha', age: 25, preferences: { rank: 1 } },
  s3: { userName: 'charlie', age: 30, preferences: { rank: 3 } },
  s4: { userName: 'ALPHA', age: 41 },
  s5: { age: 'thirty', preferences: { rank: 2 } },
  s6: { userName: 'Émile', age: true },
  s7: { userName: 'delta', age: 30.5, preferences: { rank: 1 } },
  s8: { userName: 'echo' },
  s9: { userName: 'beta', age: null, preferences: { rank: 'x' } },
  s10: { userName: 'foxtrot', age: [1] },
};

const key = (pointer: string): SortKey => ({ field: pointer.replace(/^-/, '').split('/').filter(Boolean), descending: pointer.startsWith('-') });

/** Sort keys and the order they give the population (ties broken by `_id`, in code point order). */
const ORDERS: [string[], string[]][] = [
  [[], ['s1', 's10', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9']],
  [['userName'], ['s2', 's4', 's9', 's1', 's3', 's7', 's8', 's10', 's6', 's5']],
  [['-userName'], ['s5', 's6', 's10', 's8', 's7', 's3', 's1', 's9', 's2', 's4']],
  [['age'], ['s2', 's1', 's3', 's7', 's4', 's5', 's6', 's10', 's8', 's9']],
  [['-age', 'userName'], ['s9', 's8', 's10', 's6', 's5', 's4', 's7', 's1', 's3', 's2']],
  [['/preferences/rank'], ['s2', 's7', 's1', 's5', 's3', 's9', 's10', 's4', 's6', 's8']],
  [['-_id'], ['s9', 's8', 's7', 's6', 's5', 's4', 's3', 's2', 's10', 's1']],
];

/** Registers the ordering and paging tests of ManagedObjectRepository.query on stores made by `makeStore`. */
export function managedObjectQueryPagingContract(makeStore: () => Promise<Store>): void {
  describe('ManagedObjectRepository: query sorting and paging', () => {
    let store: Store;
    const type = unique('page');
    const run = (extra: Omit<Partial<ManagedObjectQuery>, 'filter' | 'sortKeys'> & { sort?: string[]; filter?: string }) => {
      const { sort = [], filter = 'true', ...rest } = extra;
      return store.managedObjects.query(type, { filter: parseQueryFilter(filter), sortKeys: sort.map(key), countTotal: false, ...rest });
    };
    const ids = async (extra: Parameters<typeof run>[0]) => (await run(extra)).items.map((o) => o.id);

    /** Every page, following cookies from the first; checks that only the last has no cookie. */
    async function walk(extra: Parameters<typeof run>[0]): Promise<string[][]> {
      const pages: string[][] = [];
      let cookie: string | undefined;
      do {
        const page = await run({ ...extra, ...(cookie === undefined ? {} : { cookie }) });
        pages.push(page.items.map((o) => o.id));
        cookie = page.pagedResultsCookie ?? undefined;
        assert.ok(pages.length <= 20, 'paging does not end');
      } while (cookie !== undefined);
      return pages;
    }

    before(async () => {
      store = await makeStore();
      for (const [id, data] of Object.entries(POPULATION)) await store.managedObjects.create(type, id, data, {});
    });
    after(async () => {
      await store.close();
    });

    for (const searchable of [[], ['userName', 'age']]) {
      describe(searchable.length === 0 ? 'no search index' : `searchable ${searchable.join(', ')}`, () => {
        before(async () => {
          await store.managedObjects.setSearchableAttributes(type, searchable);
        });

        for (const [sort, expected] of ORDERS) {
          it(`sorts by [${sort.join(', ')}]`, async () => {
            assert.deepEqual(await ids({ sort }), expected);
          });

          it(`walks cookie pages of 1, 3 and 5 sorted by [${sort.join(', ')}], in the unpaged order`, async () => {
            for (const pageSize of [1, 3, 5]) {
              const pages = await walk({ sort, pageSize });
              assert.equal(pages.length, Math.ceil(expected.length / pageSize), `pageSize ${pageSize}`);
              assert.ok(pages.every((page, i) => page.length === (i < pages.length - 1 ? pageSize : expected.length - pageSize * i)));
              assert.deepEqual(pages.flat(), expected, `pageSize ${pageSize}`);
            }
          });
        }

        it('walks filtered cookie pages in the unpaged order', async () => {
          for (const [filter, sort] of [['userName sw "a"', ['userName']], ['userName sw "a" or age pr', ['-userName']], ['age ge 30 or age eq true', ['age']], ['true', ['-age']]] as const) {
            const all = await ids({ filter, sort: [...sort] });
            for (const pageSize of [1, 2, 4]) assert.deepEqual((await walk({ filter, sort: [...sort], pageSize })).flat(), all, `${filter} ${sort.join()} ${pageSize}`);
          }
        });
      });
    }

    it('pages by offset: slices of the unpaged order, empty beyond the end', async () => {
      const sort = ['-age', 'userName'];
      const all = await ids({ sort });
      for (const offset of [0, 4, 8]) assert.deepEqual(await ids({ sort, pageSize: 4, offset }), all.slice(offset, offset + 4));
      assert.deepEqual(await ids({ sort, pageSize: 4, offset: 10 }), []);
      assert.deepEqual(await ids({ sort, offset: 7 }), all.slice(7));
      const middle = await run({ sort, pageSize: 4, offset: 4 });
      assert.notEqual(middle.pagedResultsCookie, null);
      assert.deepEqual((await run({ sort, pageSize: 4, cookie: middle.pagedResultsCookie ?? '' })).items.map((o) => o.id), all.slice(8));
    });

    it('pages a filtered query and counts every match on each page', async () => {
      const filter = 'age pr and !(userName sw "a")';
      const all = await ids({ filter, sort: ['userName'] });
      assert.deepEqual(all, ['s1', 's3', 's7', 's10', 's6', 's5']);
      const first = await run({ filter, sort: ['userName'], pageSize: 4, countTotal: true });
      assert.equal(first.totalPagedResults, 6);
      const second = await run({ filter, sort: ['userName'], pageSize: 4, countTotal: true, cookie: first.pagedResultsCookie ?? '' });
      assert.deepEqual([...first.items, ...second.items].map((o) => o.id), all);
      assert.equal(second.totalPagedResults, 6);
      assert.equal(second.pagedResultsCookie, null);
      assert.equal((await run({ filter, pageSize: 4 })).totalPagedResults, -1);
    });

    it('continues after the cookie position, not after a count of rows, when objects are added', async () => {
      const other = unique('page');
      for (const name of ['b', 'd', 'f', 'h']) await store.managedObjects.create(other, name, { userName: name }, {});
      const query = (cookie?: string) =>
        store.managedObjects.query(other, { filter: { op: 'true' }, sortKeys: [key('userName')], pageSize: 2, countTotal: false, ...(cookie ? { cookie } : {}) });
      const first = await query();
      await store.managedObjects.create(other, 'a', { userName: 'a' }, {});
      const second = await query(first.pagedResultsCookie ?? '');
      assert.deepEqual([first.items, second.items].map((page) => page.map((o) => o.id)), [['b', 'd'], ['f', 'h']]);
    });

    it('refuses malformed or foreign cookies, a cookie with an offset, and bad paging values (INVALID_QUERY)', async () => {
      const { pagedResultsCookie } = await run({ sort: ['userName'], pageSize: 2 });
      assert.ok(pagedResultsCookie !== null && /^[A-Za-z0-9_-]+$/.test(pagedResultsCookie));
      const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const refused = [
        run({ sort: ['userName'], pageSize: 2, cookie: 'not a cookie!' }),
        run({ sort: ['userName'], pageSize: 2, cookie: 'bm90IGpzb24' }),
        run({ sort: ['userName'], pageSize: 2, cookie: forged({ k: '/userName', v: [1, 2] }) }),
        run({ sort: ['userName'], pageSize: 2, cookie: forged({ k: '/userName', v: ['1', 0, '', 's1'] }) }),
        run({ sort: ['age'], pageSize: 2, cookie: pagedResultsCookie }),
        run({ sort: ['-userName'], pageSize: 2, cookie: pagedResultsCookie }),
        run({ sort: ['userName'], pageSize: 2, cookie: pagedResultsCookie, offset: 2 }),
        run({ pageSize: -1 }),
        run({ pageSize: 1.5 }),
        run({ pageSize: 2, offset: -3 }),
      ];
      for (const [i, attempt] of refused.entries()) await assert.rejects(attempt, storeErrorWith('INVALID_QUERY'), `attempt ${i}`);
    });
  });
}
