/** Contract of the Store itself: transactions across repositories, migrations, health, dialect. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import type { DurableRepositories, Store } from '../store.ts';
import { unique } from './contract-helpers.ts';
import { sampleJourney } from './journey-repository.contract.ts';

/** Writes one record through every durable repository, all named after `tag`. */
async function writeEverything(repos: DurableRepositories, tag: string, type: string): Promise<void> {
  await repos.managedObjects.create(type, tag, { userName: tag }, {});
  await repos.realms.put(defaultRealmConfig(tag));
  await repos.configs.put(tag, { tag });
  await repos.journeys.put(tag, sampleJourney('Login'));
  await repos.keys.insertIfAbsent({ realm: tag, purpose: 'authId.hmac', kid: 'k1', material: 'm', createdAt: 1, status: 'active' });
}

/** What of `writeEverything(tag)` is visible, per repository. */
async function visible(store: Store, tag: string, type: string): Promise<boolean[]> {
  return [
    (await store.managedObjects.get(type, tag)) !== undefined,
    (await store.realms.get(tag)) !== undefined,
    (await store.configs.get(tag)) !== undefined,
    (await store.journeys.get(tag, 'Login')) !== undefined,
    (await store.keys.list(tag, 'authId.hmac')).length > 0,
  ];
}

/** Registers the Store tests on stores made by `makeStore`; `dialect` is the one expected. */
export function storeContract(makeStore: () => Promise<Store>, dialect: Store['dialect']): void {
  describe('Store', () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it(`reports its dialect (${dialect}) and answers health checks`, async () => {
      assert.equal(store.dialect, dialect);
      await store.health();
    });

    it('migrates idempotently', async () => {
      await store.migrate();
      await store.migrate();
    });

    it('commits every write of a transaction and returns its result', async () => {
      const tag = unique('tx');
      const type = unique('t');
      const result = await store.transaction(async (tx) => {
        await writeEverything(tx, tag, type);
        return 'done';
      });
      assert.equal(result, 'done');
      assert.deepEqual(await visible(store, tag, type), [true, true, true, true, true]);
    });

    it('rolls back every write of a transaction that throws', async () => {
      const tag = unique('tx');
      const type = unique('t');
      const existing = await store.managedObjects.create(type, 'kept', { v: 1 }, {});
      await assert.rejects(
        store.transaction(async (tx) => {
          await writeEverything(tx, tag, type);
          await tx.managedObjects.update(type, 'kept', { v: 2 }, {});
          await tx.managedObjects.setSearchableAttributes(type, ['userName']);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(await visible(store, tag, type), [false, false, false, false, false]);
      assert.deepEqual(await store.managedObjects.get(type, 'kept'), existing);
    });

    it('rolls back when a store error ends the transaction', async () => {
      const type = unique('t');
      await store.managedObjects.create(type, 'a', {}, {});
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.managedObjects.create(type, 'b', {}, {});
          await tx.managedObjects.create(type, 'a', {}, {});
        }),
        (error: unknown) => error instanceof Error && 'code' in error && error.code === 'DUPLICATE_ID',
      );
      assert.equal(await store.managedObjects.get(type, 'b'), undefined);
    });

    it('closes more than once without error', async () => {
      const other = await makeStore();
      await other.close();
      await other.close();
    });
  });
}
