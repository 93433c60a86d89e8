/**
 * Contract of ManagedObjectRepository reads: attribute lookup (strings case-insensitive, numbers
 * and booleans exact), pages, and search indexes that come and go without touching the data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../store.ts';
import { storeErrorWith, unique } from './contract-helpers.ts';

/** Registers the lookup tests of ManagedObjectRepository on stores made by `makeStore`. */
export function managedObjectLookupContract(makeStore: () => Promise<Store>): void {
  describe('ManagedObjectRepository: lookups and search indexes', () => {
    let store: Store;
    const ids = async (type: string, attribute: string, value: string | number | boolean, limit?: number): Promise<string[]> =>
      (await store.managedObjects.findByAttribute(type, attribute, value, limit)).map((o) => o.id);

    /** A type with objects whose attributes share values across JSON types. */
    async function population(): Promise<string> {
      const type = unique('user');
      const put = (id: string, data: Record<string, unknown>) => store.managedObjects.create(type, id, data, {});
      await put('u1', { userName: 'Alice', mail: 'Alice@Example.COM', age: 42, active: true, code: '42' });
      await put('u2', { userName: 'bob', mail: 'bob@example.com', age: 42.5, active: false, code: 42 });
      await put('u3', { userName: 'ALICE', age: '42', active: 'true', code: 1, nested: { userName: 'alice' } });
      await put('u4', { userName: 'carol', active: 1, code: true, tags: ['alice'] });
      await store.managedObjects.create(unique('other'), 'x1', { userName: 'alice' }, {});
      return type;
    }

    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it('finds strings case-insensitively, within the type only, ordered by id', async () => {
      const type = await population();
      assert.deepEqual(await ids(type, 'userName', 'alice'), ['u1', 'u3']);
      assert.deepEqual(await ids(type, 'mail', 'alice@example.com'), ['u1']);
      assert.deepEqual(await ids(type, 'userName', 'ALIce'), ['u1', 'u3']);
      assert.deepEqual(await ids(type, 'userName', 'alic'), []);
      assert.deepEqual(await ids(type, 'userName', 'dave'), []);
    });

    it('honours the limit', async () => {
      const type = await population();
      assert.deepEqual(await ids(type, 'userName', 'alice', 1), ['u1']);
    });

    it('matches numbers exactly and never their string form', async () => {
      const type = await population();
      assert.deepEqual(await ids(type, 'age', 42), ['u1']);
      assert.deepEqual(await ids(type, 'age', 42.5), ['u2']);
      assert.deepEqual(await ids(type, 'age', '42'), ['u3']);
      assert.deepEqual(await ids(type, 'age', 43), []);
      assert.deepEqual(await ids(type, 'code', 42), ['u2']);
      assert.deepEqual(await ids(type, 'code', '42'), ['u1']);
    });

    it('matches booleans exactly: true is neither 1 nor "true"', async () => {
      const type = await population();
      assert.deepEqual(await ids(type, 'active', true), ['u1']);
      assert.deepEqual(await ids(type, 'active', false), ['u2']);
      assert.deepEqual(await ids(type, 'active', 'true'), ['u3']);
      assert.deepEqual(await ids(type, 'active', 1), ['u4']);
      assert.deepEqual(await ids(type, 'code', true), ['u4']);
      assert.deepEqual(await ids(type, 'code', 1), ['u3']);
    });

    it('looks at top-level attributes only: not nested objects, not arrays', async () => {
      const type = await population();
      assert.deepEqual(await ids(type, 'nested', 'alice'), []);
      assert.deepEqual(await ids(type, 'tags', 'alice'), []);
      assert.deepEqual(await ids(type, 'missing', 'alice'), []);
    });

    it('refuses attribute names that are not plain identifiers (INVALID_ATTRIBUTE)', async () => {
      const type = await population();
      for (const attribute of ['', 'user name', 'a.b', "x')--", 'x"y', '1abc', 'a-b', '$.x']) {
        await assert.rejects(store.managedObjects.findByAttribute(type, attribute, 'x'), storeErrorWith('INVALID_ATTRIBUTE'), attribute);
      }
    });

    it('lists a page ordered by id with the total', async () => {
      const type = unique('t');
      for (const id of ['c', 'a', 'e', 'b', 'd']) await store.managedObjects.create(type, id, { id }, {});
      const first = await store.managedObjects.list(type, { limit: 2, offset: 0 });
      const second = await store.managedObjects.list(type, { limit: 2, offset: 2 });
      const last = await store.managedObjects.list(type, { limit: 2, offset: 4 });
      assert.deepEqual([first, second, last].map((p) => p.items.map((o) => o.id)), [['a', 'b'], ['c', 'd'], ['e']]);
      assert.deepEqual([first.total, second.total, last.total], [5, 5, 5]);
      assert.deepEqual(first.items[0]?.data, { id: 'a' });
      assert.deepEqual(await store.managedObjects.list(unique('t'), { limit: 10, offset: 0 }), { items: [], total: 0 });
    });

    it('orders ids by code point (upper case before lower case)', async () => {
      const type = unique('t');
      for (const id of ['b', 'B', 'a', 'A', '_']) await store.managedObjects.create(type, id, {}, {});
      const page = await store.managedObjects.list(type, { limit: 10, offset: 0 });
      assert.deepEqual(page.items.map((o) => o.id), ['A', 'B', '_', 'a', 'b']);
    });

    it('adds and removes search indexes without changing data or lookups', async () => {
      const type = await population();
      const before = await store.managedObjects.list(type, { limit: 100, offset: 0 });
      await store.managedObjects.setSearchableAttributes(type, ['userName', 'mail', 'age']);
      await store.managedObjects.setSearchableAttributes(type, ['userName', 'mail', 'age']); // idempotent
      assert.deepEqual(await ids(type, 'userName', 'ALICE'), ['u1', 'u3']);
      assert.deepEqual(await ids(type, 'age', 42), ['u1']);
      await store.managedObjects.create(type, 'u5', { userName: 'Alice' }, {});
      assert.deepEqual(await ids(type, 'userName', 'alice'), ['u1', 'u3', 'u5']);
      await store.managedObjects.setSearchableAttributes(type, ['mail']);
      assert.deepEqual(await ids(type, 'userName', 'alice'), ['u1', 'u3', 'u5']);
      await store.managedObjects.setSearchableAttributes(type, []);
      assert.deepEqual(await ids(type, 'mail', 'ALICE@example.com'), ['u1']);
      await store.managedObjects.delete(type, 'u5');
      assert.deepEqual(await store.managedObjects.list(type, { limit: 100, offset: 0 }), before);
    });

    it('refuses an invalid searchable attribute before changing anything', async () => {
      const type = await population();
      await assert.rejects(store.managedObjects.setSearchableAttributes(type, ['userName', 'bad name']), storeErrorWith('INVALID_ATTRIBUTE'));
      await store.managedObjects.setSearchableAttributes(type, ['userName']);
      assert.deepEqual(await ids(type, 'userName', 'alice'), ['u1', 'u3']);
    });

    it('indexes types whose names need quoting in SQL', async () => {
      const type = `${unique('t')}'"; drop table managed_objects; --`;
      await store.managedObjects.create(type, 'a', { userName: 'Zed' }, {});
      await store.managedObjects.setSearchableAttributes(type, ['userName']);
      assert.deepEqual(await ids(type, 'userName', 'zed'), ['a']);
      await store.managedObjects.setSearchableAttributes(type, []);
      assert.deepEqual(await ids(type, 'userName', 'zed'), ['a']);
    });
  });
}
