/**
 * A node killed with SIGKILL between the steps of a journey (three nodes behind the round-robin
 * proxy, PostgreSQL and Redis shared): a registration whose first page came from the dead node is
 * finished by another and its account exists, signed in everywhere; a password reset suspended by
 * the dead node (its email queued in the shared outbox) is delivered once by a surviving node and
 * its link resumes the journey there. Nothing lost: the acknowledged account exists, the email
 * arrives exactly once, the new password works. Skipped without ARBOR_TEST_POSTGRES_URL and
 * ARBOR_TEST_REDIS_URL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { startSmtpSink, type SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import { ALPHA_AUTHENTICATE, call, finishJourney } from './cluster-client.ts';
import { ADMIN_HEADERS, type Cluster, multinodeSkip, startCluster } from './harness.ts';

const PASSWORD = 'Kill-N1ne-Passw0rd';
const NEW_PASSWORD = 'After-K1ll-Passw0rd';

/** The recipient of a message. */
function recipientOf(message: ParsedMail): string | undefined {
  const to = message.to;
  const first = Array.isArray(to) ? to[0] : to;
  return first?.value[0]?.address;
}

/** The `suspendedId` of the link in an email, read from its text as a mail client shows it. */
function suspendedIdOf(message: ParsedMail): string {
  const html = typeof message.html === 'string' ? message.html.replaceAll('&amp;', '&').replaceAll('&#x3D;', '=') : '';
  const found = /suspendedId=([A-Za-z0-9_.~-]+)/.exec(`${message.text ?? ''} ${html}`)?.[1];
  assert.ok(found !== undefined, `no link in: ${message.text ?? html}`);
  return decodeURIComponent(found);
}

describe('a node killed (SIGKILL) between the steps of a journey', { skip: multinodeSkip }, () => {
  let cluster: Cluster;
  let sink: SmtpSink;

  before(async () => {
    sink = await startSmtpSink();
    cluster = await startCluster({ env: { ARBOR_WORKERS: '1' } });
    const configured = await call(cluster, 'PUT', '/openidm/config/external.email', {
      headers: ADMIN_HEADERS,
      body: { host: '127.0.0.1', port: sink.port, from: 'accounts@example.com', auth: { enable: false }, starttls: { enable: false }, ssl: { enable: false }, connectiontimeout: 3000, timeout: 3000 },
    });
    assert.equal(configured.status, 200, JSON.stringify(configured.body));
  });
  after(async () => {
    await cluster?.close();
    await sink?.stop();
  });

  it('finishes a registration on another node, and the account exists', async () => {
    const userName = `kill${randomUUID().slice(0, 8)}`;
    const first = await call(cluster, 'POST', `${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=Registration`, { node: 1 });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.node, 1);
    await cluster.kill(1);
    assert.equal(cluster.nodes[1]?.exited(), 'SIGKILL');
    const { last, nodes } = await finishJourney(cluster, first, { userName, password: PASSWORD, profile: { givenName: 'Kim', sn: 'Killed', mail: `${userName}@example.com` } });
    assert.equal(last.status, 200, JSON.stringify(last.body));
    assert.equal(typeof last.body.tokenId, 'string', `registered: ${JSON.stringify(last.body)}`);
    assert.ok(nodes.length > 0 && nodes.every((node) => node !== 1), `served by the survivors: ${nodes.join(',')}`);
    for (const node of [0, 2]) {
      const valid = await call(cluster, 'POST', '/am/json/realms/root/sessions?_action=validate', { node, body: { tokenId: last.body.tokenId } });
      assert.equal(valid.body.valid, true, `the new session is valid on node ${node}`);
    }
    const found = await call(cluster, 'GET', `/openidm/managed/alpha_user?_queryFilter=${encodeURIComponent(`userName eq "${userName}"`)}`, { headers: ADMIN_HEADERS });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.equal((found.body.result as unknown[]).length, 1, 'the acknowledged account exists');
  });

  it('delivers the reset email of a journey suspended on the killed node once, and its link works through another node', async () => {
    const userName = `reset${randomUUID().slice(0, 8)}`;
    const mail = `${userName}@example.com`;
    const created = await call(cluster, 'POST', '/openidm/managed/alpha_user?_action=create', { headers: ADMIN_HEADERS, body: { userName, password: PASSWORD, givenName: 'Rita', sn: 'Reset', mail } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const first = await call(cluster, 'POST', `${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=ResetPassword`, { node: 2 });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const suspended = await finishJourney(cluster, first, { profile: { mail } }, { node: 2, maxSteps: 1 });
    assert.equal(suspended.last.status, 200, JSON.stringify(suspended.last.body));
    assert.deepEqual(suspended.nodes, [2]);
    await cluster.kill(2);

    const deadline = performance.now() + 30_000;
    const mine = (): ParsedMail[] => sink.messages.filter((message) => recipientOf(message) === mail);
    while (mine().length === 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const [message] = mine();
    assert.ok(message !== undefined, 'the reset email was delivered by a surviving node');

    const resumed = await call(cluster, 'POST', `${ALPHA_AUTHENTICATE}?suspendedId=${encodeURIComponent(suspendedIdOf(message))}`);
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    assert.equal(resumed.node, 0, 'resumed on the last node standing');
    const { last } = await finishJourney(cluster, resumed, { password: NEW_PASSWORD });
    assert.equal(last.status, 200, `the reset finished: ${JSON.stringify(last.body)}`);

    const zeroPage = (password: string) => call(cluster, 'POST', `${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=Login`, { headers: { 'x-openam-username': userName, 'x-openam-password': password } });
    assert.equal((await zeroPage(NEW_PASSWORD)).status, 200, 'the new password is accepted');
    assert.equal((await zeroPage(PASSWORD)).status, 401, 'the old one is not');
    // A second delivery would come with the next worker pass: give it one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(mine().length, 1, 'the email was sent exactly once');
  });
});
