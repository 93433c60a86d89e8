/**
 * The Redis pub/sub invalidation channel against a real Redis (`ARBOR_TEST_REDIS_URL`), on a
 * channel name unique to the run: the shared channel suite (a change seen by another process's
 * cache within a second; reconnection after `CLIENT KILL` and after a cut link).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeInvalidationChannel } from '../testing/describe-invalidation-channel.ts';
import { redisInvalidationChannel } from './redis-invalidation-channel.ts';

const REDIS_URL = process.env['ARBOR_TEST_REDIS_URL'] || undefined;
const channel = `arbor:invalidate:test-${randomBytes(6).toString('hex')}`;
let admin: Redis | undefined;

describeInvalidationChannel({
  name: 'Redis',
  url: REDIS_URL,
  variable: 'ARBOR_TEST_REDIS_URL',
  defaultPort: 6379,
  async setUp(url) {
    admin = new Redis(url.toString(), { lazyConnect: true });
    await admin.connect();
    return url;
  },
  async tearDown() {
    await admin?.quit();
  },
  channel: (url) => redisInvalidationChannel(url, { channel, connectTimeoutMs: 2000 }),
  async endServerSide(ports) {
    for (const port of ports) await admin?.call('CLIENT', 'KILL', 'ADDR', `127.0.0.1:${port}`).catch(() => undefined);
  },
});
