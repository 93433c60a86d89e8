/**
 * Contract of ManagedObjectRepository unique attributes: the database refuses a second object of
 * a type with the same string value (case-insensitively), even when two writes race, and reports
 * UNIQUE_VIOLATION naming the attribute; making an attribute unique over duplicates changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isStoreError } from '../errors.ts';
import type { Store } from '../store.ts';
import { outcome, storeErrorWith, unique } from './contract-helpers.ts';

/** A rejection matcher: UNIQUE_VIOLATION naming `attribute` in its message, `attribute` and `detail`. */
function violationOf(attribute: string): (error: unknown) => boolean {
  return (error) => {
    assert.ok(isStoreError(error, 'UNIQUE_VIOLATION'), String(error));
    assert.equal(error.attribute, attribute);
    assert.match(error.message, new RegExp(`\\b${attribute}\\b`));
    assert.deepEqual((error.detail as { attribute?: unknown }).attribute, attribute);
    return true;
  };
}

/** Registers the unique-attribute tests of ManagedObjectRepository on stores made by `makeStore`. */
export function managedObjectUniqueContract(makeStore: () => Promise<Store>): void {
  describe('ManagedObjectRepository: unique attributes', () => {
    let store: Store;
    const create = (type: string, id: string, data: Record<string, unknown>) => store.managedObjects.create(type, id, data, {});

    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it('refuses a create or an update into a value another object holds, in any case', async () => {
      const type = unique('uq');
      await store.managedObjects.setUniqueAttributes(type, ['userName', 'mail']);
      await store.managedObjects.setUniqueAttributes(type, ['userName', 'mail']); // idempotent
      await create(type, 'a', { userName: 'Élodie', mail: 'e@example.com' });
      await assert.rejects(create(type, 'b', { userName: 'éLODIE' }), violationOf('userName'));
      await assert.rejects(create(type, 'b', { userName: 'other', mail: 'E@EXAMPLE.COM' }), violationOf('mail'));
      await create(type, 'b', { userName: 'bob' });
      await assert.rejects(store.managedObjects.update(type, 'b', { userName: 'ÉLODIE' }, {}), violationOf('userName'));
      assert.deepEqual((await store.managedObjects.get(type, 'b'))?.data, { userName: 'bob' });
      await store.managedObjects.update(type, 'a', { userName: 'élodie', mail: 'E@example.com' }, {}); // its own value
      await create(unique('uq'), 'c', { userName: 'Élodie' }); // another type
    });

    it('keeps only string values unique: missing, null and numbers may repeat', async () => {
      const type = unique('uq');
      await store.managedObjects.setUniqueAttributes(type, ['userName']);
      for (const [id, data] of [['n1', {}], ['n2', {}], ['n3', { userName: null }], ['n4', { userName: null }], ['n5', { userName: 7 }], ['n6', { userName: 7 }]] as const) {
        await create(type, id, data);
      }
      await create(type, 's1', { userName: '7' });
      await assert.rejects(create(type, 's2', { userName: '7' }), violationOf('userName'));
    });

    it('lets exactly one of two racing creates with the same value (different case) win', async () => {
      const type = unique('uq');
      await store.managedObjects.setUniqueAttributes(type, ['userName']);
      const results = await Promise.allSettled([create(type, 'r1', { userName: 'Carol' }), create(type, 'r2', { userName: 'CAROL' })]);
      assert.deepEqual(results.map(outcome).sort(), ['UNIQUE_VIOLATION', 'fulfilled']);
      const rejected = results.find((r) => r.status === 'rejected');
      assert.ok(rejected !== undefined && violationOf('userName')(rejected.reason));
      const page = await store.managedObjects.list(type, { limit: 10, offset: 0 });
      assert.equal(page.total, 1);
    });

    it('reports the violation inside a transaction too, and the transaction writes nothing', async () => {
      const type = unique('uq');
      await store.managedObjects.setUniqueAttributes(type, ['userName']);
      await create(type, 'a', { userName: 'dup' });
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.managedObjects.create(type, 'b', { userName: 'fresh' }, {});
          await tx.managedObjects.create(type, 'c', { userName: 'DUP' }, {});
        }),
        violationOf('userName'),
      );
      assert.equal(await store.managedObjects.get(type, 'b'), undefined);
    });

    it('drops what is no longer unique', async () => {
      const type = unique('uq');
      await store.managedObjects.setUniqueAttributes(type, ['userName', 'mail']);
      await store.managedObjects.setUniqueAttributes(type, ['mail']);
      await create(type, 'a', { userName: 'x', mail: 'm' });
      await create(type, 'b', { userName: 'X', mail: 'n' });
      await assert.rejects(create(type, 'c', { mail: 'M' }), violationOf('mail'));
      await store.managedObjects.setUniqueAttributes(type, []);
      await create(type, 'c', { mail: 'M' });
    });

    it('refuses to make unique an attribute existing objects share, and leaves the old state', async () => {
      const type = unique('uq');
      await store.managedObjects.setUniqueAttributes(type, ['mail']);
      await create(type, 'a', { userName: 'dup', mail: 'a@x' });
      await create(type, 'b', { userName: 'DUP', mail: 'b@x' });
      await assert.rejects(store.managedObjects.setUniqueAttributes(type, ['userName']), violationOf('userName'));
      await assert.rejects(create(type, 'c', { mail: 'A@X' }), violationOf('mail')); // mail is still unique
      await create(type, 'c', { userName: 'Dup' }); // userName did not become unique
    });

    it('refuses an invalid attribute name before changing anything (INVALID_ATTRIBUTE)', async () => {
      const type = unique('uq');
      await store.managedObjects.setUniqueAttributes(type, ['mail']);
      await assert.rejects(store.managedObjects.setUniqueAttributes(type, ['userName', "x') --"]), storeErrorWith('INVALID_ATTRIBUTE'));
      await create(type, 'a', { mail: 'm' });
      await assert.rejects(create(type, 'b', { mail: 'M' }), violationOf('mail'));
    });
  });
}
