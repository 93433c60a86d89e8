/**
 * The outbox worker against the real SMTP adapter (`createNodemailerTransport`, as the server wires
 * it) and a real SMTP server on loopback (the smtp sink): what the server receives is the proof.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { AddressObject, ParsedMail } from 'mailparser';
import { createManualClock, type ManualClock } from '../../identity/testing/manual-clock.ts';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { createEmailSecrets } from './email-secrets.ts';
import { createEmailService, type EmailService } from './email-service.ts';
import type { EmailSettings } from './email-settings.ts';
import { createOutboxWorker, type OutboxRunSummary, type OutboxWorker, type OutboxWorkerDeps, retryDelayMs } from './outbox-worker.ts';
import { createNodemailerTransport } from './smtp/nodemailer-transport.ts';
import { type SmtpSink, type SmtpSinkOptions, startSmtpSink } from './smtp/testing/smtp-sink.ts';

const MINUTE = 60_000;

/** The email secrets of the test's master key, as the server builds them. */
const secrets = createEmailSecrets(createSecretSealer(randomBytes(32)));

/** The Message-ID the server receives for outbox message `id` (sender domain arbor.test). */
const messageIdOf = (id: string): string => `<${id}@arbor.test>`;

const summary = (counts: Partial<OutboxRunSummary>): OutboxRunSummary => ({ configured: true, claimed: 0, sent: 0, retried: 0, failed: 0, ...counts });

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(field) ? field : field === undefined ? [] : [field]).flatMap((group) => group.value.map((address) => address.address ?? ''));
}

/** Subjects of the messages `sink` accepted, oldest first. */
const subjects = (sink: SmtpSink): (string | undefined)[] => sink.messages.map((message) => message.subject);

/** Lets I/O and promise callbacks run `count` times. */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A sink hook that holds every message at DATA (the client's send in flight) until `release()`. */
interface Hold {
  /** Messages that reached DATA so far. */
  readonly count: number;
  /** Resolves once `count` messages reached DATA. */
  reached(count: number): Promise<void>;
  release(): void;
  beforeAccept(message: ParsedMail): Promise<void>;
}

function holdAtData(): Hold {
  const released = Promise.withResolvers<void>();
  const waiters: { count: number; resolve: () => void }[] = [];
  let count = 0;
  return {
    get count() {
      return count;
    },
    reached(target) {
      if (count >= target) return Promise.resolve();
      const waiter = Promise.withResolvers<void>();
      // A bound, so that a worker that never sends fails the test instead of hanging it.
      const timer = setTimeout(() => waiter.reject(new Error(`${count} of ${target} messages reached the server`)), 5000);
      waiters.push({
        count: target,
        resolve: () => {
          clearTimeout(timer);
          waiter.resolve();
        },
      });
      return waiter.promise;
    },
    release: () => released.resolve(),
    async beforeAccept() {
      count += 1;
      for (const waiter of waiters) if (count >= waiter.count) waiter.resolve();
      await released.promise;
    },
  };
}

describe('outbox worker', () => {
  let store: Store;
  let clock: ManualClock;
  let email: EmailService;
  let sinks: SmtpSink[];
  let holds: Hold[];
  let workers: OutboxWorker[];

  const sink = async (options: SmtpSinkOptions = {}): Promise<SmtpSink> => {
    const started = await startSmtpSink(options);
    sinks.push(started);
    return started;
  };
  /** A sink that holds each message at DATA until the hold is released. */
  const heldSink = async (): Promise<{ server: SmtpSink; hold: Hold }> => {
    const hold = holdAtData();
    holds.push(hold);
    return { server: await sink({ beforeAccept: (message) => hold.beforeAccept(message) }), hold };
  };
  /** A worker as the server builds it: the real SMTP adapter. */
  const worker = (extra: Partial<OutboxWorkerDeps> = {}): OutboxWorker => {
    const created = createOutboxWorker({ outbox: store.outbox, configs: store.configs, clock, secrets, transportFor: createNodemailerTransport, ...extra });
    workers.push(created);
    return created;
  };
  const configureSmtp = (server: SmtpSink, extra: EmailSettings = {}) => store.configs.put('external.email', { host: '127.0.0.1', port: server.port, ...extra });
  const queue = (subject = 'Hello', to = 'ann@example.com') => email.send({ to, subject, body: '<p>Hi</p>', type: 'text/html' });
  const stateOf = async (id: string) => {
    const message = await store.outbox.get(id);
    return { status: message?.status, attempts: message?.attempts, lastError: message?.lastError };
  };

  beforeEach(async () => {
    store = await openStore({ memory: true });
    clock = createManualClock();
    email = createEmailService({ configs: store.configs, outbox: store.outbox, clock, defaultFrom: 'noreply@arbor.test', secrets });
    sinks = [];
    holds = [];
    workers = [];
  });
  afterEach(async () => {
    for (const hold of holds) hold.release();
    await Promise.all(workers.map((created) => created.stop()));
    mock.timers.reset();
    await Promise.all(sinks.map((started) => started.stop()));
    await store.close();
  });

  it('without SMTP keeps messages stored, claims nothing and counts no failure; delivers them once SMTP is configured', async () => {
    const server = await sink();
    const { id } = await queue();
    const mailer = worker();
    assert.deepEqual(await mailer.runOnce(), { configured: false, claimed: 0, sent: 0, retried: 0, failed: 0 });
    await store.configs.put('external.email', { from: 'a@b.test', host: '' });
    assert.equal((await mailer.runOnce()).configured, false, 'a settings document without a host is not SMTP');
    assert.deepEqual(await stateOf(id), { status: 'stored', attempts: 0, lastError: undefined });

    await configureSmtp(server);
    clock.advance(MINUTE);
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, sent: 1 }));
    const sent = await store.outbox.get(id);
    assert.deepEqual([sent?.status, sent?.sentAt, sent?.attempts], ['sent', clock.now(), 0]);
    const [received] = server.messages;
    assert.ok(received);
    assert.deepEqual(
      [received.messageId, received.subject, addresses(received.from), addresses(received.to), received.html, received.text?.trim()],
      [messageIdOf(id), 'Hello', ['noreply@arbor.test'], ['ann@example.com'], '<p>Hi</p>', 'Hi'],
    );
    assert.equal((await mailer.runOnce()).claimed, 0, 'a sent message is not sent again');
    assert.equal(server.messages.length, 1);
  });

  it('retries with backoff while the SMTP server is down, and delivers once it is back', async () => {
    const server = await sink();
    await configureSmtp(server);
    await server.stop();
    const { id } = await queue();
    const mailer = worker();
    for (const [index, backoffMinutes] of [1, 2, 4].entries()) {
      const attempt = index + 1;
      assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, retried: 1 }), `attempt ${attempt}`);
      const message = await store.outbox.get(id);
      assert.deepEqual(
        [message?.status, message?.attempts, message?.lastError, message?.nextAttemptAt],
        ['pending', attempt, `connect ECONNREFUSED 127.0.0.1:${server.port}`, clock.now() + backoffMinutes * MINUTE],
      );
      clock.advance(backoffMinutes * MINUTE - 1);
      assert.equal((await mailer.runOnce()).claimed, 0, `not due before its backoff (attempt ${attempt})`);
      clock.advance(1);
    }
    await server.restart();
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, sent: 1 }));
    const sent = await store.outbox.get(id);
    assert.deepEqual([sent?.status, sent?.attempts, sent?.sentAt], ['sent', 3, clock.now()]);
    assert.deepEqual(server.messages.map((message) => message.messageId), [messageIdOf(id)]);
  });

  it('keeps the Message-ID across attempts: a message the server saw and refused with 451 comes again under the same id', async () => {
    const seen: (string | undefined)[] = [];
    const server = await sink({
      beforeAccept(message) {
        seen.push(message.messageId);
        if (seen.length === 1) throw Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 });
      },
    });
    await configureSmtp(server);
    const { id } = await queue();
    const mailer = worker();
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, retried: 1 }), 'a 451 is retried, not failed');
    const refused = await stateOf(id);
    assert.deepEqual([refused.status, refused.attempts], ['pending', 1]);
    assert.match(refused.lastError ?? '', /451/);
    assert.equal(server.messages.length, 0);
    clock.advance(MINUTE);
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, sent: 1 }));
    assert.deepEqual(seen, [messageIdOf(id), messageIdOf(id)]);
    assert.deepEqual(server.messages.map((message) => message.messageId), [messageIdOf(id)]);
  });

  it('gives up after 10 attempts, visibly, backing off 1, 2, 4 … 60 minutes on the injected clock', async () => {
    const server = await sink();
    await configureSmtp(server);
    await server.stop();
    const { id } = await queue();
    const mailer = worker();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      const before = clock.now();
      const run = await mailer.runOnce();
      const message = await store.outbox.get(id);
      assert.equal(message?.attempts, attempt);
      assert.equal(message?.lastError, `connect ECONNREFUSED 127.0.0.1:${server.port}`);
      if (attempt < 10) {
        assert.deepEqual([message?.status, run.retried, run.failed], ['pending', 1, 0]);
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
    await server.restart();
    clock.advance(24 * 60 * MINUTE);
    assert.equal((await mailer.runOnce()).claimed, 0, 'a failed message is never retried');
    assert.equal(server.messages.length, 0);
    assert.deepEqual((await store.outbox.list({ status: 'failed', limit: 10 })).map((m) => m.id), [id]);
  });

  it('gives up at once on a recipient the server refuses with 550, and still delivers the others', async () => {
    const server = await sink({ rejectRecipients: ['ghost@example.com'] });
    await configureSmtp(server);
    const { id: good } = await queue('Hello');
    clock.advance(1);
    const { id: ghost } = await queue('Lost', 'ghost@example.com');
    const mailer = worker();
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 2, sent: 1, failed: 1 }));
    const refused = await stateOf(ghost);
    assert.deepEqual([refused.status, refused.attempts], ['failed', 1]);
    assert.match(refused.lastError ?? '', /550/);
    assert.equal((await stateOf(good)).status, 'sent');
    clock.advance(24 * 60 * MINUTE);
    assert.equal((await mailer.runOnce()).claimed, 0, 'a refused recipient is not retried');
    assert.deepEqual(subjects(server), ['Hello']);
  });

  it('follows settings changes: mail goes to the server and credentials of the current settings, none to the old server', async () => {
    const first = await sink();
    const second = await sink({ credentials: { user: 'mailer', pass: 'S3cret!' } });
    await configureSmtp(first);
    const mailer = worker();
    await queue('m1');
    await mailer.runOnce();
    await queue('m2');
    await mailer.runOnce();
    assert.deepEqual(subjects(first), ['m1', 'm2']);

    await configureSmtp(second, { auth: { enable: true, username: 'mailer', password: 'wrong' } });
    const { id } = await queue('m3');
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, retried: 1 }), 'a refused login is retried');
    assert.match((await stateOf(id)).lastError ?? '', /535|Invalid username or password/);

    // The admin fixes the password: same host and port, new credentials, used on the next attempt.
    await configureSmtp(second, { auth: { enable: true, username: 'mailer', password: 'S3cret!' } });
    clock.advance(MINUTE);
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, sent: 1 }));
    assert.deepEqual([subjects(second), second.logins], [['m3'], ['mailer']]);
    assert.deepEqual(subjects(first), ['m1', 'm2'], 'nothing more went to the old server');

    await configureSmtp(first);
    await queue('m4');
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, sent: 1 }));
    assert.deepEqual([subjects(first), subjects(second), second.logins], [['m1', 'm2', 'm4'], ['m3'], ['mailer']]);
  });

  it('logs in with the password stored sealed, opened only for the transport', async () => {
    const server = await sink({ credentials: { user: 'mailer', pass: 'S3cret!' } });
    await configureSmtp(server, { auth: { enable: true, username: 'mailer', password: secrets.sealPassword('S3cret!') } });
    assert.doesNotMatch(JSON.stringify(await store.configs.get('external.email')), /S3cret!/);
    await queue('sealed login');
    assert.deepEqual(await worker().runOnce(), summary({ claimed: 1, sent: 1 }));
    assert.deepEqual([subjects(server), server.logins], [['sealed login'], ['mailer']]);
  });

  it('delivers the sealed body, then the outbox keeps only the envelope; a message given up loses its body too', async () => {
    const server = await sink();
    await configureSmtp(server);
    const { id } = await email.send({ to: 'ann@example.com', subject: 'Reset', body: '<p><a href="https://id.test/login?suspendedId=live-link">Reset</a></p>', type: 'text/html' });
    assert.ok((await store.outbox.get(id))?.message.body !== undefined, 'kept, sealed, until delivered');
    await worker().runOnce();
    assert.match(server.messages[0]?.html || '', /suspendedId=live-link/);
    const sent = await store.outbox.get(id);
    assert.deepEqual([sent?.status, sent?.message.body, sent?.message.subject, sent?.message.contentType], ['sent', undefined, 'Reset', 'text/html']);
    assert.doesNotMatch(JSON.stringify(await store.outbox.list({ limit: 10 })), /live-link/);

    const { id: refused } = await queue('Refused', 'nobody@example.com');
    const rejecting = await sink({ rejectRecipients: ['nobody@example.com'] });
    await configureSmtp(rejecting);
    await worker().runOnce();
    const failed = await store.outbox.get(refused);
    assert.deepEqual([failed?.status, failed?.message.body], ['failed', undefined]);
  });

  it('claims at most batchSize messages per run, oldest first', async () => {
    const server = await sink();
    await configureSmtp(server);
    for (let i = 0; i < 5; i++) {
      await queue(`m${i}`);
      clock.advance(1);
    }
    const mailer = worker({ batchSize: 2 });
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 2, sent: 2 }));
    assert.deepEqual(subjects(server), ['m0', 'm1']);
    assert.equal((await mailer.runOnce()).sent, 2);
    assert.equal((await mailer.runOnce()).sent, 1);
    assert.deepEqual(subjects(server), ['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('leases: two workers on one outbox never get the same message, and each message reaches the server once', async () => {
    const { server, hold } = await heldSink();
    await configureSmtp(server);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await queue(`m${i}`)).id);
      clock.advance(1);
    }
    const one = worker({ batchSize: 2 });
    const other = worker({ batchSize: 2 });
    const oneRun = one.runOnce();
    await hold.reached(1); // `one` holds m0 and m1 and is sending m0
    const otherRun = other.runOnce();
    await hold.reached(2); // `other` claimed what was left and is sending it
    hold.release();
    const [oneSummary, otherSummary] = await Promise.all([oneRun, otherRun]);
    assert.deepEqual([oneSummary, otherSummary], [summary({ claimed: 2, sent: 2 }), summary({ claimed: 1, sent: 1 })]);
    assert.equal(hold.count, 3);
    assert.deepEqual(server.messages.map((message) => message.messageId).sort(), ids.map(messageIdOf).sort());
    assert.deepEqual([(await one.runOnce()).claimed, (await other.runOnce()).claimed], [0, 0]);
    assert.equal(server.messages.length, 3);
  });

  it('ends a pass before a send that could outlive its lease; the rest goes out once that lease has run out', async () => {
    const { server, hold } = await heldSink();
    await configureSmtp(server);
    await queue('m0');
    clock.advance(1);
    const { id: rest } = await queue('m1');
    const mailer = worker({ leaseMs: 10 * MINUTE });
    const running = mailer.runOnce();
    await hold.reached(1);
    clock.advance(5 * MINUTE); // half the lease is gone while m0 is on the wire
    hold.release();
    assert.deepEqual(await running, summary({ claimed: 2, sent: 1 }));
    assert.deepEqual(subjects(server), ['m0']);
    assert.deepEqual(await stateOf(rest), { status: 'pending', attempts: 0, lastError: undefined });
    clock.advance(5 * MINUTE - 1);
    assert.equal((await mailer.runOnce()).claimed, 0, 'still leased to the pass that left it');
    clock.advance(1);
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, sent: 1 }));
    assert.deepEqual(subjects(server), ['m0', 'm1']);
  });

  it('runOnce() waits for the pass already running: when it resolves, the messages that pass held are delivered', async () => {
    const { server, hold } = await heldSink();
    await configureSmtp(server);
    const { id } = await queue();
    const mailer = worker();
    const first = mailer.runOnce();
    await hold.reached(1); // the first pass claimed the message and the server has it at DATA
    let flushed = false;
    const second = mailer.runOnce().then((result) => {
      flushed = true;
      return result;
    });
    await turns(20);
    assert.equal(flushed, false, 'the second pass waits while the first holds the message');
    assert.equal((await stateOf(id)).status, 'pending');
    hold.release();
    assert.equal((await second).claimed, 0, 'nothing left to claim');
    assert.equal((await stateOf(id)).status, 'sent', 'delivered by the time the second pass resolves');
    assert.deepEqual(await first, summary({ claimed: 1, sent: 1 }));
    assert.equal(hold.count, 1);
    assert.deepEqual(server.messages.map((message) => message.messageId), [messageIdOf(id)]);
  });

  it('start() runs passes on its timer and skips a tick while a pass runs; stop() waits for it, and no pass runs after', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const { server, hold } = await heldSink();
    await configureSmtp(server);
    const { id: first } = await queue('first');
    const mailer = worker();
    mailer.start(1000);
    mock.timers.tick(1000);
    await hold.reached(1); // the timer's pass is sending `first`
    clock.advance(1);
    const { id: second } = await queue('second');
    // Were this tick not skipped, its pass would run after the first one and deliver `second`.
    mock.timers.tick(1000);
    let stopped = false;
    const stopping = mailer.stop().then(() => {
      stopped = true;
    });
    await turns(20);
    assert.equal(stopped, false, 'stop waits for the running pass');
    hold.release();
    await stopping;
    assert.equal((await stateOf(first)).status, 'sent');
    assert.equal((await stateOf(second)).status, 'pending', 'the tick during the pass was skipped');
    assert.deepEqual([subjects(server), hold.count], [['first'], 1]);
    mock.timers.tick(5000);
    // A timer pass would be running now, and this one would wait for it and find nothing left.
    assert.deepEqual(await mailer.runOnce(), summary({ claimed: 1, sent: 1 }), 'no timer pass after stop');
    assert.deepEqual(subjects(server), ['first', 'second']);
  });
});

describe('retryDelayMs', () => {
  it('is 1 minute × 2^(failures − 1), capped at 1 hour', () => {
    assert.deepEqual([1, 2, 3, 6, 7, 8, 50].map(retryDelayMs), [1, 2, 4, 32, 60, 60, 60].map((m) => m * MINUTE));
  });
});
