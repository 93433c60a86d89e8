/** Contract of RealmRepository: put, get, list, replace. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import type { Store } from '../store.ts';
import { unique } from './contract-helpers.ts';

/** Registers the RealmRepository tests on stores made by `makeStore`. */
export function realmRepositoryContract(makeStore: () => Promise<Store>): void {
  describe('RealmRepository', () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it('stores a realm configuration and reads it back unchanged', async () => {
      const realm = defaultRealmConfig(unique('realm'));
      await store.realms.put(realm);
      assert.deepEqual(await store.realms.get(realm.name), realm);
    });

    it('returns undefined for an unknown realm', async () => {
      assert.equal(await store.realms.get(unique('none')), undefined);
    });

    it('replaces the configuration on a second put', async () => {
      const realm = defaultRealmConfig(unique('realm'));
      await store.realms.put(realm);
      const changed = { ...realm, successUrl: '/elsewhere', lockout: { ...realm.lockout, failureCount: 9 } };
      await store.realms.put(changed);
      assert.deepEqual(await store.realms.get(realm.name), changed);
    });

    it('lists every realm sorted by name', async () => {
      const names = [unique('zz'), unique('aa'), unique('mm')];
      for (const name of names) await store.realms.put(defaultRealmConfig(name));
      const listed = (await store.realms.list()).map((r) => r.name);
      assert.deepEqual(listed.filter((n) => names.includes(n)), [...names].sort());
      assert.deepEqual(listed, [...listed].sort());
    });
  });
}
