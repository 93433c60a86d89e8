/**
 * A Redis of the test's own (nothing kept on disk) under two nodes on PostgreSQL, killed with
 * SIGKILL and started again empty: while it is down, every request that needs it (sign-ins,
 * journey steps, session checks) answers AM's bare 503 within the deadline, never a 500 or a
 * hang, and the nodes stay up; once it is back they serve again without a restart. What Redis
 * kept is gone, as documented (sessions, journeys in progress); what PostgreSQL keeps is not: the
 * accounts, old and new, sign in. Skipped without ARBOR_TEST_POSTGRES_URL and ARBOR_TEST_REDIS_URL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ALPHA_AUTHENTICATE, call, type Reply } from './cluster-client.ts';
import { ADMIN_HEADERS, type Cluster, multinodeSkip, startCluster } from './harness.ts';
import { type RedisServerProcess, startRedisServer } from './redis-server-process.ts';

const PASSWORD = 'Redis-K1lled-Passw0rd';
const UNAVAILABLE = { code: 503, reason: 'Service Unavailable', message: 'Service Unavailable' };

describe('a Redis killed and restarted empty under two nodes', { skip: multinodeSkip }, () => {
  let redis: RedisServerProcess;
  let cluster: Cluster;

  before(async () => {
    redis = await startRedisServer();
    cluster = await startCluster({ nodes: 2, redisUrl: redis.url, env: { ARBOR_WORKERS: '1' } });
  });
  after(async () => {
    await cluster?.close();
    await redis?.stop();
  });

  const validate = (token: unknown, node: number): Promise<Reply> => call(cluster, 'POST', '/am/json/realms/root/sessions?_action=validate', { node, body: { tokenId: token } });
  const createUser = async (): Promise<string> => {
    const userName = `redis${randomUUID().slice(0, 8)}`;
    const created = await call(cluster, 'POST', '/openidm/managed/user?_action=create', { headers: ADMIN_HEADERS, body: { userName, password: PASSWORD, givenName: 'Rudi', sn: 'Rossi', mail: `${userName}@example.com` } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return userName;
  };
  const rootSignIn = (userName: string, node?: number): Promise<Reply> =>
    call(cluster, 'POST', '/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login', { ...(node === undefined ? {} : { node }), headers: { 'x-openam-username': userName, 'x-openam-password': PASSWORD } });

  it('answers 503 while Redis is down, serves again once it is back, and keeps what PostgreSQL holds', async () => {
    const before = await createUser();
    const session = await rootSignIn(before);
    assert.equal(session.status, 200, JSON.stringify(session.body));
    const journey = await call(cluster, 'POST', `${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=Login`, { node: 0 });
    assert.equal(journey.status, 200);

    await redis.kill();
    const during: Reply[] = [];
    for (const node of [0, 1]) {
      during.push(await rootSignIn(before, node));
      during.push(await validate(session.body.tokenId, node));
      during.push(await call(cluster, 'POST', `${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=Login`, { node }));
      during.push(await call(cluster, 'POST', ALPHA_AUTHENTICATE, { node, body: { authId: journey.body.authId, callbacks: journey.body.callbacks } }));
    }
    assert.deepEqual(during.filter((reply) => reply.hung).length, 0, 'no request hung');
    assert.deepEqual(
      during.map((reply) => [reply.status, reply.body]),
      during.map(() => [503, UNAVAILABLE]),
      'every request that needs Redis answers the bare 503',
    );
    for (const node of [0, 1]) {
      const ready = await fetch(`${cluster.nodes[node]?.baseUrl}/health/ready`);
      assert.equal(ready.status, 503, `node ${node} is not ready without Redis`);
      assert.equal((await fetch(`${cluster.nodes[node]?.baseUrl}/health/live`)).status, 200, `node ${node} is alive`);
    }

    await redis.restart();
    for (const node of [0, 1]) {
      const deadline = performance.now() + 10_000;
      let again: Reply;
      do again = await rootSignIn(before, node);
      while (again.status !== 200 && performance.now() < deadline && (await new Promise((resolve) => setTimeout(resolve, 100)), true));
      assert.equal(again.status, 200, `node ${node} signs in again without a restart: ${JSON.stringify(again.body)}`);
      assert.equal(cluster.nodes[node]?.exited(), undefined, `node ${node} never stopped`);
    }

    // Lost with Redis's content, as documented: the session and the journey in progress.
    assert.equal((await validate(session.body.tokenId, 1)).body.valid, false, 'the old session is gone');
    const resumed = await call(cluster, 'POST', ALPHA_AUTHENTICATE, { body: { authId: journey.body.authId, callbacks: journey.body.callbacks } });
    assert.equal(resumed.status, 401, `the journey in progress starts again: ${JSON.stringify(resumed.body)}`);
    // Kept: every account; new ones are made and their sessions are seen by both nodes.
    const after = await createUser();
    const fresh = await rootSignIn(after, 0);
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
    assert.equal((await validate(fresh.body.tokenId, 1)).body.valid, true, 'a new session is shared again');
    assert.equal((await rootSignIn(before)).status, 200, 'the account made before the outage signs in');
  });
});
