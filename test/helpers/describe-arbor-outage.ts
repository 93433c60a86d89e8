/**
 * The outage suite of a running Arbor process (`arbor start` as a child, so that a crash shows as
 * an ended process, not as a dead test runner) whose PostgreSQL or Redis is reached through a TCP
 * proxy of the test's own on loopback: first Arbor's connections are ended during a load of
 * journey steps, session checks and configuration reads, server-side (`pg_terminate_backend`,
 * `CLIENT KILL`) and on the wire (every socket destroyed); then the service is black-holed
 * (connections open, nothing answers). Arbor must stay up, answer only successes or AM's bare 503
 * while it lasts, fail readiness within about 2 seconds and every request needing the service
 * within 5, keep answering liveness (and configuration reads, when they need only the database),
 * and work again by itself when the service answers. Skipped, saying why, without the service.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMasterKeyText } from '../../src/secrets/master-key.ts';
import type { StoreService } from '../../src/store/store-connection-error.ts';
import { proxyServiceUrl } from '../../src/store/testing/proxy-service-url.ts';
import type { TcpProxy } from '../../src/store/testing/start-tcp-proxy.ts';
import { assertAlive, errorLog, isStoreUnavailableBody, live, OUTAGE_ADMIN_PASSWORD, readKba, ready, signIn, startJourney, startLoad, tokenOf, until, validate } from './outage-probes.ts';
import type { ArborChild } from './start-arbor-child.ts';
import { startArborChild } from './start-arbor-child.ts';

/** The service an outage suite takes away, and how the test reaches it besides Arbor. */
export interface OutageService {
  name: StoreService;
  /** The service's URL; the suite is skipped without it. */
  url: string | undefined;
  /** The variable that names `url`, for the reason of a skip (`ARBOR_TEST_REDIS_URL`). */
  variable: string;
  /** The port of a URL that names none. */
  defaultPort: number;
  /** How the service itself ends a connection (`pg_terminate_backend`), as the titles name it. */
  serverSideEnd: string;
  /** Whether Arbor's configuration reads need the service; otherwise they must stay 200 through its outage. */
  configurationNeedsService: boolean;
  /** Prepares the service (an administrative connection, a schema); resolves to the settings that point Arbor at it through `viaProxy`. */
  setUp(viaProxy: URL): Promise<Record<string, string>>;
  /** Ends, server-side, the connections from the local `ports` (the proxy's own). */
  endConnections(ports: number[]): Promise<void>;
  /** Removes what `setUp` made; runs after Arbor has stopped, even when `setUp` failed. */
  tearDown(): Promise<void>;
}

/** Journey starts sent at once, in each wave against the black-holed service. */
const BLACK_HOLE_JOURNEYS = 8;

/** Configuration reads sent with them. */
const BLACK_HOLE_CONFIGURATION_READS = 3;

/** Declares the outage suite of `service`. */
export function describeArborOutage(service: OutageService): void {
  const needsService = service.configurationNeedsService;
  const title = `${service.name} outage: Arbor stays up, fails fast with 503 and recovers without a restart`;
  describe(title, { skip: service.url === undefined ? `${service.variable} is not set` : false }, () => {
    let proxy: TcpProxy;
    let arbor: ArborChild;
    let dataDir: string;
    let token: string;

    before(async () => {
      const proxied = await proxyServiceUrl(new URL(service.url ?? 'unset://unset'), service.defaultPort);
      proxy = proxied.proxy;
      const settings = await service.setUp(proxied.viaProxy);
      dataDir = await mkdtemp(path.join(tmpdir(), `arbor-${service.name.toLowerCase()}-outage-`));
      arbor = await startArborChild({
        ...settings,
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
      await service.tearDown();
      if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    });

    it(`connections ended during a load (${service.serverSideEnd}, then cut on the wire): no crash, only 200 or a bare 503, then it serves again`, async (t) => {
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
          assert.equal(connected.status, 1, `Arbor holds a connection to ${service.name}`);
          await service.endConnections(proxy.upstreamPorts());
          assert.equal((await until(() => startJourney(arbor.baseUrl), 200, 20_000)).status, 200, `journeys start again after ${service.serverSideEnd}`);
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

    const blackHoled = needsService
      ? 'sign-in, journeys, session checks and configuration reads answer the bare 503 within 5 s; liveness stays 200'
      : 'sign-in, journeys and session checks answer the bare 503 within 5 s; liveness and configuration reads stay 200';
    it(`black-holed: readiness fails within 2.5 s; ${blackHoled}`, async () => {
      proxy.pause();
      try {
        for (let wave = 0; wave < 2; wave += 1) {
          const [readiness, liveness, configuration, needService] = await Promise.all([
            ready(arbor.baseUrl),
            live(arbor.baseUrl),
            Promise.all(Array.from({ length: BLACK_HOLE_CONFIGURATION_READS }, () => readKba(arbor.baseUrl))),
            Promise.all([signIn(arbor.baseUrl), validate(arbor.baseUrl, token), ...Array.from({ length: BLACK_HOLE_JOURNEYS }, () => startJourney(arbor.baseUrl))]),
          ]);
          assert.equal(readiness.status, 503, `readiness: ${readiness.status} ${readiness.body}`);
          assert.ok(readiness.ms < 2500, `readiness answered in ${Math.round(readiness.ms)} ms`);
          assert.equal(liveness.status, 200);
          if (!needsService) for (const probe of configuration) assert.equal(probe.status, 200, 'what needs only the database still works');
          for (const probe of needsService ? [...needService, ...configuration] : needService) {
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

    it(`recovers by itself once ${service.name} answers again: ready, sign-in and the earlier session work`, async () => {
      proxy.resume();
      assert.equal((await until(() => ready(arbor.baseUrl), 200, 30_000)).status, 200, 'ready again');
      tokenOf(await until(() => signIn(arbor.baseUrl), 200, 30_000));
      assert.equal((await validate(arbor.baseUrl, token)).status, 200);
      assertAlive(arbor);
    });
  });
}
