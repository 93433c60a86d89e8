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

    it('race: two parallel claims never return the same message, and together take all of them', async () => {
      const t = window();
      const made = await Promise.all(Array.from({ length: 30 }, (_, i) => store.outbox.enqueue(mail(`race ${i}`), { status: 'pending', now: t + i })));
      const [a, b] = await Promise.all([store.outbox.claim({ now: t + 100, limit: 30, leaseMs: MINUTE }), store.outbox.claim({ now: t + 100, limit: 30, leaseMs: MINUTE })]);
      const first = new Set(ids(a ?? []));
      const overlap = ids(b ?? []).filter((id) => first.has(id));
      assert.deepEqual(overlap, []);
      assert.deepEqual([...ids(a ?? []), ...ids(b ?? [])].sort(), ids(made).sort());
    });
  });
}
