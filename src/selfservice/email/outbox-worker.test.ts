import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createManualClock, type ManualClock } from '../../identity/testing/manual-clock.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import type { EmailSettings } from './email-settings.ts';
import { createEmailService, type EmailService } from './email-service.ts';
import { createOutboxWorker, retryDelayMs, type OutboxWorkerDeps } from './outbox-worker.ts';
import type { MailMessage, MailTransport } from './ports.ts';

const MINUTE = 60_000;

/** A transport that records what it sends and fails while `failWith` is set. */
interface FakeTransport extends MailTransport {
  sent: { message: MailMessage; messageId: string }[];
  failWith: Error | undefined;
  closed: boolean;
}

function fakeTransport(): FakeTransport {
  const fake: FakeTransport = {
    sent: [],
    failWith: undefined,
    closed: false,
    async send(message, messageId) {
      if (fake.failWith !== undefined) throw fake.failWith;
      fake.sent.push({ message, messageId });
    },
    close() {
      fake.closed = true;
    },
  };
  return fake;
}

describe('outbox worker', () => {
  let store: Store;
  let clock: ManualClock;
  let email: EmailService;
  let transports: { settings: EmailSettings; transport: FakeTransport }[];
  let transport: FakeTransport;

  const worker = (extra: Partial<OutboxWorkerDeps> = {}) =>
    createOutboxWorker({
      outbox: store.outbox,
      configs: store.configs,
      clock,
      transportFor(settings) {
        transport = fakeTransport();
        transports.push({ settings, transport });
        return transport;
      },
      ...extra,
    });
  const configureSmtp = (settings: EmailSettings = { host: '127.0.0.1', port: 2525 }) => store.configs.put('external.email', settings);
  const queue = (subject = 'Hello') => email.send({ to: 'ann@example.com', subject, body: '<p>Hi</p>', type: 'text/html' });

  beforeEach(async () => {
    store = await openStore({ memory: true });
    clock = createManualClock();
    email = createEmailService({ configs: store.configs, outbox: store.outbox, clock, defaultFrom: 'noreply@arbor.test' });
    transports = [];
  });
  afterEach(async () => {
    mock.timers.reset();
    await store.close();
  });

  it('without SMTP keeps messages stored, claims nothing and counts no failure; delivers them once SMTP is configured', async () => {
    const { id } = await queue();
    const mailer = worker();
    assert.deepEqual(await mailer.runOnce(), { configured: false, claimed: 0, sent: 0, retried: 0, failed: 0 });
    await store.configs.put('external.email', { from: 'a@b.test', host: '' });
    assert.equal((await mailer.runOnce()).configured, false, 'a settings document without a host is not SMTP');
    assert.equal(transports.length, 0);
    assert.deepEqual([(await store.outbox.get(id))?.status, (await store.outbox.get(id))?.attempts], ['stored', 0]);

    await configureSmtp();
    clock.advance(MINUTE);
    assert.deepEqual(await mailer.runOnce(), { configured: true, claimed: 1, sent: 1, retried: 0, failed: 0 });
    const sent = await store.outbox.get(id);
    assert.deepEqual([sent?.status, sent?.sentAt], ['sent', clock.now()]);
    assert.deepEqual(transport.sent.map((s) => [s.messageId, s.message.subject, s.message.to]), [[id, 'Hello', ['ann@example.com']]]);
    assert.deepEqual((await mailer.runOnce()).claimed, 0, 'a sent message is not sent again');
  });

  it('retries with exponential backoff on the injected clock and gives up after 10 attempts, visibly', async () => {
    await configureSmtp();
    const mailer = worker();
    await mailer.runOnce(); // makes the transport
    transport.failWith = new Error('connect ECONNREFUSED 127.0.0.1:2525');
    const { id } = await queue();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      const before = clock.now();
      const run = await mailer.runOnce();
      const message = await store.outbox.get(id);
      assert.equal(message?.attempts, attempt);
      assert.equal(message?.lastError, 'connect ECONNREFUSED 127.0.0.1:2525');
      if (attempt < 10) {
        assert.equal(message?.status, 'pending');
        assert.equal(run.retried, 1);
        const delay = (message?.nextAttemptAt ?? 0) - before;
        delays.push(delay);
        clock.advance(delay - 1);
        assert.equal((await mailer.runOnce()).claimed, 0, `not due before its backoff (attempt ${attempt})`);
        clock.advance(1);
      } else {
        assert.deepEqual([message?.status, run.failed, run.retried], ['failed', 1, 0]);
      }
    }
    assert.deepEqual(delays.map((d) => d / MINUTE), [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    clock.advance(24 * 60 * MINUTE);
    assert.equal((await mailer.runOnce()).claimed, 0, 'a failed message is never retried');
    assert.deepEqual((await store.outbox.list({ status: 'failed', limit: 10 })).map((m) => m.id), [id]);
  });

  it('gives up at once on a permanent refusal', async () => {
    await configureSmtp();
    const { id } = await queue();
    const mailer = worker();
    await mailer.runOnce();
    const { id: second } = await queue();
    transport.failWith = Object.assign(new Error('550 5.1.1 no such user'), { permanent: true as const });
    assert.deepEqual(await mailer.runOnce(), { configured: true, claimed: 1, sent: 0, retried: 0, failed: 1 });
    assert.deepEqual([(await store.outbox.get(second))?.status, (await store.outbox.get(second))?.attempts], ['failed', 1]);
    assert.equal((await store.outbox.get(id))?.status, 'sent');
  });

  it('makes a transport per settings version: reused while they stay, replaced (old one closed) when they change', async () => {
    await configureSmtp();
    const mailer = worker();
    await queue();
    await mailer.runOnce();
    await queue();
    await mailer.runOnce();
    assert.equal(transports.length, 1);
    await configureSmtp({ host: 'smtp.example.com', port: 587, starttls: { enable: true } });
    await queue();
    await mailer.runOnce();
    assert.equal(transports.length, 2);
    assert.equal(transports[0]?.transport.closed, true);
    assert.equal(transports[1]?.settings.host, 'smtp.example.com');
    assert.equal(transports[1]?.transport.sent.length, 1);
    await mailer.stop();
    assert.equal(transports[1]?.transport.closed, true);
  });

  it('claims at most batchSize messages per run, oldest first', async () => {
    await configureSmtp();
    for (let i = 0; i < 5; i++) {
      await queue(`m${i}`);
      clock.advance(1);
    }
    const mailer = worker({ batchSize: 2 });
    assert.equal((await mailer.runOnce()).sent, 2);
    assert.deepEqual(transport.sent.map((s) => s.message.subject), ['m0', 'm1']);
    assert.equal((await mailer.runOnce()).sent, 2);
    assert.equal((await mailer.runOnce()).sent, 1);
  });

  it('runOnce() waits for the pass already running: when it resolves, the messages that pass held are delivered', async () => {
    await configureSmtp();
    await queue();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const mailer = worker({
      transportFor: () => ({
        async send() {
          calls += 1;
          await gate;
        },
      }),
    });
    const first = mailer.runOnce();
    // Let the first pass claim the message and reach the transport (store reads are real promises).
    while (calls === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    let flushed = false;
    const second = mailer.runOnce().then((summary) => {
      flushed = true;
      return summary;
    });
    for (let turn = 0; turn < 20; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(flushed, false, 'the second pass waits while the first holds the message');
    release();
    assert.deepEqual((await second).claimed, 0, 'nothing left to claim');
    assert.equal((await store.outbox.list({ status: 'sent', limit: 5 })).length, 1, 'delivered by the time the second pass resolves');
    assert.equal((await first).sent, 1);
    assert.equal(calls, 1);
  });

  it('start() runs passes on its timer, skips a tick while a pass runs; stop() waits for it', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    await configureSmtp();
    await queue();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const mailer = worker({
      transportFor: () => ({
        async send() {
          calls += 1;
          await gate;
        },
      }),
    });
    mailer.start(1000);
    mock.timers.tick(1000);
    // Let the pass reach the transport (store reads are real promises).
    while (calls === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    mock.timers.tick(1000);
    let stopped = false;
    const stopping = mailer.stop().then(() => {
      stopped = true;
    });
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'stop waits for the running pass');
    release();
    await stopping;
    assert.equal(calls, 1, 'the second tick was skipped while the first pass ran');
    assert.equal((await store.outbox.list({ status: 'sent', limit: 5 })).length, 1);
    mock.timers.tick(5000);
    assert.equal(calls, 1, 'no pass after stop');
  });
});

describe('retryDelayMs', () => {
  it('is 1 minute × 2^(failures − 1), capped at 1 hour', () => {
    assert.deepEqual([1, 2, 3, 6, 7, 8, 50].map(retryDelayMs), [1, 2, 4, 32, 60, 60, 60].map((m) => m * MINUTE));
  });
});
