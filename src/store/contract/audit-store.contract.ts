/**
 * Contract of AuditStore: events appended (one or many at once, all or none) and listed back
 * unchanged, newest first, by topic; one realm's events only when asked; equality on the indexed
 * fields, case-insensitive as `_queryFilter` compares, one of several values, several fields at
 * once; a time window; keyset paging before a position (ties on the same millisecond broken by
 * id, nothing skipped or repeated); counts of a selection; the purge removes only events older
 * than the instant; events copied in and out. Every test uses a realm of its own (and dates of its
 * own), so a shared database is fine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEvent } from '../../audit/audit-event.ts';
import type { AuditEquals } from '../../audit/audit-store.ts';
import type { StoreClock } from '../store-clock.ts';
import type { Store } from '../store.ts';
import { unique } from './contract-helpers.ts';

/** Registers the AuditStore tests on stores made by `makeStore`. */
export function auditStoreContract(makeStore: (clock?: StoreClock) => Promise<Store>): void {
  describe('AuditStore', () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    const failure = (realm: string, at: number, userName = 'bjensen'): AuditEvent => ({
      _id: unique('ev'),
      topic: 'authentication',
      timestamp: new Date(at).toISOString(),
      realm,
      journey: 'Login',
      outcome: 'FAILURE',
      userName,
      node: { id: 'n1', type: 'DataStoreDecisionNode', tree: 'Login' },
      clientIp: '192.0.2.1',
    });

    it('lists a topic newest first, each event as it was appended; other topics and realms apart', async () => {
      const realm = unique('realm');
      const base = Date.UTC(2031, 0, 1);
      const first = failure(realm, base);
      const second = failure(realm, base + 1000, 'Ünïcode 🌳');
      await store.audit.append(first, base);
      await store.audit.append(second, base + 1000);
      const change: AuditEvent = { _id: unique('ev'), topic: 'activity', timestamp: new Date(base).toISOString(), realm, objectType: 'alpha_user', objectId: 'u1', operation: 'update', before: { mail: 'a@example.com' }, after: { mail: 'b@example.com', tags: [1, null, 'x'] } };
      await store.audit.append(change, base);
      await store.audit.append(failure(unique('realm'), base + 500), base + 500);
      const listed = await store.audit.list({ topic: 'authentication', realm, limit: 10 });
      assert.deepEqual(listed, [{ event: second, at: base + 1000 }, { event: first, at: base }]);
      assert.deepEqual(await store.audit.list({ topic: 'activity', realm, limit: 10 }), [{ event: change, at: base }]);
      assert.deepEqual(await store.audit.list({ topic: 'config', realm, limit: 10 }), []);
    });

    it('lists every realm when none is asked, events without a realm included', async () => {
      const at = Date.UTC(2032, 0, 1) + Math.floor(Math.random() * 1_000_000);
      const access: AuditEvent = { _id: unique('ev'), topic: 'access', timestamp: new Date(at).toISOString(), method: 'GET', route: '/openidm/managed/:type', status: 200, elapsedMs: 3 };
      await store.audit.append(access, at);
      const listed = await store.audit.list({ topic: 'access', from: at, to: at + 1, limit: 10 });
      assert.deepEqual(listed.map((entry) => entry.event._id), [access._id]);
    });

    it('keeps to a time window: at or after `from`, before `to`', async () => {
      const realm = unique('realm');
      const base = Date.UTC(2030, 5, 1);
      const events = [0, 1, 2, 3].map((hour) => failure(realm, base + hour * 3_600_000));
      for (const [index, event] of events.entries()) await store.audit.append(event, base + index * 3_600_000);
      const listed = await store.audit.list({ topic: 'authentication', realm, from: base + 3_600_000, to: base + 3 * 3_600_000, limit: 10 });
      assert.deepEqual(listed.map((entry) => entry.event._id), [events[2]?._id, events[1]?._id]);
    });

    it('pages before a position without skipping or repeating events of the same millisecond', async () => {
      const realm = unique('realm');
      const at = Date.UTC(2030, 1, 1);
      const ids: string[] = [];
      for (let index = 0; index < 7; index += 1) {
        const event = failure(realm, at + (index < 4 ? 0 : 1));
        ids.push(event._id);
        await store.audit.append(event, at + (index < 4 ? 0 : 1));
      }
      const seen: string[] = [];
      let position: { at: number; id: string } | undefined;
      for (;;) {
        const page = await store.audit.list({ topic: 'authentication', realm, limit: 3, ...(position === undefined ? {} : { before: position }) });
        seen.push(...page.map((entry) => entry.event._id));
        const last = page[page.length - 1];
        if (last === undefined || page.length < 3) break;
        position = { at: last.at, id: last.event._id };
      }
      assert.equal(seen.length, 7);
      assert.deepEqual(new Set(seen), new Set(ids));
      const newer = ids.slice(4).sort().reverse();
      const older = ids.slice(0, 4).sort().reverse();
      assert.deepEqual(seen, [...newer, ...older], 'time descending, then id descending');
    });

    it('selects by indexed fields, case-insensitively, one of several values, every field named', async () => {
      const realm = unique('realm');
      const base = Date.UTC(2030, 3, 1);
      const ann = { ...failure(realm, base, 'Ann'), userId: 'id-Ann', transactionId: 'tx-1' };
      const annAgain = { ...failure(realm, base + 1, 'ann'), outcome: 'SUCCESS' as const, transactionId: 'tx-2' };
      const unicode = failure(realm, base + 2, 'Élodie Ünïcode');
      const bob = failure(realm, base + 3, 'bob');
      const update: AuditEvent = { _id: unique('ev'), topic: 'activity', timestamp: new Date(base).toISOString(), realm, objectType: 'alpha_user', objectId: 'Obj-1', operation: 'update', actor: { realm: 'root', username: 'AMAdmin', userId: 'admin-1' } };
      await store.audit.append(ann, base);
      await store.audit.append(annAgain, base + 1);
      await store.audit.append(unicode, base + 2);
      await store.audit.append(bob, base + 3);
      await store.audit.append(update, base);
      const ids = async (equals: AuditEquals, topic: AuditEvent['topic'] = 'authentication') => (await store.audit.list({ topic, realm, equals, limit: 10 })).map((entry) => entry.event._id);
      assert.deepEqual(await ids({ userName: ['ANN'] }), [annAgain._id, ann._id]);
      assert.deepEqual(await ids({ userName: ['élodie ünÏcode'] }), [unicode._id]);
      assert.deepEqual(await ids({ userName: ['ann', 'BOB'] }), [bob._id, annAgain._id, ann._id]);
      assert.deepEqual(await ids({ userName: ['ann'], outcome: ['failure'] }), [ann._id]);
      assert.deepEqual(await ids({ userId: ['ID-ANN'], transactionId: ['tx-1'] }), [ann._id]);
      assert.deepEqual(await ids({ transactionId: ['tx-2'] }), [annAgain._id]);
      assert.deepEqual(await ids({ realm: [realm.toUpperCase()], userName: ['bob'] }), [bob._id]);
      assert.deepEqual(await ids({ userId: ['id-bob'] }), [], 'an event without the field is not selected');
      assert.deepEqual(await ids({ userName: [] }), [], 'an empty list selects nothing');
      assert.deepEqual(await ids({ objectId: ['obj-1'], 'actor/username': ['amadmin'], 'actor/userId': ['ADMIN-1'] }, 'activity'), [update._id]);
      assert.deepEqual(await ids({ userName: ['amadmin'] }, 'activity'), [], 'the actor is not the user');
    });

    it('pages through the events of one user (or of several) before a position, within a time window', async () => {
      const realm = unique('realm');
      const at = Date.UTC(2030, 4, 1);
      const appended: { id: string; at: number; userName: string }[] = [];
      for (let index = 0; index < 12; index += 1) {
        const userName = index % 3 === 0 ? 'other' : 'mine';
        const event = failure(realm, at + Math.floor(index / 3), userName);
        appended.push({ id: event._id, at: at + Math.floor(index / 3), userName });
        await store.audit.append(event, at + Math.floor(index / 3));
      }
      const pageAll = async (userNames: string[]) => {
        const seen: string[] = [];
        let position: { at: number; id: string } | undefined;
        for (;;) {
          const page = await store.audit.list({ topic: 'authentication', realm, equals: { userName: userNames }, to: at + 3, limit: 2, ...(position === undefined ? {} : { before: position }) });
          seen.push(...page.map((entry) => entry.event._id));
          const last = page[page.length - 1];
          if (last === undefined || page.length < 2) break;
          position = { at: last.at, id: last.event._id };
        }
        return seen;
      };
      const newestFirst = (names: string[]) =>
        appended
          .filter((entry) => names.includes(entry.userName) && entry.at < at + 3)
          .sort((a, b) => (a.at !== b.at ? b.at - a.at : a.id < b.id ? 1 : -1))
          .map((entry) => entry.id);
      assert.deepEqual(await pageAll(['MINE']), newestFirst(['mine']));
      assert.deepEqual(await pageAll(['mine', 'Other']), newestFirst(['mine', 'other']), 'time descending, then id descending, across values');
    });

    it('counts what a selection selects', async () => {
      const realm = unique('realm');
      const base = Date.UTC(2030, 6, 1);
      for (let index = 0; index < 6; index += 1) await store.audit.append(failure(realm, base + index * 1000, index < 4 ? 'Carol' : 'dan'), base + index * 1000);
      assert.equal(await store.audit.count({ topic: 'authentication', realm }), 6);
      assert.equal(await store.audit.count({ topic: 'authentication', realm, equals: { userName: ['carol'] } }), 4);
      assert.equal(await store.audit.count({ topic: 'authentication', realm, equals: { userName: ['carol', 'DAN'], realm: [realm] }, from: base + 1000, to: base + 5000 }), 4);
      assert.equal(await store.audit.count({ topic: 'authentication', realm, equals: { userName: [] } }), 0);
      assert.equal(await store.audit.count({ topic: 'activity', realm }), 0);
    });

    it('appends many events at once, or none of them when one exists already', async () => {
      const realm = unique('realm');
      const base = Date.UTC(2030, 7, 1);
      const events = Array.from({ length: 1200 }, (_, index) => ({ event: failure(realm, base + index, `user${index % 7}`), at: base + index }));
      await store.audit.appendMany(events);
      assert.equal(await store.audit.count({ topic: 'authentication', realm }), 1200);
      const [newest] = await store.audit.list({ topic: 'authentication', realm, equals: { userName: ['user3'] }, limit: 1 });
      assert.deepEqual(newest, events.filter((entry) => entry.event.topic === 'authentication' && entry.event.userName === 'user3').at(-1));
      const again = failure(realm, base + 5000);
      await assert.rejects(store.audit.appendMany([{ event: again, at: base + 5000 }, events[0] ?? { event: again, at: base }]));
      assert.equal(await store.audit.count({ topic: 'authentication', realm }), 1200, 'none of a refused batch is kept');
    });

    it('purges only the events older than the instant', async () => {
      const realm = unique('realm');
      const old = failure(realm, 1_000);
      const recent = failure(realm, Date.UTC(2033, 0, 1));
      await store.audit.append(old, 1_000);
      await store.audit.append(recent, Date.UTC(2033, 0, 1));
      const purged = await store.audit.purgeBefore(2_000);
      assert.ok(purged >= 1);
      assert.deepEqual((await store.audit.list({ topic: 'authentication', realm, limit: 10 })).map((entry) => entry.event._id), [recent._id]);
    });

    it('copies events in and out', async () => {
      const realm = unique('realm');
      const at = Date.UTC(2030, 2, 1);
      const event = failure(realm, at);
      await store.audit.append(event, at);
      if (event.topic === 'authentication') event.userName = 'changed after append';
      const [read] = await store.audit.list({ topic: 'authentication', realm, limit: 1 });
      assert.equal(read?.event.topic === 'authentication' ? read.event.userName : undefined, 'bjensen');
      if (read?.event.topic === 'authentication') read.event.userName = 'changed after list';
      const [again] = await store.audit.list({ topic: 'authentication', realm, limit: 1 });
      assert.equal(again?.event.topic === 'authentication' ? again.event.userName : undefined, 'bjensen');
    });
  });
}
