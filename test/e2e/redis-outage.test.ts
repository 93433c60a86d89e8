/**
 * A Redis outage seen by a running Arbor process (`arbor start` as a child, durable data on SQLite,
 * ephemeral state in Redis), reached through a TCP proxy of the test's own on loopback
 * (`describeArborOutage`): its connection ended during a load, server-side (`CLIENT KILL`) and on
 * the wire, then Redis black-holed. Arbor must stay up, answer only successes or AM's bare 503
 * while it lasts, fail readiness within about 2 seconds and every request needing Redis within 5,
 * keep answering liveness and configuration reads (they need only the database), and work again
 * by itself when Redis answers. Skipped without `ARBOR_TEST_REDIS_URL`.
 */
import { Redis } from 'ioredis';
import { describeArborOutage } from '../helpers/describe-arbor-outage.ts';

const REDIS_URL = process.env['ARBOR_TEST_REDIS_URL'] || undefined;
let admin: Redis | undefined;

describeArborOutage({
  name: 'Redis',
  url: REDIS_URL,
  variable: 'ARBOR_TEST_REDIS_URL',
  defaultPort: 6379,
  serverSideEnd: 'CLIENT KILL',
  configurationNeedsService: false,
  async setUp(viaProxy) {
    admin = new Redis(REDIS_URL ?? '', { lazyConnect: true });
    await admin.connect();
    return { ARBOR_REDIS_URL: viaProxy.toString() };
  },
  async endConnections(ports) {
    for (const port of ports) await admin?.call('CLIENT', 'KILL', 'ADDR', `127.0.0.1:${port}`).catch(() => undefined);
  },
  async tearDown() {
    await admin?.quit();
  },
});
