/**
 * Contract of EphemeralStore: values with expiry, atomic consume, capped counters and
 * replace-if-present (which never brings back a deleted value). Backends with
 * an injected clock are tested by advancing it; backends that expire by themselves (Redis) with
 * 1 ms entries and a bounded poll.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { EphemeralStore } from '../ephemeral-store.ts';
import { unique } from './contract-helpers.ts';
import type { ManualClock } from './manual-clock.ts';

/** What the suite runs on: the store and, when it reads an injected clock, that clock. */
export interface EphemeralSubject {
  ephemeral: EphemeralStore;
  clock?: ManualClock;
  close(): Promise<void>;
}

const LONG = 60_000;
const POLL_LIMIT_MS = 200;

/** Registers the EphemeralStore tests on subjects made by `makeSubject`; `clocked` subjects read an injected clock. */
export function ephemeralStoreContract(makeSubject: () => Promise<EphemeralSubject>, options: { clocked: boolean }): void {
  describe('EphemeralStore', () => {
    let subject: EphemeralSubject;
    let eph: EphemeralStore;
    before(async () => {
      subject = await makeSubject();
      eph = subject.ephemeral;
    });
    after(async () => {
      await subject.close();
    });

    /** A TTL that is over once `expire` returns: advanced past with a clock, 1 ms without. */
    const shortTtl = (): number => (subject.clock ? 1_000 : 1);
    /** Lets `shortTtl()` pass, then waits (bounded) until `gone` holds. */
    async function expire(gone: () => Promise<boolean>): Promise<boolean> {
      if (subject.clock) {
        subject.clock.advance(1_000);
        return gone();
      }
      const deadline = Date.now() + POLL_LIMIT_MS;
      while (Date.now() < deadline) {
        if (await gone()) return true;
        await delay(5);
      }
      return gone();
    }

    it('puts, gets and replaces values', async () => {
      const key = unique('k');
      assert.equal(await eph.get(key), undefined);
      await eph.put(key, 'v1', LONG);
      assert.equal(await eph.get(key), 'v1');
      await eph.put(key, 'v2', LONG);
      assert.equal(await eph.get(key), 'v2');
    });

    it('deletes values (and ignores absent keys)', async () => {
      const key = unique('k');
      await eph.put(key, 'v', LONG);
      await eph.delete(key);
      assert.equal(await eph.get(key), undefined);
      await eph.delete(unique('none'));
    });

    it('consumes a value exactly once', async () => {
      const key = unique('k');
      await eph.put(key, 'token', LONG);
      assert.equal(await eph.consume(key), 'token');
      assert.equal(await eph.consume(key), undefined);
      assert.equal(await eph.get(key), undefined);
      assert.equal(await eph.consume(unique('none')), undefined);
    });

    it('treats expired values as absent for get and consume', async () => {
      const key = unique('k');
      const other = unique('k');
      await eph.put(key, 'v', shortTtl());
      await eph.put(other, 'v', shortTtl());
      if (subject.clock) assert.equal(await eph.get(key), 'v');
      const bothGone = async (): Promise<boolean> => (await eph.get(key)) === undefined && (await eph.get(other)) === undefined;
      assert.ok(await expire(bothGone), 'value did not expire');
      assert.equal(await eph.consume(other), undefined);
    });

    /** The injected clock of a clocked subject. */
    const clockOf = (): ManualClock => {
      assert.ok(subject.clock, 'a clocked subject must provide its clock');
      return subject.clock;
    };

    // Exact-boundary checks need the injected clock (SQL); Redis expires in real time and is
    // checked for the same properties with short TTLs instead.
    if (options.clocked) it('keeps a value until exactly its expiry', async () => {
      const clock = clockOf();
      const key = unique('k');
      await eph.put(key, 'v', 1_000);
      clock.advance(999);
      assert.equal(await eph.get(key), 'v');
      clock.advance(1);
      assert.equal(await eph.get(key), undefined);
    });

    it('replaceIfPresent replaces a live value and answers true', async () => {
      const key = unique('k');
      await eph.put(key, 'v1', LONG);
      assert.equal(await eph.replaceIfPresent(key, 'v2', LONG), true);
      assert.equal(await eph.get(key), 'v2');
      assert.equal(await eph.consume(key), 'v2');
    });

    it('replaceIfPresent never creates: absent, deleted, consumed and expired keys stay absent', async () => {
      const absent = unique('k');
      assert.equal(await eph.replaceIfPresent(absent, 'v', LONG), false);
      assert.equal(await eph.get(absent), undefined);
      const deleted = unique('k');
      await eph.put(deleted, 'v', LONG);
      await eph.delete(deleted);
      assert.equal(await eph.replaceIfPresent(deleted, 'back', LONG), false);
      assert.equal(await eph.get(deleted), undefined);
      const consumed = unique('k');
      await eph.put(consumed, 'v', LONG);
      assert.equal(await eph.consume(consumed), 'v');
      assert.equal(await eph.replaceIfPresent(consumed, 'back', LONG), false);
      assert.equal(await eph.get(consumed), undefined);
      const expired = unique('k');
      await eph.put(expired, 'v', shortTtl());
      assert.ok(await expire(async () => (await eph.get(expired)) === undefined), 'value did not expire');
      assert.equal(await eph.replaceIfPresent(expired, 'back', LONG), false);
      assert.equal(await eph.get(expired), undefined);
      assert.equal(await eph.consume(expired), undefined);
    });

    if (options.clocked) it('replaceIfPresent sets the expiry from now', async () => {
      const clock = clockOf();
      const key = unique('k');
      await eph.put(key, 'v1', 1_000);
      clock.advance(600);
      assert.equal(await eph.replaceIfPresent(key, 'v2', 1_000), true);
      clock.advance(999);
      assert.equal(await eph.get(key), 'v2');
      clock.advance(1);
      assert.equal(await eph.get(key), undefined);
    });

    it('counts up, capped at max', async () => {
      const key = unique('c');
      const counts = [];
      for (let i = 0; i < 4; i++) counts.push(await eph.increment(key, { ttlMs: LONG, max: 3 }));
      assert.deepEqual(counts, [1, 2, 3, 3]);
      const free = unique('c');
      assert.deepEqual([await eph.increment(free, { ttlMs: LONG }), await eph.increment(free, { ttlMs: LONG })], [1, 2]);
      assert.equal(await eph.get(free), '2');
    });

    it('takes one back from a live counter, never below zero and never creating one', async () => {
      const key = unique('c');
      await eph.increment(key, { ttlMs: LONG, max: 3 });
      await eph.increment(key, { ttlMs: LONG, max: 3 });
      await eph.decrement(key);
      assert.equal(await eph.get(key), '1');
      await eph.decrement(key);
      await eph.decrement(key);
      assert.equal(await eph.get(key), '0');
      assert.equal(await eph.increment(key, { ttlMs: LONG, max: 3 }), 1, 'counting goes on from where it was taken back to');
      const absent = unique('c');
      await eph.decrement(absent);
      assert.equal(await eph.get(absent), undefined);
    });

    it('leaves an expired counter alone when taking one back', async () => {
      const key = unique('c');
      await eph.increment(key, { ttlMs: shortTtl() });
      assert.ok(await expire(async () => (await eph.get(key)) === undefined), 'counter did not expire');
      await eph.decrement(key);
      assert.equal(await eph.get(key), undefined);
      assert.equal(await eph.increment(key, { ttlMs: LONG }), 1);
    });

    it('restarts a counter at 1 once its window has expired', async () => {
      const key = unique('c');
      await eph.increment(key, { ttlMs: shortTtl() });
      assert.ok(await expire(async () => (await eph.get(key)) === undefined), 'counter did not expire');
      assert.equal(await eph.increment(key, { ttlMs: LONG }), 1);
      assert.equal(await eph.increment(key, { ttlMs: LONG }), 2);
    });

    if (options.clocked) it('keeps the window set when the counter was created', async () => {
      const clock = clockOf();
      const key = unique('c');
      await eph.increment(key, { ttlMs: 1_000 });
      clock.advance(600);
      assert.equal(await eph.increment(key, { ttlMs: 1_000 }), 2);
      clock.advance(400);
      assert.equal(await eph.increment(key, { ttlMs: 1_000 }), 1);
    });

    it('does not extend the window on later increments', async () => {
      const key = unique('c');
      // Long enough for the second increment to land inside the window, short enough to poll out.
      await eph.increment(key, { ttlMs: subject.clock ? 1_000 : 60 });
      assert.equal(await eph.increment(key, { ttlMs: LONG }), 2);
      assert.ok(await expire(async () => (await eph.get(key)) === undefined), 'the second increment extended the window');
    });

    it('purges expired entries only', async () => {
      subject.clock?.advance(10 * LONG); // expire what earlier tests left, then purge it
      await eph.purgeExpired();
      const gone = unique('k');
      const kept = unique('k');
      await eph.put(gone, 'v', shortTtl());
      await eph.put(kept, 'v', LONG);
      assert.ok(await expire(async () => (await eph.get(gone)) === undefined));
      const purged = await eph.purgeExpired();
      // SQL removes the one expired row; Redis has already expired it and reports 0.
      assert.equal(purged, subject.clock ? 1 : 0);
      assert.equal(await eph.get(kept), 'v');
      assert.equal(await eph.purgeExpired(), 0);
    });

    it('race: of two parallel consumes of one key exactly one gets the value', async () => {
      for (let round = 0; round < 10; round++) {
        const key = unique('k');
        await eph.put(key, 'once', LONG);
        const results = await Promise.all([eph.consume(key), eph.consume(key)]);
        assert.deepEqual(results.filter((r) => r !== undefined), ['once']);
      }
    });

    it('race: of a delete (or consume) and a replaceIfPresent running together, the delete always wins', async () => {
      const revived: string[] = [];
      for (let round = 0; round < 20; round++) {
        const key = unique('k');
        await eph.put(key, 'live', LONG);
        const remove = (): Promise<unknown> => (round % 2 === 0 ? eph.delete(key) : eph.consume(key));
        const replace = (): Promise<unknown> => eph.replaceIfPresent(key, 'touched', LONG);
        // Both orders of issue, and a crowd of replaces around the delete.
        if (round % 4 < 2) await Promise.all([remove(), replace()]);
        else await Promise.all([replace(), replace(), replace(), remove(), replace(), replace(), replace()]);
        if ((await eph.get(key)) !== undefined) revived.push(`round ${round}`);
      }
      assert.deepEqual(revived, [], 'a replace brought a deleted value back');
    });

    it('race: 20 parallel increments with max 5 never pass 5 and end at 5', async () => {
      const key = unique('c');
      const results = await Promise.all(Array.from({ length: 20 }, () => eph.increment(key, { ttlMs: LONG, max: 5 })));
      assert.ok(results.every((n) => n >= 1 && n <= 5), `results: ${results.join(',')}`);
      assert.deepEqual([...results].sort((a, b) => a - b).slice(0, 5), [1, 2, 3, 4, 5]);
      assert.equal(await eph.get(key), '5');
      assert.equal(await eph.increment(key, { ttlMs: LONG, max: 5 }), 5);
    });

    it('race: parallel increments without max each get a distinct count', async () => {
      const key = unique('c');
      const results = await Promise.all(Array.from({ length: 10 }, () => eph.increment(key, { ttlMs: LONG })));
      assert.deepEqual([...results].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });
  });
}
