/**
 * A Redis outage seen by a running Arbor process (`arbor start` as a child, durable data on SQLite,
 * ephemeral state in Redis), reached through a TCP proxy of the test's own on loopback: first its
 * connection is ended during a load of journey steps, session checks and configuration reads, server-side (`CLIENT KILL`)
 * and on the wire (every socket destroyed); then Redis is black-holed (the connection open,
 * nothing answers). Arbor must stay up, answer only successes or AM's bare 503 while it lasts,
 * fail readiness within about 2 seconds and every request needing Redis within 5, keep answering
 * liveness, and work again by itself when Redis answers. Skipped without `ARBOR_TEST_REDIS_URL`.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { generateMasterKeyText } from '../../src/secrets/master-key.ts';
import type { ArborChild } from '../helpers/start-arbor-child.ts';
import { startArborChild } from '../helpers/start-arbor-child.ts';
import type { TcpProxy } from '../../src/store/testing/start-tcp-proxy.ts';
import { startTcpProxy } from '../../src/store/testing/start-tcp-proxy.ts';
import { assertAlive, errorLog, isStoreUnavailableBody, live, OUTAGE_ADMIN_PASSWORD, readKba, ready, signIn, startJourney, startLoad, tokenOf, until, validate } from '../helpers/outage-probes.ts';

const REDIS_URL = process.env['ARBOR_TEST_REDIS_URL'] || undefined;

describe('Redis outage: Arbor stays up, fails fast with 503 and recovers without a restart', { skip: REDIS_URL === undefined ? 'ARBOR_TEST_REDIS_URL is not set' : false }, () => {
  const url = new URL(REDIS_URL ?? 'redis://unset');
  let admin: Redis;
  let proxy: TcpProxy;
  let arbor: ArborChild;
  let dataDir: string;
  let token: string;

  /** Ends, server-side, every connection Arbor holds through the proxy. */
  const killArborClients = async (): Promise<void> => {
    for (const port of proxy.upstreamPorts()) await admin.call('CLIENT', 'KILL', 'ADDR', `127.0.0.1:${port}`).catch(() => undefined);
  };

  before(async () => {
    admin = new Redis(REDIS_URL ?? '', { lazyConnect: true });
    await admin.connect();
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 6379) });
    const viaProxy = new URL(url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    dataDir = await mkdtemp(path.join(tmpdir(), 'arbor-redis-outage-'));
    arbor = await startArborChild({
      ARBOR_REDIS_URL: viaProxy.toString(),
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
    await admin?.quit();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('the connection ended during a load (CLIENT KILL, then cut on the wire): no crash, only 200 or a bare 503, then it serves again', async (t) => {
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
        assert.equal(connected.status, 1, 'Arbor holds a connection to Redis');
        await killArborClients();
        assert.equal((await until(() => startJourney(arbor.baseUrl), 200, 20_000)).status, 200, 'journeys start again after CLIENT KILL');
        assertAlive(arbor);
        await progress();
        proxy.cut();
        assert.equal((await until(() => startJourney(arbor.baseUrl), 200, 20_000)).status, 200, 'journeys start again after the connection was cut');
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

  it('black-holed: readiness fails within 2.5 s; sign-in, journeys and session checks answer the bare 503 within 5 s; liveness and configuration reads stay 200', async () => {
    proxy.pause();
    try {
      for (let wave = 0; wave < 2; wave += 1) {
        const [readiness, liveness, configuration, ...needRedis] = await Promise.all([
          ready(arbor.baseUrl),
          live(arbor.baseUrl),
          readKba(arbor.baseUrl),
          signIn(arbor.baseUrl),
          validate(arbor.baseUrl, token),
          ...Array.from({ length: 10 }, () => startJourney(arbor.baseUrl)),
        ]);
        assert.equal(readiness.status, 503, `readiness: ${readiness.status} ${readiness.body}`);
        assert.ok(readiness.ms < 2500, `readiness answered in ${Math.round(readiness.ms)} ms`);
        assert.equal(liveness.status, 200);
        assert.equal(configuration.status, 200, 'what needs only the database still works');
        for (const probe of needRedis) {
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

  it('recovers by itself once Redis answers again: ready, sign-in and the earlier session work', async () => {
    proxy.resume();
    assert.equal((await until(() => ready(arbor.baseUrl), 200, 30_000)).status, 200, 'ready again');
    tokenOf(await until(() => signIn(arbor.baseUrl), 200, 30_000));
    assert.equal((await validate(arbor.baseUrl, token)).status, 200);
    assertAlive(arbor);
  });
});
