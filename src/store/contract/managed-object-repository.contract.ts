/**
 * Contract of ManagedObjectRepository writes: create, get, update, delete, revisions and the races
 * a shared database must settle (duplicate creates, stale updates). Lookups are in
 * `managed-object-lookup.contract.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../store.ts';
import { outcome, storeErrorWith, unique } from './contract-helpers.ts';

/** Registers the write tests of ManagedObjectRepository on stores made by `makeStore`. */
export function managedObjectRepositoryContract(makeStore: () => Promise<Store>): void {
  describe('ManagedObjectRepository: writes and revisions', () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it('creates an object and reads it back with a revision', async () => {
      const type = unique('t');
      const created = await store.managedObjects.create(type, 'a', { userName: 'alice', tags: ['x'], n: 1.5 }, { createDate: 'd' });
      assert.deepEqual(created, { type, id: 'a', rev: created.rev, data: { userName: 'alice', tags: ['x'], n: 1.5 }, meta: { createDate: 'd' } });
      assert.equal(typeof created.rev, 'string');
      assert.deepEqual(await store.managedObjects.get(type, 'a'), created);
    });

    it('returns undefined for an absent object, and keeps types apart', async () => {
      const type = unique('t');
      await store.managedObjects.create(type, 'a', {}, {});
      assert.equal(await store.managedObjects.get(type, 'b'), undefined);
      assert.equal(await store.managedObjects.get(unique('t'), 'a'), undefined);
    });

    it('refuses a second create of the same id with DUPLICATE_ID, but not in another type', async () => {
      const type = unique('t');
      await store.managedObjects.create(type, 'a', { v: 1 }, {});
      await assert.rejects(store.managedObjects.create(type, 'a', { v: 2 }, {}), storeErrorWith('DUPLICATE_ID'));
      assert.deepEqual((await store.managedObjects.get(type, 'a'))?.data, { v: 1 });
      await store.managedObjects.create(unique('t'), 'a', {}, {});
    });

    it('updates data and meta and changes the revision on every write', async () => {
      const type = unique('t');
      const v1 = await store.managedObjects.create(type, 'a', { v: 1 }, { m: 1 });
      const v2 = await store.managedObjects.update(type, 'a', { v: 2 }, { m: 2 });
      const v3 = await store.managedObjects.update(type, 'a', { v: 3 }, { m: 3 }, v2.rev);
      assert.equal(new Set([v1.rev, v2.rev, v3.rev]).size, 3);
      assert.deepEqual(v3, { type, id: 'a', rev: v3.rev, data: { v: 3 }, meta: { m: 3 } });
      assert.deepEqual(await store.managedObjects.get(type, 'a'), v3);
    });

    it('refuses an update with a stale or malformed revision (REV_MISMATCH) and keeps the object', async () => {
      const type = unique('t');
      const v1 = await store.managedObjects.create(type, 'a', { v: 1 }, {});
      const v2 = await store.managedObjects.update(type, 'a', { v: 2 }, {}, v1.rev);
      await assert.rejects(store.managedObjects.update(type, 'a', { v: 3 }, {}, v1.rev), storeErrorWith('REV_MISMATCH'));
      await assert.rejects(store.managedObjects.update(type, 'a', { v: 3 }, {}, 'not-a-rev'), storeErrorWith('REV_MISMATCH'));
      assert.deepEqual(await store.managedObjects.get(type, 'a'), v2);
    });

    it('writes the data it is given when that is the data it read, even if the object changed meanwhile or its caller changed it', async () => {
      const type = unique('t');
      await store.managedObjects.create(type, 'a', { v: 1, name: 'x' }, { m: 1 });
      // Only the meta changes (a sign-in's login count).
      const read = await store.managedObjects.get(type, 'a');
      assert.ok(read !== undefined);
      const counted = await store.managedObjects.update(type, 'a', read.data, { m: 2 }, read.rev);
      assert.deepEqual([counted.data, counted.meta], [{ v: 1, name: 'x' }, { m: 2 }]);
      assert.notEqual(counted.rev, read.rev);
      assert.deepEqual(await store.managedObjects.get(type, 'a'), counted);
      // Another writer changed the data after this read: an unconditional update writes what it was given.
      const older = await store.managedObjects.get(type, 'a');
      assert.ok(older !== undefined);
      await store.managedObjects.update(type, 'a', { v: 'other' }, { m: 'other' });
      const overwritten = await store.managedObjects.update(type, 'a', older.data, { m: 3 });
      assert.deepEqual([overwritten.data, overwritten.meta], [{ v: 1, name: 'x' }, { m: 3 }]);
      assert.deepEqual(await store.managedObjects.get(type, 'a'), overwritten);
      // …and a conditional one is stale, whether the other writer changed the data or only the meta.
      const stale = await store.managedObjects.get(type, 'a');
      assert.ok(stale !== undefined);
      await store.managedObjects.update(type, 'a', stale.data, { m: 'elsewhere' });
      await assert.rejects(store.managedObjects.update(type, 'a', stale.data, { m: 4 }, stale.rev), storeErrorWith('REV_MISMATCH'));
      // The caller changed the object it read.
      const edited = await store.managedObjects.get(type, 'a');
      assert.ok(edited !== undefined);
      edited.data.v = 'edited';
      const saved = await store.managedObjects.update(type, 'a', edited.data, edited.meta, edited.rev);
      assert.deepEqual((await store.managedObjects.get(type, 'a'))?.data, { v: 'edited', name: 'x' });
      assert.deepEqual(saved.data, { v: 'edited', name: 'x' });
    });

    it('refuses to update an absent object with NOT_FOUND, with or without a revision', async () => {
      const type = unique('t');
      await assert.rejects(store.managedObjects.update(type, 'nope', {}, {}), storeErrorWith('NOT_FOUND'));
      await assert.rejects(store.managedObjects.update(type, 'nope', {}, {}, '1'), storeErrorWith('NOT_FOUND'));
      await assert.rejects(store.managedObjects.update(type, 'nope', {}, {}, 'garbage'), storeErrorWith('NOT_FOUND'));
      assert.equal(await store.managedObjects.get(type, 'nope'), undefined);
    });

    it('deletes and returns the object, with or without a revision', async () => {
      const type = unique('t');
      const a = await store.managedObjects.create(type, 'a', { v: 'a' }, {});
      const b = await store.managedObjects.create(type, 'b', { v: 'b' }, {});
      assert.deepEqual(await store.managedObjects.delete(type, 'a'), a);
      assert.deepEqual(await store.managedObjects.delete(type, 'b', b.rev), b);
      assert.equal(await store.managedObjects.get(type, 'a'), undefined);
      assert.equal(await store.managedObjects.get(type, 'b'), undefined);
    });

    it('refuses a delete with a stale revision (REV_MISMATCH) or of an absent object (NOT_FOUND)', async () => {
      const type = unique('t');
      const v1 = await store.managedObjects.create(type, 'a', {}, {});
      const v2 = await store.managedObjects.update(type, 'a', { v: 2 }, {});
      await assert.rejects(store.managedObjects.delete(type, 'a', v1.rev), storeErrorWith('REV_MISMATCH'));
      assert.deepEqual(await store.managedObjects.get(type, 'a'), v2);
      await assert.rejects(store.managedObjects.delete(type, 'nope'), storeErrorWith('NOT_FOUND'));
      await assert.rejects(store.managedObjects.delete(type, 'nope', '1'), storeErrorWith('NOT_FOUND'));
    });

    it('creates again after a delete', async () => {
      const type = unique('t');
      await store.managedObjects.create(type, 'a', { v: 1 }, {});
      await store.managedObjects.delete(type, 'a');
      const again = await store.managedObjects.create(type, 'a', { v: 2 }, {});
      assert.deepEqual((await store.managedObjects.get(type, 'a'))?.data, again.data);
    });

    it('race: of two parallel creates of one id, exactly one fails with DUPLICATE_ID', async () => {
      for (let round = 0; round < 5; round++) {
        const type = unique('t');
        const results = await Promise.allSettled([
          store.managedObjects.create(type, 'a', { by: 1 }, {}),
          store.managedObjects.create(type, 'a', { by: 2 }, {}),
        ]);
        assert.deepEqual(results.map(outcome).sort(), ['DUPLICATE_ID', 'fulfilled']);
        const winner = results.find((r) => r.status === 'fulfilled');
        assert.deepEqual((await store.managedObjects.get(type, 'a'))?.data, winner?.status === 'fulfilled' ? winner.value.data : undefined);
      }
    });

    it('race: of two parallel updates with the same revision, exactly one fails with REV_MISMATCH', async () => {
      for (let round = 0; round < 5; round++) {
        const type = unique('t');
        const v1 = await store.managedObjects.create(type, 'a', { v: 0 }, {});
        const results = await Promise.allSettled([
          store.managedObjects.update(type, 'a', { v: 1 }, {}, v1.rev),
          store.managedObjects.update(type, 'a', { v: 2 }, {}, v1.rev),
        ]);
        assert.deepEqual(results.map(outcome).sort(), ['REV_MISMATCH', 'fulfilled']);
        const winner = results.find((r) => r.status === 'fulfilled');
        assert.deepEqual(await store.managedObjects.get(type, 'a'), winner?.status === 'fulfilled' ? winner.value : undefined);
      }
    });

    it('race: of two parallel deletes with the same revision, exactly one succeeds', async () => {
      const type = unique('t');
      const v1 = await store.managedObjects.create(type, 'a', {}, {});
      const results = await Promise.allSettled([store.managedObjects.delete(type, 'a', v1.rev), store.managedObjects.delete(type, 'a', v1.rev)]);
      assert.deepEqual(results.map(outcome).sort(), ['NOT_FOUND', 'fulfilled']);
    });
  });
}
