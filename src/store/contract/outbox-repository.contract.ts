/**
 * Contract of OutboxRepository: enqueue, claim under a lease, outcomes recorded only with the
 * lease, the body dropped once a message is sent or given up (the envelope stays), listings, and
 * the race: two parallel claims never return the same message.
 *
 * A database may be shared by the whole suite (PostgreSQL): each test works in its own time
 * window, earlier than every previous test's and long before the wall clock, so the due messages
 * of one test are never due in another.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OutboxMail, OutboxMessage } from '../../selfservice/email/ports.ts';
import type { Store } from '../store.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
let epoch = 1_000_000_000_000;

/** A time window no earlier test of this suite (nor any wall-clock write) has messages due in. */
function window(): number {
  epoch -= 30 * DAY;
  return epoch;
}

function mail(subject: string, extra: Partial<OutboxMail> = {}): OutboxMail {
  return { from: 'noreply@arbor.test', to: ['ann@example.com'], cc: [], bcc: [], subject, contentType: 'text/plain', body: `v1.sealed.body-of-${subject.length}`, ...extra };
}

const ids = (messages: OutboxMessage[]): string[] => messages.map((m) => m.id);

/** Registers the OutboxRepository tests on stores made by `makeStore`. */
export function outboxRepositoryContract(makeStore: () => Promise<Store>): void {
  describe('OutboxRepository', () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it('enqueues a message due now and reads it back unchanged', async () => {
      const t = window();
      const message = mail('Réinitialisez 🌳', { cc: ['c@example.com'], bcc: ['b@example.com', 'd@example.com'], contentType: 'text/html', body: 'v1.AAAAAAAAAAA.opaque-sealed-body_with-any-characters' });
      const queued = await store.outbox.enqueue(message, { status: 'pending', now: t, template: 'resetPassword', locale: 'fr' });
      assert.match(queued.id, /^[0-9a-f-]{36}$/);
      const expected: OutboxMessage = { id: queued.id, status: 'pending', message, createdAt: t, attempts: 0, nextAttemptAt: t, template: 'resetPassword', locale: 'fr' };
      assert.deepEqual(queued, expected);
      assert.deepEqual(await store.outbox.get(queued.id), expected);
      const plain = await store.outbox.enqueue(mail('plain'), { status: 'stored', now: t });
      assert.equal(plain.template, undefined);
      assert.equal((await store.outbox.get(plain.id))?.status, 'stored');
      assert.equal(await store.outbox.get('00000000-0000-0000-0000-000000000000'), undefined);
    });

    it('claims due pending and stored messages, oldest due first, up to the limit; never a future one', async () => {
      const t = window();
      const first = await store.outbox.enqueue(mail('first'), { status: 'stored', now: t });
      const second = await store.outbox.enqueue(mail('second'), { status: 'pending', now: t + 1 });
      const third = await store.outbox.enqueue(mail('third'), { status: 'pending', now: t + 2 });
      const future = await store.outbox.enqueue(mail('future'), { status: 'pending', now: t + DAY });
      const claimed = await store.outbox.claim({ now: t + 10, limit: 2, leaseMs: MINUTE });
      assert.deepEqual(ids(claimed), [first.id, second.id]);
      assert.equal(claimed[0]?.leaseExpiresAt, t + 10 + MINUTE);
      assert.ok((claimed[0]?.lease.length ?? 0) >= 16);
      assert.equal(claimed[0]?.status, 'stored', 'a claim does not change the status');
      assert.deepEqual(ids(await store.outbox.claim({ now: t + 10, limit: 10, leaseMs: MINUTE })), [third.id]);
      assert.deepEqual(await store.outbox.claim({ now: t + 20, limit: 10, leaseMs: MINUTE }), []);
      assert.deepEqual(ids(await store.outbox.claim({ now: t + DAY, limit: 10, leaseMs: MINUTE })), [first.id, second.id, third.id, future.id]);
    });

    it('gives an expired lease to the next claimer; the old lease can no longer record anything', async () => {
      const t = window();
      const queued = await store.outbox.enqueue(mail('leased'), { status: 'pending', now: t });
      const [held] = await store.outbox.claim({ now: t, limit: 5, leaseMs: MINUTE });
      assert.ok(held);
      assert.deepEqual(await store.outbox.claim({ now: t + MINUTE - 1, limit: 5, leaseMs: MINUTE }), []);
      const [taken] = await store.outbox.claim({ now: t + MINUTE, limit: 5, leaseMs: MINUTE });
      assert.equal(taken?.id, queued.id);
      assert.notEqual(taken?.lease, held.lease);
      assert.equal(await store.outbox.markSent(queued.id, held.lease, t + MINUTE), false);
      assert.equal(await store.outbox.markRetry(queued.id, held.lease, { now: t, nextAttemptAt: t, error: 'x' }), false);
      assert.equal(await store.outbox.markFailed(queued.id, held.lease, { now: t, error: 'x' }), false);
      assert.equal((await store.outbox.get(queued.id))?.status, 'pending');
      assert.equal(await store.outbox.markSent(queued.id, taken?.lease ?? '', t + MINUTE + 5), true);
      const sent = await store.outbox.get(queued.id);
      assert.equal(sent?.status, 'sent');
      assert.equal(sent?.sentAt, t + MINUTE + 5);
      assert.equal(await store.outbox.markSent(queued.id, taken?.lease ?? '', t + MINUTE + 6), false, 'a lease is spent by its outcome');
      assert.deepEqual(await store.outbox.claim({ now: t + DAY, limit: 5, leaseMs: MINUTE }), [], 'a sent message is never claimed again');
    });

    it('a retry counts the attempt, keeps the error and makes the message due again at the given time', async () => {
      const t = window();
      const queued = await store.outbox.enqueue(mail('retry'), { status: 'stored', now: t });
      const [claimed] = await store.outbox.claim({ now: t, limit: 1, leaseMs: MINUTE });
      assert.equal(await store.outbox.markRetry(queued.id, claimed?.lease ?? '', { now: t + 1, nextAttemptAt: t + 2 * MINUTE, error: 'connect ECONNREFUSED' }), true);
      const retried = await store.outbox.get(queued.id);
      assert.deepEqual([retried?.status, retried?.attempts, retried?.nextAttemptAt, retried?.lastError], ['pending', 1, t + 2 * MINUTE, 'connect ECONNREFUSED']);
      assert.deepEqual(await store.outbox.claim({ now: t + 2 * MINUTE - 1, limit: 1, leaseMs: MINUTE }), [], 'not due before its next attempt, though its old lease ran out');
      const [again] = await store.outbox.claim({ now: t + 2 * MINUTE, limit: 1, leaseMs: MINUTE });
      assert.equal(again?.attempts, 1);
      assert.equal(await store.outbox.markFailed(queued.id, again?.lease ?? '', { now: t + 3 * MINUTE, error: '550 no such user' }), true);
      const failed = await store.outbox.get(queued.id);
      assert.deepEqual([failed?.status, failed?.attempts, failed?.lastError], ['failed', 2, '550 no such user']);
      assert.deepEqual(await store.outbox.claim({ now: t + DAY, limit: 1, leaseMs: MINUTE }), [], 'a failed message is never claimed again');
    });

    it('a message sent or given up keeps its envelope and loses its body; a retry keeps it', async () => {
      const t = window();
      const sent = await store.outbox.enqueue(mail('to send', { contentType: 'text/html' }), { status: 'pending', now: t });
      const failing = await store.outbox.enqueue(mail('to fail'), { status: 'pending', now: t + 1 });
      const claimed = await store.outbox.claim({ now: t + 2, limit: 2, leaseMs: MINUTE });
      const lease = (id: string): string => claimed.find((message) => message.id === id)?.lease ?? '';
      assert.equal(await store.outbox.markSent(sent.id, lease(sent.id), t + 3), true);
      assert.equal(await store.outbox.markRetry(failing.id, lease(failing.id), { now: t + 3, nextAttemptAt: t + 4, error: '421 busy' }), true);
      assert.deepEqual((await store.outbox.get(failing.id))?.message, failing.message, 'a message to retry keeps its body');
      const [again] = await store.outbox.claim({ now: t + 4, limit: 1, leaseMs: MINUTE });
      assert.equal(await store.outbox.markFailed(failing.id, again?.lease ?? '', { now: t + 5, error: '550 no such user' }), true);
      const { body: _sentBody, ...sentEnvelope } = sent.message;
      const { body: _failedBody, ...failedEnvelope } = failing.message;
      assert.deepEqual((await store.outbox.get(sent.id))?.message, sentEnvelope);
      assert.deepEqual((await store.outbox.get(failing.id))?.message, failedEnvelope);
      const listed = (await store.outbox.list({ limit: 1000 })).filter((message) => message.id === sent.id || message.id === failing.id);
      assert.ok(listed.every((message) => message.message.body === undefined));
    });

    it('lists newest first, by status, in pages', async () => {
      const t = window();
      const made: OutboxMessage[] = [];
      for (let i = 0; i < 4; i++) made.push(await store.outbox.enqueue(mail(`list ${i}`), { status: i % 2 === 0 ? 'stored' : 'pending', now: t + i }));
      const [claimed] = await store.outbox.claim({ now: t + 10, limit: 1, leaseMs: MINUTE });
      await store.outbox.markFailed(made[0]?.id ?? '', claimed?.lease ?? '', { now: t + 11, error: 'gone' });
      const mine = new Set(ids(made));
      const all = (await store.outbox.list({ limit: 1000 })).filter((m) => mine.has(m.id));
      assert.deepEqual(ids(all), ids([...made].reverse()));
      const stored = (await store.outbox.list({ status: 'stored', limit: 1000 })).filter((m) => mine.has(m.id));
      assert.deepEqual(ids(stored), [made[2]?.id]);
      const failed = (await store.outbox.list({ status: 'failed', limit: 1000 })).filter((m) => mine.has(m.id));
      assert.deepEqual(ids(failed), [made[0]?.id]);
      const everything = await store.outbox.list({ limit: 1000 });
      assert.deepEqual(await store.outbox.list({ limit: 2 }), everything.slice(0, 2));
      assert.deepEqual(await store.outbox.list({ limit: 2, offset: 1 }), everything.slice(1, 3));
    });

    it('retryNow makes a pending message with a failed attempt due now, keeping its attempts, error and body; nothing else', async () => {
      const t = window();
      const failing = await store.outbox.enqueue(mail('failing'), { status: 'pending', now: t });
      const kept = await store.outbox.enqueue(mail('kept'), { status: 'stored', now: t + 2 });
      const fresh = await store.outbox.enqueue(mail('fresh'), { status: 'pending', now: t + 2 * DAY });
      const withheld = await store.outbox.enqueue(mail('withheld'), { status: 'withheld', now: t + 3 });
      const claimed = await store.outbox.claim({ now: t + 4, limit: 10, leaseMs: MINUTE });
      const lease = (id: string): string => claimed.find((message) => message.id === id)?.lease ?? '';
      assert.equal(await store.outbox.markRetry(failing.id, lease(failing.id), { now: t + 5, nextAttemptAt: t + DAY, error: 'connect ECONNREFUSED' }), true);
      assert.equal(await store.outbox.markSent(kept.id, lease(kept.id), t + 5), true);
      assert.deepEqual(await store.outbox.claim({ now: t + 10 * MINUTE, limit: 10, leaseMs: MINUTE }), [], 'not due before its next attempt');
      assert.equal(await store.outbox.retryNow(failing.id, t + 10 * MINUTE), true);
      const retried = await store.outbox.get(failing.id);
      assert.deepEqual([retried?.status, retried?.attempts, retried?.nextAttemptAt, retried?.lastError], ['pending', 1, t + 10 * MINUTE, 'connect ECONNREFUSED']);
      assert.deepEqual(retried?.message, failing.message, 'the body is kept');
      const due = await store.outbox.claim({ now: t + 10 * MINUTE, limit: 10, leaseMs: MINUTE });
      assert.deepEqual(ids(due), [failing.id], 'due at once');
      assert.equal(await store.outbox.markSent(failing.id, due[0]?.lease ?? '', t + 10 * MINUTE), true);
      assert.equal(await store.outbox.retryNow(fresh.id, t + 11 * MINUTE), false, 'pending, never attempted');
      assert.equal(await store.outbox.retryNow(kept.id, t + 11 * MINUTE), false, 'sent');
      assert.equal(await store.outbox.retryNow(withheld.id, t + 11 * MINUTE), false, 'withheld');
      assert.equal(await store.outbox.retryNow('00000000-0000-0000-0000-000000000000', t), false, 'unknown');
      const gone = await store.outbox.enqueue(mail('gone'), { status: 'pending', now: t + 20 * MINUTE });
      const [last] = await store.outbox.claim({ now: t + 20 * MINUTE, limit: 1, leaseMs: MINUTE });
      assert.equal(last?.id, gone.id);
      assert.equal(await store.outbox.markFailed(gone.id, last?.lease ?? '', { now: t + 20 * MINUTE, error: '550 no such user' }), true);
      assert.equal(await store.outbox.retryNow(gone.id, t + 21 * MINUTE), false, 'failed: its body is gone');
      assert.equal((await store.outbox.get(gone.id))?.status, 'failed');
    });

    it('race: two parallel claims never return the same message, and together take all of them', async () => {
      const t = window();
      const made = await Promise.all(Array.from({ length: 30 }, (_, i) => store.outbox.enqueue(mail(`race ${i}`), { status: 'pending', now: t + i })));
      const [a, b] = await Promise.all([store.outbox.claim({ now: t + 100, limit: 30, leaseMs: MINUTE }), store.outbox.claim({ now: t + 100, limit: 30, leaseMs: MINUTE })]);
      const first = new Set(ids(a ?? []));
      const overlap = ids(b ?? []).filter((id) => first.has(id));
      assert.deepEqual(overlap, []);
      assert.deepEqual([...ids(a ?? []), ...ids(b ?? [])].sort(), ids(made).sort());
    });

    it('stats count the stored and pending messages and name the oldest; sent, failed and withheld ones are not waiting', async () => {
      const t = window();
      const before = await store.outbox.stats();
      const stored = await store.outbox.enqueue(mail('stats stored'), { status: 'stored', now: t });
      await store.outbox.enqueue(mail('stats pending'), { status: 'pending', now: t + 1 });
      await store.outbox.enqueue(mail('stats pending 2'), { status: 'pending', now: t + 2 });
      await store.outbox.enqueue(mail('stats withheld'), { status: 'withheld', now: t - 5 });
      const sent = await store.outbox.enqueue(mail('stats sent'), { status: 'pending', now: t - 10 });
      const failed = await store.outbox.enqueue(mail('stats failed'), { status: 'pending', now: t - 9 });
      const claimed = await store.outbox.claim({ now: t - 9, limit: 2, leaseMs: MINUTE });
      assert.deepEqual(ids(claimed), [sent.id, failed.id]);
      await store.outbox.markSent(sent.id, claimed[0]?.lease ?? '', t - 8);
      await store.outbox.markFailed(failed.id, claimed[1]?.lease ?? '', { now: t - 8, error: '550' });
      const after = await store.outbox.stats();
      assert.deepEqual([after.stored - before.stored, after.pending - before.pending], [1, 2]);
      // Every earlier test of this suite worked in a later window: the stored message is the oldest waiting.
      assert.equal(after.oldestCreatedAt, stored.createdAt);
    });
  });
}
