/**
 * PostgreSQL connections killed under load: while registrations run concurrently through the
 * three-node proxy, the test ends every connection of this run's nodes (`pg_terminate_backend` on
 * the run's own `application_name`, nobody else's) again and again. Every request must answer
 * success or AM's 503 within the deadline (never a 500, never a hang); the nodes must serve
 * registrations again without a restart; and nothing is lost or half made: every acknowledged
 * registration exists, and every stored account of the run is whole (the same fields as one
 * registered without faults) and signs in with its password. Skipped without
 * ARBOR_TEST_POSTGRES_URL and ARBOR_TEST_REDIS_URL.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ALPHA_AUTHENTICATE, call, finishJourney, type Reply, type Target } from './cluster-client.ts';
import { type Cluster, multinodeSkip, startCluster } from './harness.ts';

const PASSWORD = 'Pg-Term1nated-Passw0rd';
/** Registrations under fire, and how many run at once. */
const REGISTRATIONS = 30;
const CONCURRENCY = 6;

/** How one registration ended: `ok` (acknowledged) or the status that stopped it. */
interface Outcome {
  userName: string;
  acknowledged: boolean;
  statuses: number[];
  hung: boolean;
}

/** Runs the alpha Registration journey for `userName` through the proxy (on `node` when given). */
async function register(target: Target, userName: string, node?: number): Promise<Outcome> {
  const pin = node === undefined ? {} : { node };
  const first = await call(target, 'POST', `${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=Registration`, pin);
  if (first.status !== 200) return { userName, acknowledged: false, statuses: [first.status], hung: first.hung };
  const { last, nodes } = await finishJourney(target, first, { userName, password: PASSWORD, profile: { givenName: 'Paula', sn: 'Postgres', mail: `${userName}@example.com` } }, pin);
  const acknowledged = last.status === 200 && typeof last.body.tokenId === 'string';
  return { userName, acknowledged, statuses: [first.status, ...(nodes.length === 0 ? [] : [last.status])], hung: last.hung };
}

describe('PostgreSQL connections killed during concurrent registrations', { skip: multinodeSkip }, () => {
  let cluster: Cluster;
  let admin: pg.Client;

  before(async () => {
    cluster = await startCluster({ env: { ARBOR_WORKERS: '1' } });
    admin = new pg.Client({ connectionString: process.env['ARBOR_TEST_POSTGRES_URL'] });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await cluster?.close();
  });

  /** The stored alpha users of this run whose names start with `prefix`. */
  const storedUsers = async (prefix: string): Promise<{ data: Record<string, unknown>; meta: Record<string, unknown> }[]> => {
    const rows = await admin.query<{ data: Record<string, unknown> | string; meta: Record<string, unknown> | string }>(
      `select data, meta from ${cluster.schema}.managed_objects where type = 'alpha_user' and data->>'userName' like $1`,
      [`${prefix}%`],
    );
    const parse = (value: Record<string, unknown> | string): Record<string, unknown> => (typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : value);
    return rows.rows.map((row) => ({ data: parse(row.data), meta: parse(row.meta) }));
  };

  it('answers 200 or 503 only, recovers by itself, and keeps every acknowledged registration whole', async (t) => {
    const prefix = `pg${randomUUID().slice(0, 6)}`;
    const reference = await register(cluster, `${prefix}ref`);
    assert.ok(reference.acknowledged, `a registration without faults works: ${reference.statuses.join(',')}`);
    const [whole] = await storedUsers(`${prefix}ref`);
    assert.ok(whole !== undefined);

    let terminated = 0;
    let firing = true;
    const killer = (async () => {
      while (firing) {
        const ended = await admin.query<{ ended: boolean }>('select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()', [cluster.applicationName]);
        terminated += ended.rows.filter((row) => row.ended).length;
        await new Promise((resolve) => setTimeout(resolve, 120));
      }
    })();
    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REGISTRATIONS) {
          next += 1;
          outcomes.push(await register(cluster, `${prefix}u${next}`));
        }
      }),
    );
    firing = false;
    await killer;

    const statuses = outcomes.flatMap((outcome) => outcome.statuses);
    const tally = (status: number): number => statuses.filter((each) => each === status).length;
    t.diagnostic(`${terminated} connections ended; ${outcomes.filter((o) => o.acknowledged).length} of ${REGISTRATIONS} registrations acknowledged; answers: ${tally(200)}×200, ${tally(503)}×503`);
    assert.ok(terminated > 0, 'the test ended some of the nodes’ connections');
    assert.deepEqual(outcomes.filter((outcome) => outcome.hung).map((outcome) => outcome.userName), [], 'no request hung');
    assert.deepEqual(statuses.filter((status) => status !== 200 && status !== 503), [], 'every answer was a success or a 503');

    // Recovery without a restart: each node registers again (the pool replaces its connections).
    for (const node of [0, 1, 2]) {
      const deadline = performance.now() + 5000;
      let again: Outcome;
      do again = await register(cluster, `${prefix}after${node}`, node);
      while (!again.acknowledged && performance.now() < deadline);
      assert.ok(again.acknowledged, `node ${node} registers again: ${again.statuses.join(',')}`);
      assert.equal(cluster.nodes[node]?.exited(), undefined, `node ${node} is still running`);
    }

    // Nothing lost, nothing half made.
    const stored = await storedUsers(prefix);
    const names = new Set(stored.map((user) => String(user.data.userName)));
    assert.deepEqual(outcomes.filter((outcome) => outcome.acknowledged && !names.has(outcome.userName)).map((outcome) => outcome.userName), [], 'every acknowledged registration exists');
    const keys = (record: Record<string, unknown>): string => Object.keys(record).sort().join(',');
    for (const user of stored) {
      const userName = String(user.data.userName);
      assert.equal(keys(user.data), keys(whole.data), `${userName} has every field`);
      // The sign-in count is bookkeeping that Increment Login Count skips when the store fails (as AM does): only it may be missing.
      const { loginCount, ...meta } = user.meta;
      const { loginCount: _counted, ...wholeMeta } = whole.meta;
      assert.equal(keys(meta), keys(wholeMeta), `${userName} has its terms acceptance and dates`);
      assert.ok(loginCount === undefined || loginCount === 1, `${userName}'s sign-in was counted at most once`);
    }
    const signIns: Reply[] = [];
    for (const user of stored) {
      signIns.push(await call(cluster, 'POST', `${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=Login`, { headers: { 'x-openam-username': String(user.data.userName), 'x-openam-password': PASSWORD } }));
    }
    assert.deepEqual(signIns.map((reply) => reply.status).filter((status) => status !== 200), [], 'every stored account signs in with its password');
  });
});
