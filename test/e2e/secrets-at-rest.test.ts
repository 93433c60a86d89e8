/**
 * What a read of the database (or of a backup) gives away, on a whole Arbor: the SMTP password is
 * set over IDM's REST API and a password reset is requested through the AM API while the mail
 * server is down, then read back around Arbor's own code, every row of `configs` and
 * `email_outbox`: neither the SMTP password nor the pending reset link (its `suspendedId`) is
 * there in clear. Once the mail server is back, the message goes out with the right link (which
 * resumes the journey) and the outbox row keeps nothing of it: no body, the envelope only. On
 * SQLite, and on PostgreSQL (fresh schema) when `ARBOR_TEST_POSTGRES_URL` is set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import type { TestPlatform } from '../../src/platform/testing/in-memory-platform.ts';
import { testPlatformOn } from '../../src/platform/testing/in-memory-platform.ts';
import { startSmtpSink, type SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SqlStore } from '../../src/store/sql/sql-store.ts';
import type { Store } from '../../src/store/store.ts';

const POSTGRES_URL = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;
const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' };
const RESET = '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=ResetPassword';
const SMTP_PASSWORD = `Smtp-${randomBytes(6).toString('hex')}`;

interface Step {
  authId?: string;
  callbacks?: { type: string; input?: { name: string; value: unknown }[] }[];
}

/** A SQL store to run on, and what to remove afterwards. */
interface Backend {
  name: string;
  skip: string | false;
  open(): Promise<{ open: () => Promise<Store>; cleanUp(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  { name: 'SQLite', skip: false, open: async () => ({ open: () => openStore({ memory: true }), cleanUp: async () => {} }) },
  {
    name: 'PostgreSQL',
    skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false,
    async open() {
      const schema = `arbor_rest_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
      await admin.query(`create schema ${schema}`);
      const url = new URL(POSTGRES_URL ?? '');
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        open: () => openStore({ databaseUrl: url.toString() }),
        async cleanUp() {
          await admin.query(`drop schema if exists ${schema} cascade`);
          await admin.end();
        },
      };
    },
  },
];

for (const backend of BACKENDS) {
  describe(`secrets at rest on ${backend.name}: the SMTP password and pending reset links`, { skip: backend.skip }, () => {
    let arbor: TestPlatform;
    let cleanUp: () => Promise<void>;
    let sink: SmtpSink;

    /** Every row of `configs` and `email_outbox`, as a database read gives them. */
    const databaseText = async (): Promise<string> => {
      const { db } = arbor.store as SqlStore;
      const configs = await sql`select * from configs`.execute(db);
      const outbox = await sql`select * from email_outbox`.execute(db);
      return JSON.stringify({ configs: configs.rows, outbox: outbox.rows });
    };
    const inject = async (method: 'GET' | 'PUT' | 'POST', url: string, payload: unknown, headers: Record<string, string> = {}) => {
      const reply = await arbor.app.inject({ method, url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });
      return { status: reply.statusCode, body: reply.json<Step & Record<string, unknown>>() };
    };
    const putSmtp = (port: number) =>
      inject('PUT', '/openidm/config/external.email', { host: '127.0.0.1', port, auth: { enable: true, username: 'mailer', password: SMTP_PASSWORD }, from: 'accounts@example.com' }, ADMIN);

    before(async () => {
      const opened = await backend.open();
      cleanUp = opened.cleanUp;
      arbor = await testPlatformOn(opened.open);
      sink = await startSmtpSink({ credentials: { user: 'mailer', pass: SMTP_PASSWORD } });
      await arbor.identity.createUser('alpha_user', { userName: 'rita', password: 'First-Passw0rd', givenName: 'Rita', sn: 'Reset', mail: 'rita@example.com' });
    });
    after(async () => {
      await sink?.stop();
      await arbor?.close();
      await cleanUp?.();
    });

    it('keeps the SMTP password and a pending reset link out of the database in clear; delivered, the message keeps its envelope only', async () => {
      // The mail server is down: the message waits, pending.
      const down = await startSmtpSink();
      const downPort = down.port;
      await down.stop();
      assert.equal((await putSmtp(downPort)).status, 200);
      const first = await inject('POST', RESET, {});
      const filled = structuredClone(first.body);
      const input = filled.callbacks?.[0]?.input?.[0];
      assert.ok(input !== undefined, JSON.stringify(first.body));
      input.value = 'rita@example.com';
      const suspended = await inject('POST', RESET, filled);
      assert.equal(suspended.body.callbacks?.[0]?.type, 'SuspendedTextOutputCallback', JSON.stringify(suspended.body));
      const atRest = await databaseText();
      assert.ok(!atRest.includes(SMTP_PASSWORD), 'the SMTP password is in the database in clear');
      assert.ok(!atRest.includes('suspendedId'), 'the pending reset link is in the database in clear');
      assert.ok(atRest.includes('rita@example.com'), 'the envelope is kept in clear');
      const [queued] = await arbor.store.outbox.list({ limit: 1 });
      assert.ok(queued !== undefined);
      const text = arbor.openMail(queued.message)?.text ?? '';
      const suspendedId = /suspendedId=([\w-]+)/.exec(text)?.[1];
      assert.ok(suspendedId !== undefined, `a resume link in ${text}`);
      assert.ok(!atRest.includes(suspendedId), 'the pending reset link is in the database in clear');

      // The mail server is back: the message goes out with its link, and the outbox forgets it.
      assert.equal((await putSmtp(sink.port)).status, 200);
      arbor.clock.advance(2 * 60_000);
      const pass = await arbor.mailer.runOnce();
      assert.equal(pass.sent, 1, JSON.stringify(pass));
      const [delivered] = sink.messages;
      assert.match(delivered?.text ?? '', new RegExp(`suspendedId=${suspendedId}`));
      assert.deepEqual(sink.logins, ['mailer']);
      const sent = await arbor.store.outbox.get(queued.id);
      assert.deepEqual([sent?.status, sent?.message.body, sent?.message.to], ['sent', undefined, ['rita@example.com']]);
      const afterwards = await databaseText();
      assert.ok(!afterwards.includes(SMTP_PASSWORD));
      assert.ok(!afterwards.includes('suspendedId') && !afterwards.includes(queued.message.body ?? 'no body'), 'nothing of the body is left');

      const resumed = await inject('POST', `/am/json/realms/root/realms/alpha/authenticate?suspendedId=${suspendedId}`, {});
      assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
      assert.ok(resumed.body.authId !== undefined, 'the delivered link resumes the journey');
    });
  });
}
