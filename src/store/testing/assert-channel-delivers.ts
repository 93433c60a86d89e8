/**
 * Checks the Redis invalidation channel on a URL end to end: two channels (two "processes", each
 * with its subscriber and publisher connections) listen; a payload one publishes reaches both
 * within a second, and one the other publishes too.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { InvalidationChannel } from '../../cache/cross-process-invalidation.ts';
import { redisInvalidationChannel } from '../redis/redis-invalidation-channel.ts';

/** Fails unless payloads published on either of two channels on `url` reach both within a second; `ca`: the CAs trusted over TLS. */
export async function assertChannelDelivers(url: string, options: { ca?: string } = {}): Promise<void> {
  const name = `arbor:invalidate:test-${randomBytes(6).toString('hex')}`;
  const heard: string[][] = [[], []];
  const channels: InvalidationChannel[] = [];
  try {
    for (const received of heard) {
      const channel = redisInvalidationChannel(url, { channel: name, connectTimeoutMs: 5000, ca: options.ca });
      channels.push(channel);
      await channel.listen({ message: (payload) => void received.push(payload), resumed: () => {}, error: () => {} });
    }
    const [first, second] = channels;
    assert.ok(first !== undefined && second !== undefined);
    await first.publish('from-first');
    await second.publish('from-second');
    const deadline = Date.now() + 1000;
    while (heard.some((received) => received.length < 2) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    for (const received of heard) assert.deepEqual([...received].sort(), ['from-first', 'from-second']);
  } finally {
    for (const channel of channels) await channel.close();
  }
}
