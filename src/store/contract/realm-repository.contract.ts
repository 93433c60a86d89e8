/** Contract of RealmRepository: put, get, list, replace, delete with the realm's records. */
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

    it('deletes a realm with its journeys and versions, keys, devices and OIDC records, leaving other realms alone', async () => {
      const gone = defaultRealmConfig(unique('gone'));
      const kept = defaultRealmConfig(unique('kept'));
      const journey = (name: string) => ({ tree: { _id: name, entryNodeId: 'e301438c-0bd0-429c-ab0c-66126501069a', nodes: {} }, nodes: {} });
      for (const realm of [gone, kept]) {
        await store.realms.put(realm);
        await store.journeys.put(realm.name, journey('J'));
        await store.journeys.put(realm.name, { ...journey('J'), tree: { ...journey('J').tree, description: 'second' } });
        await store.keys.insertIfAbsent({ realm: realm.name, purpose: 'authId.hmac', kid: 'k1', material: 'enc', createdAt: 1, status: 'active' });
        await store.keys.replaceActiveKeyPair({ realm: realm.name, purpose: 'rp.sig', series: 'RS256', kid: 'p1', material: 'sealed', publicJwk: '{"kid":"p1"}', createdAt: 1 }, undefined);
        await store.devices.create({ realm: realm.name, userId: 'u1', kind: 'oath', id: 'd1', deviceName: 'D', createdDate: 1, lastAccessDate: 1, data: {} });
        await store.oidcRecords.upsert({ realm: realm.name, model: 'Grant', id: 'g1', payload: {} });
      }
      assert.equal(await store.transaction(async (tx) => tx.realms.delete?.(gone.name)), true);
      assert.equal(await store.realms.get(gone.name), undefined);
      assert.deepEqual(await store.journeys.list(gone.name), []);
      assert.equal(await store.journeys.version(gone.name, 'J', 1), undefined, 'replaced versions go too');
      assert.deepEqual(await store.keys.list(gone.name, 'authId.hmac'), []);
      assert.deepEqual(await store.keys.listKeyPairs(gone.name), []);
      assert.deepEqual(await store.devices.list(gone.name, 'u1'), []);
      assert.equal(await store.oidcRecords.find(gone.name, 'Grant', 'g1'), undefined);
      assert.equal(await store.realms.delete?.(gone.name), false, 'a second delete finds nothing');

      assert.deepEqual(await store.realms.get(kept.name), kept);
      assert.equal((await store.journeys.current(kept.name, 'J'))?.revision, 2);
      assert.equal((await store.keys.list(kept.name, 'authId.hmac')).length, 1);
      assert.equal((await store.keys.listKeyPairs(kept.name)).length, 1);
      assert.equal((await store.devices.list(kept.name, 'u1')).length, 1);
      assert.notEqual(await store.oidcRecords.find(kept.name, 'Grant', 'g1'), undefined);
    });
  });
}
