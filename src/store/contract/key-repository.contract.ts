/** Contract of KeyRepository: realm keys by purpose, inserted once; key pairs, one active per series, replaced atomically. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NewKeyPair, StoredKey, StoredKeyPair } from '../../secrets/ports.ts';
import type { Store } from '../store.ts';
import { unique } from './contract-helpers.ts';

function key(realm: string, kid: string, createdAt: number, overrides: Partial<StoredKey> = {}): StoredKey {
  return { realm, purpose: 'authId.hmac', kid, material: `enc-${kid}`, createdAt, status: 'active', ...overrides };
}

function pair(realm: string, kid: string, createdAt: number, overrides: Partial<NewKeyPair> = {}): NewKeyPair {
  return { realm, purpose: 'rp.sig', series: 'RS256', kid, material: `sealed-${kid}`, publicJwk: `{"kid":"${kid}"}`, createdAt, ...overrides };
}

function active(key: NewKeyPair): StoredKeyPair {
  return { ...key, status: 'active', publishedUntil: undefined };
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

    describe('key pairs', () => {
      it('makes the first key of a series active; a second first key of that series changes nothing; other series and realms are apart', async () => {
        const realm = unique('realm');
        const sig = pair(realm, 's1', 1_700_000_000_000);
        assert.equal(await store.keys.replaceActiveKeyPair(sig, undefined), true);
        assert.equal(await store.keys.replaceActiveKeyPair(pair(realm, 's2', 1_700_000_000_001), undefined), false);
        const es = pair(realm, 'es1', 1_700_000_000_002, { series: 'ES256' });
        const enc = pair(realm, 'e1', 1_700_000_000_003, { purpose: 'rp.enc', series: 'RSA-OAEP' });
        const other = pair(unique('realm'), 's1', 1);
        for (const key of [es, enc, other]) assert.equal(await store.keys.replaceActiveKeyPair(key, undefined), true);
        assert.deepEqual(await store.keys.listKeyPairs(realm), [active(sig), active(es), active(enc)]);
        assert.deepEqual(await store.keys.listKeyPairs(unique('realm')), []);
        // The symmetric keys of the realm are another set.
        assert.deepEqual(await store.keys.list(realm, 'authId.hmac'), []);
      });

      it('rotates: the new key is active, the replaced one retired until its time; a stale or taken kid changes nothing', async () => {
        const realm = unique('realm');
        const first = pair(realm, 'k1', 1_700_000_000_000);
        await store.keys.replaceActiveKeyPair(first, undefined);
        const second = pair(realm, 'k2', 1_700_000_100_000);
        assert.equal(await store.keys.replaceActiveKeyPair(second, { kid: 'k1', publishedUntil: 1_700_086_500_000 }), true);
        const rotated = [{ ...first, status: 'retired', publishedUntil: 1_700_086_500_000 }, active(second)];
        assert.deepEqual(await store.keys.listKeyPairs(realm), rotated);
        // k1 is no longer the active key; k2 exists already; neither attempt changes anything.
        assert.equal(await store.keys.replaceActiveKeyPair(pair(realm, 'k3', 1_700_000_200_000), { kid: 'k1', publishedUntil: 1_800_000_000_000 }), false);
        assert.equal(await store.keys.replaceActiveKeyPair(pair(realm, 'k2', 1_700_000_200_000, { series: 'PS256' }), undefined), false);
        assert.equal(await store.keys.replaceActiveKeyPair(pair(realm, 'k2', 1_700_000_200_000), { kid: 'k2', publishedUntil: 1_800_000_000_000 }), false);
        assert.deepEqual(await store.keys.listKeyPairs(realm), rotated);
      });

      it('deletes retired keys of the series whose time has passed at the next change, and keeps the one retired by it', async () => {
        const realm = unique('realm');
        await store.keys.replaceActiveKeyPair(pair(realm, 'k1', 1_000), undefined);
        await store.keys.replaceActiveKeyPair(pair(realm, 'k2', 2_000), { kid: 'k1', publishedUntil: 2_000 });
        const enc = pair(realm, 'e1', 1_500, { purpose: 'rp.enc', series: 'RSA-OAEP' });
        await store.keys.replaceActiveKeyPair(enc, undefined);
        await store.keys.replaceActiveKeyPair(pair(realm, 'e2', 1_600, { purpose: 'rp.enc', series: 'RSA-OAEP' }), { kid: 'e1', publishedUntil: 1_600 });
        // k1's time is past at 3 000: deleted; k2, retired now until 2 500 (already past), stays until the next change; e1 is another series.
        const third = pair(realm, 'k3', 3_000);
        assert.equal(await store.keys.replaceActiveKeyPair(third, { kid: 'k2', publishedUntil: 2_500 }), true);
        const kids = (await store.keys.listKeyPairs(realm)).map((key) => `${key.kid}:${key.status}`);
        assert.deepEqual(kids, ['e1:retired', 'e2:active', 'k2:retired', 'k3:active']);
      });

      it('race: parallel first keys of a series leave one active key; parallel rotations of one key leave one winner', async () => {
        const realm = unique('realm');
        const firsts = await Promise.all(Array.from({ length: 5 }, (_, i) => store.keys.replaceActiveKeyPair(pair(realm, `first${i}`, 1_700_000_000_000), undefined)));
        assert.equal(firsts.filter(Boolean).length, 1);
        const winner = (await store.keys.listKeyPairs(realm))[0];
        assert.ok(winner !== undefined);
        const rotations = await Promise.all(
          Array.from({ length: 5 }, (_, i) => store.keys.replaceActiveKeyPair(pair(realm, `next${i}`, 1_700_000_100_000), { kid: winner.kid, publishedUntil: 1_700_086_500_000 })),
        );
        assert.equal(rotations.filter(Boolean).length, 1);
        const statuses = (await store.keys.listKeyPairs(realm)).map((key) => key.status).sort();
        assert.deepEqual(statuses, ['active', 'retired']);
      });
    });
  });
}
