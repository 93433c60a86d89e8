/**
 * Three Arbor processes on one PostgreSQL schema and one Redis database, behind a round-robin
 * proxy (`harness.ts`), every request through the proxy: a sign-in whose steps are answered by
 * different nodes; a logout on one node refused at once by the other two; a lockout reached by
 * failures spread over the nodes; a realm setting changed through one node seen by the other two
 * within a second (their caches would trust it for five); outbox messages delivered exactly once
 * with three outbox workers running. Skipped, saying why, without ARBOR_TEST_POSTGRES_URL and
 * ARBOR_TEST_REDIS_URL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fillCredentials } from '../../src/journeys/engine/zero-page-login.ts';
import { startSmtpSink, type SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import { ADMIN_HEADERS, type Cluster, MULTINODE_ADMIN_PASSWORD, multinodeSkip, startCluster } from './harness.ts';
import { NODE_HEADER } from './round-robin-proxy.ts';

const ROOT = '/am/json/realms/root';
const ALPHA = '/am/json/realms/root/realms/alpha';
const PASSWORD = 'Multi-N0de-Passw0rd';

/** An answer through the proxy, with the node that served it. */
interface Reply {
  status: number;
  body: Record<string, unknown>;
  node: number;
}

describe('several Arbor nodes behind a load balancer', { skip: multinodeSkip }, () => {
  let cluster: Cluster;

  /** Sends a request through the proxy, to `node` when given (else the next in the rotation). */
  const call = async (method: string, path: string, options: { node?: number; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> => {
    if (options.node !== undefined) cluster.proxy.pin(options.node);
    const response = await fetch(`${cluster.url}${path}`, {
      method,
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const body: unknown = text === '' ? {} : JSON.parse(text);
    return { status: response.status, body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}, node: Number(response.headers.get(NODE_HEADER)) };
  };

  const createUser = async (type: string): Promise<string> => {
    const userName = `mn${randomUUID().slice(0, 8)}`;
    const created = await call('POST', `/openidm/managed/${type}?_action=create`, { headers: ADMIN_HEADERS, body: { userName, password: PASSWORD, givenName: 'Nora', sn: 'Node', mail: `${userName}@example.com` } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return userName;
  };

  const zeroPage = (realmPath: string, userName: string, password: string, node?: number): Promise<Reply> =>
    call('POST', `${realmPath}/authenticate?authIndexType=service&authIndexValue=Login`, { headers: { 'x-openam-username': userName, 'x-openam-password': password }, ...(node === undefined ? {} : { node }) });

  const validate = (token: string, node: number): Promise<Reply> => call('POST', `${ROOT}/sessions?_action=validate`, { node, body: { tokenId: token } });

  before(async () => {
    cluster = await startCluster({ env: { ARBOR_WORKERS: '1' } });
  });
  after(async () => cluster?.close());

  it('runs one sign-in with each step answered by another node', async () => {
    const userName = await createUser('user');
    const first = await call('POST', `${ROOT}/authenticate?authIndexType=service&authIndexValue=Login`, { node: 0 });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.node, 0);
    const callbacks = fillCredentials(first.body.callbacks as Parameters<typeof fillCredentials>[0], { username: userName, password: PASSWORD });
    const done = await call('POST', `${ROOT}/authenticate`, { node: 1, body: { authId: first.body.authId, callbacks } });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.node, 1);
    assert.equal(typeof done.body.tokenId, 'string', JSON.stringify(done.body));
    const checked = await validate(String(done.body.tokenId), 2);
    assert.equal(checked.node, 2);
    assert.equal(checked.body.valid, true, 'the session made on node 1 is valid on node 2');
  });

  it('refuses a session on every node as soon as one node logs it out', async () => {
    const userName = await createUser('user');
    const signedIn = await zeroPage(ROOT, userName, PASSWORD);
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    const token = String(signedIn.body.tokenId);
    for (const node of [0, 1, 2]) assert.equal((await validate(token, node)).body.valid, true, `valid on node ${node}`);
    const out = await call('POST', `${ROOT}/sessions?_action=logout`, { node: 1, body: { tokenId: token } });
    assert.equal(out.status, 200, JSON.stringify(out.body));
    const [zero, two] = await Promise.all([validate(token, 0), validate(token, 2)]);
    assert.deepEqual([zero.node, two.node].sort(), [0, 2]);
    assert.equal(zero.body.valid, false, 'node 0 refuses it at once');
    assert.equal(two.body.valid, false, 'node 2 refuses it at once');
  });

  it('locks an account after failures spread over the nodes', async () => {
    const userName = await createUser('alpha_user');
    const before = await zeroPage(ALPHA, userName, PASSWORD);
    // Accepted: the journey goes on (to the terms this new user has not accepted yet).
    assert.equal(before.status, 200, `the right password works before: ${JSON.stringify(before.body)}`);
    const nodes: number[] = [];
    // The alpha realm locks after 5 failures (the default): 5 wrong passwords, round robin.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const failed = await zeroPage(ALPHA, userName, 'Wrong-Passw0rd-1');
      assert.equal(failed.status, 401, JSON.stringify(failed.body));
      nodes.push(failed.node);
    }
    assert.deepEqual([...new Set(nodes)].sort(), [0, 1, 2], 'the failures reached every node');
    for (const node of [0, 1, 2]) {
      const right = await zeroPage(ALPHA, userName, PASSWORD, node);
      assert.equal(right.status, 401, `node ${node} refuses the right password of the locked account: ${JSON.stringify(right.body)}`);
    }
  });

  it('shows a realm setting changed through one node on every other node within a second', async () => {
    const firstStepOf = async (node: number): Promise<string[]> => {
      const step = await call('POST', `${ALPHA}/authenticate`, { node });
      assert.equal(step.status, 200, JSON.stringify(step.body));
      return (step.body.callbacks as { type: string }[]).map((callback) => callback.type);
    };
    // Nodes 1 and 2 have the realm (and its default journey, Login) cached.
    const login = await firstStepOf(1);
    assert.deepEqual(await firstStepOf(2), login);
    const put = await call('PUT', `${ALPHA}/realm-config/authentication`, { node: 0, headers: ADMIN_HEADERS, body: { core: { orgConfig: 'Registration' } } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const changedAt = performance.now();
    try {
      for (const node of [1, 2]) {
        while (JSON.stringify(await firstStepOf(node)) === JSON.stringify(login)) {
          assert.ok(performance.now() - changedAt < 1000, `node ${node} still runs Login as the default journey after a second`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const seenAfter = performance.now() - changedAt;
        assert.ok(seenAfter < 1000, `node ${node} saw the change after ${Math.round(seenAfter)} ms`);
      }
      assert.ok((await firstStepOf(1)).includes('ValidatedCreateUsernameCallback'), 'the default journey is now Registration');
    } finally {
      await call('PUT', `${ALPHA}/realm-config/authentication`, { node: 0, headers: ADMIN_HEADERS, body: { core: { orgConfig: 'Login' } } });
    }
  });

  describe('the outbox, delivered by three nodes at once', () => {
    let sink: SmtpSink | undefined;
    after(async () => sink?.stop());

    it('sends each queued message exactly once', async () => {
      sink = await startSmtpSink();
      const configured = await call('PUT', '/openidm/config/external.email', { node: 0, headers: ADMIN_HEADERS, body: { host: '127.0.0.1', port: sink.port, from: 'accounts@example.com', auth: { enable: false }, starttls: { enable: false }, ssl: { enable: false }, connectiontimeout: 3000, timeout: 3000 } });
      assert.equal(configured.status, 200, JSON.stringify(configured.body));
      // As the administrator's session: 45 password checks in flight at once would exceed the credential guard's budget.
      const signedIn = await zeroPage(ROOT, 'amadmin', MULTINODE_ADMIN_PASSWORD);
      const session = { cookie: `iPlanetDirectoryPro=${String(signedIn.body.tokenId)}` };
      const count = 45;
      const subjects = Array.from({ length: count }, (_, index) => `multinode ${index} ${randomUUID()}`);
      await Promise.all(
        subjects.map(async (subject) => {
          const queued = await call('POST', '/openidm/external/email?_action=send', { headers: session, body: { to: 'nora@example.com', subject, body: `<p>${subject}</p>`, type: 'text/html' } });
          assert.equal(queued.status, 200, JSON.stringify(queued.body));
        }),
      );
      // Each node's outbox worker runs every 10 seconds; three of them claim in turn.
      const deadline = performance.now() + 40_000;
      while (sink.messages.length < count && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      // A double send would arrive right after: give it the time to.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const received = sink.messages.map((message) => message.subject ?? '');
      const times = new Map<string, number>();
      for (const subject of received) times.set(subject, (times.get(subject) ?? 0) + 1);
      assert.deepEqual(
        subjects.filter((subject) => times.get(subject) !== 1),
        [],
        `every message exactly once (received ${received.length} of ${count})`,
      );
      assert.equal(received.length, count);
    });
  });
});
