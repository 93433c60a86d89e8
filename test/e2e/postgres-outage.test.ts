/**
 * A PostgreSQL outage seen by a running Arbor process (`arbor start` as a child, so that a crash
 * shows as an ended process, not as a dead test runner), reached through a TCP proxy of the test's
 * own on loopback: first its connections are ended during a load of journey steps, session checks and configuration reads,
 * server-side (`pg_terminate_backend`) and on the wire (every socket destroyed); then the database
 * is black-holed (connections open, nothing answers). Arbor must stay up, answer only successes or
 * AM's bare 503 while it lasts, fail readiness within about 2 seconds and every request needing
 * the database within 5, keep answering liveness, and work again by itself when the database
 * answers. Skipped without `ARBOR_TEST_POSTGRES_URL`.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { generateMasterKeyText } from '../../src/secrets/master-key.ts';
import type { ArborChild } from '../helpers/start-arbor-child.ts';
import { startArborChild } from '../helpers/start-arbor-child.ts';
import type { TcpProxy } from '../../src/store/testing/start-tcp-proxy.ts';
import { startTcpProxy } from '../../src/store/testing/start-tcp-proxy.ts';
import { assertAlive, errorLog, isStoreUnavailableBody, live, OUTAGE_ADMIN_PASSWORD, readKba, ready, signIn, startJourney, startLoad, tokenOf, until, validate } from '../helpers/outage-probes.ts';

const POSTGRES_URL = process.env['ARBOR_TEST_POSTGRES_URL'] || undefined;

describe('PostgreSQL outage: Arbor stays up, fails fast with 503 and recovers without a restart', { skip: POSTGRES_URL === undefined ? 'ARBOR_TEST_POSTGRES_URL is not set' : false }, () => {
  const url = new URL(POSTGRES_URL ?? 'postgres://unset');
  const schema = `arbor_outage_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let admin: pg.Client;
  let proxy: TcpProxy;
  let arbor: ArborChild;
  let dataDir: string;
  let token: string;

  /** Ends, server-side, every connection Arbor holds through the proxy; resolves to how many. */
  const terminateArborBackends = async (): Promise<number> => {
    // The termination is in the select list: it runs only for the rows the WHERE clause kept
    // (in the WHERE clause itself, PostgreSQL may call it for every session before filtering).
    const result = await admin.query<{ terminated: boolean }>(
      "select pg_terminate_backend(pid) as terminated from pg_stat_activity where client_addr = '127.0.0.1' and client_port = any($1::int[]) and pid <> pg_backend_pid()",
      [proxy.upstreamPorts()],
    );
    return result.rows.filter((row) => row.terminated).length;
  };

  before(async () => {
    admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const viaProxy = new URL(url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    viaProxy.searchParams.set('options', `-c search_path=${schema}`);
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-pg-outage-'));
    arbor = await startArborChild({
      ARBOR_DATABASE_URL: viaProxy.toString(),
      ARBOR_DATA_DIR: dataDir,
      ARBOR_MASTER_KEY: generateMasterKeyText(),
      ARBOR_ADMIN_PASSWORD: OUTAGE_ADMIN_PASSWORD,
      ARBOR_LOG: 'true',
    });
    token = tokenOf(await signIn(arbor.baseUrl));
  });

  after(async () => {
    await arbor?.stop();
    await proxy?.close();
    await admin?.query(`drop schema if exists ${schema} cascade`);
    await admin?.end();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('connections ended during a load (pg_terminate_backend, then cut on the wire): no crash, only 200 or a bare 503, then it serves again', async (t) => {
    const load = startLoad(arbor.baseUrl, token, 6);
    /** Waits until the load got 60 more answers: every disruption meets requests in flight and after. */
    const progress = async (): Promise<void> => {
      const target = load.answered() + 60;
      const reached = await until(async () => ({ status: load.answered() >= target ? 1 : 0, ms: 0, body: '' }), 1, 20_000);
      assert.equal(reached.status, 1, 'the load goes on');
    };
    try {
      for (let round = 0; round < 3; round += 1) {
        await progress();
        const connected = await until(async () => ({ status: proxy.upstreamPorts().length > 0 ? 1 : 0, ms: 0, body: '' }), 1, 10_000);
        assert.equal(connected.status, 1, 'Arbor holds connections to the database');
        await terminateArborBackends();
        assert.equal((await until(() => startJourney(arbor.baseUrl), 200, 20_000)).status, 200, 'journeys start again after pg_terminate_backend');
        assertAlive(arbor);
        await progress();
        proxy.cut();
        assert.equal((await until(() => startJourney(arbor.baseUrl), 200, 20_000)).status, 200, 'journeys start again after the connections were cut');
        await progress();
        assertAlive(arbor);
      }
    } finally {
      const tally = await load.stop();
      t.diagnostic(`answers during the load: ${JSON.stringify([...tally.byStatus])}`);
      assertAlive(arbor);
      assert.deepEqual(tally.unexpected.slice(0, 5), [], `answers other than 200 and the bare 503: ${JSON.stringify([...tally.byStatus])}\n${errorLog(arbor.output())}`);
      assert.ok((tally.byStatus.get(200) ?? 0) > 0, 'the load got answers');
    }
  });

  it('black-holed: readiness fails within 2.5 s; sign-in, journeys, session checks and configuration reads answer the bare 503 within 5 s; liveness stays 200', async () => {
    proxy.pause();
    try {
      for (let wave = 0; wave < 2; wave += 1) {
        const [readiness, liveness, ...needStore] = await Promise.all([
          ready(arbor.baseUrl),
          live(arbor.baseUrl),
          signIn(arbor.baseUrl),
          validate(arbor.baseUrl, token),
          ...Array.from({ length: 8 }, () => startJourney(arbor.baseUrl)),
          ...Array.from({ length: 3 }, () => readKba(arbor.baseUrl)),
        ]);
        assert.equal(readiness.status, 503, `readiness: ${readiness.status} ${readiness.body}`);
        assert.ok(readiness.ms < 2500, `readiness answered in ${Math.round(readiness.ms)} ms`);
        assert.equal(liveness.status, 200);
        for (const probe of needStore) {
          assert.equal(probe.status, 503, `${probe.status} ${probe.body}`);
          assert.ok(isStoreUnavailableBody(probe.body), probe.body);
          assert.ok(probe.ms < 5000, `answered in ${Math.round(probe.ms)} ms`);
        }
        assertAlive(arbor);
      }
    } finally {
      proxy.resume();
    }
  });

  it('recovers by itself once the database answers again: ready, sign-in and the earlier session work', async () => {
    proxy.resume();
    assert.equal((await until(() => ready(arbor.baseUrl), 200, 30_000)).status, 200, 'ready again');
    const signedIn = await until(() => signIn(arbor.baseUrl), 200, 30_000);
    tokenOf(signedIn);
    assert.equal((await validate(arbor.baseUrl, token)).status, 200);
    assertAlive(arbor);
  });
});
