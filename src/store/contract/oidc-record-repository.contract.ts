/**
 * Contract of OidcRecordRepository: upsert and read back (and replace), expiry on the store's
 * clock, the secondary lookups (grant, user code, uid), consume exactly once even when two race,
 * destroy, revoke a grant's records of one model only, purge of expired records, records copied
 * in and out, realms and models kept apart, and rollback with a failed transaction. Every test uses
 * a realm of its own, so a shared database is fine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OidcRecord } from '../../oidc/oidc-records.ts';
import type { StoreClock } from '../store-clock.ts';
import type { Store } from '../store.ts';
import { unique } from './contract-helpers.ts';
import { manualClock } from './manual-clock.ts';

const HOUR = 3_600_000;

/** Registers the OidcRecordRepository tests on stores made by `makeStore` (with a clock the tests move). */
export function oidcRecordRepositoryContract(makeStore: (clock?: StoreClock) => Promise<Store>): void {
  describe('OidcRecordRepository', () => {
    let store: Store;
    const clock = manualClock();
    before(async () => {
      store = await makeStore(clock);
    });
    after(async () => {
      await store.close();
    });

    const record = (realm: string, overrides: Partial<OidcRecord> = {}): OidcRecord => ({
      realm,
      model: 'Grant',
      id: unique('id'),
      payload: { accountId: 'bjensen', openid: { scope: 'openid profile' }, nested: [1, 'two', null], text: 'Café 🌳' },
      grantId: 'g1',
      expiresAt: clock.now() + HOUR,
      ...overrides,
    });

    it('stores a record and reads it back unchanged; a second upsert replaces it; unknown ids, models and realms are undefined', async () => {
      const realm = unique('realm');
      const first = record(realm, { userCode: 'ABCD', uid: 'u1' });
      await store.oidcRecords.upsert(first);
      assert.deepEqual(await store.oidcRecords.find(realm, 'Grant', first.id), first);
      const replaced: OidcRecord = { realm, model: 'Grant', id: first.id, payload: { replaced: true } };
      await store.oidcRecords.upsert(replaced);
      assert.deepEqual(await store.oidcRecords.find(realm, 'Grant', first.id), replaced, 'every field replaced, lookups and expiry cleared');
      assert.equal(await store.oidcRecords.find(realm, 'Grant', 'nope'), undefined);
      assert.equal(await store.oidcRecords.find(realm, 'RefreshToken', first.id), undefined, 'another model');
      assert.equal(await store.oidcRecords.find(unique('realm'), 'Grant', first.id), undefined, 'another realm');
    });

    it('copies records in and out', async () => {
      const realm = unique('realm');
      const wanted = record(realm);
      await store.oidcRecords.upsert(wanted);
      wanted.payload['accountId'] = 'changed after upsert';
      const read = await store.oidcRecords.find(realm, 'Grant', wanted.id);
      assert.equal(read?.payload['accountId'], 'bjensen');
      if (read !== undefined) read.payload['accountId'] = 'changed after find';
      assert.equal((await store.oidcRecords.find(realm, 'Grant', wanted.id))?.payload['accountId'], 'bjensen');
    });

    it('never returns an expired record, through find or a lookup; a record without expiry stays', async () => {
      const realm = unique('realm');
      const soon = record(realm, { expiresAt: clock.now() + 1000, uid: 'u-soon' });
      const forever = record(realm, { uid: 'u-forever' });
      delete forever.expiresAt;
      await store.oidcRecords.upsert(soon);
      await store.oidcRecords.upsert(forever);
      clock.advance(999);
      assert.ok(await store.oidcRecords.find(realm, 'Grant', soon.id));
      clock.advance(1);
      assert.equal(await store.oidcRecords.find(realm, 'Grant', soon.id), undefined);
      assert.equal(await store.oidcRecords.findBy(realm, 'Grant', 'uid', 'u-soon'), undefined);
      assert.equal(await store.oidcRecords.consume(realm, 'Grant', soon.id), false, 'an expired record is not consumed');
      assert.deepEqual(await store.oidcRecords.find(realm, 'Grant', forever.id), forever);
    });

    it('finds a record by grant, user code or uid, within its realm and model only', async () => {
      const realm = unique('realm');
      const a = record(realm, { id: 'b-second', model: 'RefreshToken', grantId: 'grant-1', userCode: 'WDJB-MJHT', uid: 'uid-1' });
      const b = record(realm, { id: 'a-first', model: 'RefreshToken', grantId: 'grant-1' });
      await store.oidcRecords.upsert(a);
      await store.oidcRecords.upsert(b);
      assert.equal((await store.oidcRecords.findBy(realm, 'RefreshToken', 'grantId', 'grant-1'))?.id, 'a-first', 'the smallest id of several');
      assert.equal((await store.oidcRecords.findBy(realm, 'RefreshToken', 'userCode', 'WDJB-MJHT'))?.id, 'b-second');
      assert.equal((await store.oidcRecords.findBy(realm, 'RefreshToken', 'uid', 'uid-1'))?.id, 'b-second');
      assert.equal(await store.oidcRecords.findBy(realm, 'RefreshToken', 'uid', 'uid-2'), undefined);
      assert.equal(await store.oidcRecords.findBy(realm, 'Grant', 'uid', 'uid-1'), undefined, 'another model');
      assert.equal(await store.oidcRecords.findBy(unique('realm'), 'RefreshToken', 'uid', 'uid-1'), undefined, 'another realm');
    });

    it('consumes a record once: the time is kept, a second consume and an absent record are false', async () => {
      const realm = unique('realm');
      const token = record(realm, { model: 'RefreshToken' });
      await store.oidcRecords.upsert(token);
      clock.advance(5);
      const at = clock.now();
      assert.equal(await store.oidcRecords.consume(realm, 'RefreshToken', token.id), true);
      assert.equal((await store.oidcRecords.find(realm, 'RefreshToken', token.id))?.consumedAt, at);
      assert.equal(await store.oidcRecords.consume(realm, 'RefreshToken', token.id), false, 'already consumed');
      assert.equal(await store.oidcRecords.consume(realm, 'RefreshToken', 'nope'), false, 'absent');
    });

    it('lets exactly one of many concurrent consumers win', async () => {
      const realm = unique('realm');
      const token = record(realm, { model: 'RefreshToken' });
      await store.oidcRecords.upsert(token);
      const results = await Promise.all(Array.from({ length: 8 }, () => store.oidcRecords.consume(realm, 'RefreshToken', token.id)));
      assert.equal(results.filter((won) => won).length, 1);
    });

    it('destroys one record; revokes a grant’s records of one model and leaves other grants and models alone', async () => {
      const realm = unique('realm');
      const one = record(realm, { model: 'RefreshToken', grantId: 'g-a' });
      const two = record(realm, { model: 'RefreshToken', grantId: 'g-a' });
      const other = record(realm, { model: 'RefreshToken', grantId: 'g-b' });
      const grant = record(realm, { model: 'Grant', grantId: 'g-a' });
      for (const each of [one, two, other, grant]) await store.oidcRecords.upsert(each);
      assert.equal(await store.oidcRecords.revokeByGrantId(realm, 'RefreshToken', 'g-a'), 2);
      assert.equal(await store.oidcRecords.find(realm, 'RefreshToken', one.id), undefined);
      assert.equal(await store.oidcRecords.find(realm, 'RefreshToken', two.id), undefined);
      assert.ok(await store.oidcRecords.find(realm, 'RefreshToken', other.id), 'another grant');
      assert.ok(await store.oidcRecords.find(realm, 'Grant', grant.id), 'another model');
      assert.equal(await store.oidcRecords.revokeByGrantId(unique('realm'), 'RefreshToken', 'g-b'), 0, 'another realm');
      assert.equal(await store.oidcRecords.destroy(realm, 'Grant', grant.id), true);
      assert.equal(await store.oidcRecords.destroy(realm, 'Grant', grant.id), false);
      assert.equal(await store.oidcRecords.find(realm, 'Grant', grant.id), undefined);
    });

    it('purges expired records and keeps live ones', async () => {
      const realm = unique('realm');
      const expired = record(realm, { expiresAt: clock.now() + 10 });
      const live = record(realm, { expiresAt: clock.now() + HOUR });
      await store.oidcRecords.upsert(expired);
      await store.oidcRecords.upsert(live);
      clock.advance(10);
      assert.ok((await store.oidcRecords.purgeExpired()) >= 1);
      clock.set(clock.now() - 10);
      assert.equal(await store.oidcRecords.find(realm, 'Grant', expired.id), undefined, 'gone, not just hidden');
      assert.ok(await store.oidcRecords.find(realm, 'Grant', live.id));
    });

    it('writes nothing when the transaction fails', async () => {
      const realm = unique('realm');
      const kept = record(realm);
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.oidcRecords.upsert(kept);
          throw new Error('rollback');
        }),
        /rollback/,
      );
      assert.equal(await store.oidcRecords.find(realm, 'Grant', kept.id), undefined);
    });
  });
}
