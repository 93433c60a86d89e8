/** Contract of KeyRepository: realm keys by purpose, inserted once. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StoredKey } from '../../secrets/ports.ts';
import type { Store } from '../store.ts';
import { unique } from './contract-helpers.ts';

function key(realm: string, kid: string, createdAt: number, overrides: Partial<StoredKey> = {}): StoredKey {
  return { realm, purpose: 'authId.hmac', kid, material: `enc-${kid}`, createdAt, status: 'active', ...overrides };
}

/** Registers the KeyRepository tests on stores made by `makeStore`. */
export function keyRepositoryContract(makeStore: () => Promise<Store>): void {
  describe('KeyRepository', () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it('inserts keys and lists them per realm and purpose, oldest first', async () => {
      const realm = unique('realm');
      const newer = key(realm, 'k2', 1_700_000_002_000, { status: 'valid' });
      const older = key(realm, 'k1', 1_700_000_001_000);
      const aes = key(realm, 'k3', 1_700_000_000_000, { purpose: 'transientState.aes' });
      for (const k of [newer, older, aes, key(unique('realm'), 'k1', 1)]) await store.keys.insertIfAbsent(k);
      assert.deepEqual(await store.keys.list(realm, 'authId.hmac'), [older, newer]);
      assert.deepEqual(await store.keys.list(realm, 'transientState.aes'), [aes]);
      assert.deepEqual(await store.keys.list(unique('realm'), 'authId.hmac'), []);
    });

    it('keeps the first key when the same kid is inserted again', async () => {
      const realm = unique('realm');
      const first = key(realm, 'k1', 1_700_000_000_000);
      await store.keys.insertIfAbsent(first);
      await store.keys.insertIfAbsent({ ...first, material: 'other', status: 'valid' });
      assert.deepEqual(await store.keys.list(realm, 'authId.hmac'), [first]);
    });

    it('race: parallel inserts of the same key leave one row and no error', async () => {
      const realm = unique('realm');
      const first = key(realm, 'k1', 1_700_000_000_000);
      await Promise.all(Array.from({ length: 5 }, (_, i) => store.keys.insertIfAbsent({ ...first, material: `m${i}` })));
      const listed = await store.keys.list(realm, 'authId.hmac');
      assert.equal(listed.length, 1);
    });
  });
}
