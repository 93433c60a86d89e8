/**
 * SMTP down under two nodes: messages accepted while the SMTP server (a real smtp-server sink) is
 * stopped stay in the shared outbox, pending with their failed attempt recorded; once the server
 * listens again on the same port and the operator retries them (the outbox's "retry now"), the
 * two nodes' workers deliver each exactly once. Nothing lost: every acknowledged email arrives, once.
 * Skipped without ARBOR_TEST_POSTGRES_URL and ARBOR_TEST_REDIS_URL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSmtpSink, type SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import { call } from './cluster-client.ts';
import { ADMIN_HEADERS, type Cluster, MULTINODE_ADMIN_PASSWORD, multinodeSkip, startCluster } from './harness.ts';

const MESSAGES = 12;

/** An outbox entry as the administrator lists it. */
interface Entry {
  _id: string;
  subject: string;
  status: string;
  attempts: number;
}

describe('SMTP down: the outbox keeps the messages and delivers each once when it is back', { skip: multinodeSkip }, () => {
  let cluster: Cluster;
  let sink: SmtpSink;

  before(async () => {
    sink = await startSmtpSink();
    cluster = await startCluster({ nodes: 2, env: { ARBOR_WORKERS: '1' } });
    const configured = await call(cluster, 'PUT', '/openidm/config/external.email', {
      headers: ADMIN_HEADERS,
      body: { host: '127.0.0.1', port: sink.port, from: 'accounts@example.com', auth: { enable: false }, starttls: { enable: false }, ssl: { enable: false }, connectiontimeout: 2000, timeout: 2000 },
    });
    assert.equal(configured.status, 200, JSON.stringify(configured.body));
  });
  after(async () => {
    await cluster?.close();
    await sink?.stop();
  });

  it('keeps what was queued while SMTP was down and sends it exactly once after', async () => {
    const signedIn = await call(cluster, 'POST', '/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login', { headers: { 'x-openam-username': 'amadmin', 'x-openam-password': MULTINODE_ADMIN_PASSWORD } });
    const admin = { cookie: `iPlanetDirectoryPro=${String(signedIn.body.tokenId)}` };
    const run = randomUUID().slice(0, 8);
    const subjects = Array.from({ length: MESSAGES }, (_, index) => `outage ${run} ${index}`);

    await sink.stop();
    for (const subject of subjects) {
      const queued = await call(cluster, 'POST', '/openidm/external/email?_action=send', { headers: admin, body: { to: 'olga@example.com', subject, body: `<p>${subject}</p>`, type: 'text/html' } });
      assert.equal(queued.status, 200, `acknowledged: ${JSON.stringify(queued.body)}`);
    }
    const mine = async (): Promise<Entry[]> => {
      const listed = await call(cluster, 'GET', '/openidm/endpoint/outbox?_queryFilter=true&_pageSize=100', { headers: admin });
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      return (listed.body.result as Entry[]).filter((entry) => entry.subject.startsWith(`outage ${run} `));
    };
    // Each node's worker tries every 10 seconds: wait until every message has failed once.
    let deadline = performance.now() + 30_000;
    let entries = await mine();
    while (!(entries.length === MESSAGES && entries.every((entry) => entry.attempts >= 1)) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      entries = await mine();
    }
    assert.equal(entries.length, MESSAGES, 'every acknowledged message is in the outbox');
    assert.deepEqual(entries.filter((entry) => entry.status !== 'pending' || entry.attempts < 1), [], 'each failed once and waits, pending');
    assert.equal(sink.messages.length, 0);

    await sink.restart();
    for (const entry of entries) {
      const retried = await call(cluster, 'POST', `/openidm/endpoint/outbox/${entry._id}?_action=retry`, { headers: admin, body: {} });
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
    }
    deadline = performance.now() + 30_000;
    while (sink.messages.length < MESSAGES && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    // A double send would follow at the next passes: give them time.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const received = sink.messages.map((message) => message.subject ?? '');
    assert.deepEqual(
      subjects.filter((subject) => received.filter((each) => each === subject).length !== 1),
      [],
      `every message exactly once (received ${received.length} of ${MESSAGES})`,
    );
    assert.equal(received.length, MESSAGES);
    assert.deepEqual((await mine()).filter((entry) => entry.status !== 'sent'), [], 'the outbox says sent');
  });
});
