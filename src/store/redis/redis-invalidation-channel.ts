/**
 * The cache invalidation channel on Redis pub/sub: one connection subscribed to the channel (a
 * subscribed connection can do nothing else) and one that publishes. The first connection of each
 * is bounded (`connectTimeoutMs`) and fails in words; afterwards a lost connection is retried with
 * a bounded backoff. On reconnection the subscriber subscribes again itself, then reports
 * `resumed` (messages published while it was away are lost: Redis keeps none). Publishing never
 * queues while the publisher is down: it fails at once. Works on each ARBOR_REDIS_URL form: on
 * Sentinel both connections follow the master; on Cluster, PUBLISH reaches every node's
 * subscribers and ioredis moves the subscription to another node when its node leaves. Over TLS
 * (`rediss…`) both connections trust the CAs `ca` holds (ARBOR_REDIS_CA_FILE), as the store does.
 */
import type { InvalidationChannel, InvalidationChannelHandlers } from '../../cache/cross-process-invalidation.ts';
import { storeConnectionError } from '../store-connection-error.ts';
import { closeRedisClient, createRedisClient, type RedisClient } from './create-redis-client.ts';
import { REDIS_CONNECT_TIMEOUT_MS } from './open-redis-ephemeral.ts';
import { parseRedisUrl, type RedisTarget } from './parse-redis-url.ts';
import { redisConnectReason } from './redis-connect-reason.ts';

/** How the channel connects. */
export interface RedisChannelOptions {
  /** The Redis channel's name (`arbor:invalidate:<deployment>`). */
  channel: string;
  /** The first connection's time limit (default 5 seconds). */
  connectTimeoutMs?: number;
  /** Each publish's time limit (default 2 seconds). */
  commandTimeoutMs?: number;
  /** PEM certificates of the CAs trusted for a TLS URL (ARBOR_REDIS_CA_FILE); the system's when undefined. */
  ca?: string | undefined;
}

/** A client that retries only once it has been connected, reporting errors to `onError`. */
function client(target: RedisTarget, timeoutMs: number, commandTimeoutMs: number | undefined, ca: string | undefined, onError: (error: unknown) => void): { redis: RedisClient; connect(): Promise<void> } {
  let connected = false;
  let lastError: unknown;
  const redis = createRedisClient(target, {
    connectTimeoutMs: timeoutMs,
    commandTimeoutMs,
    ca,
    autoResubscribe: false,
    retry: (times) => (connected ? Math.min(times * 100, 2000) : null),
  });
  redis.on('error', (error: unknown) => {
    lastError = error;
    if (connected) onError(error);
  });
  return {
    redis,
    async connect() {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} seconds`)), timeoutMs);
      });
      const connecting = redis.connect();
      connecting.catch(() => undefined);
      try {
        await Promise.race([connecting, deadline]);
        connected = true;
      } catch (error) {
        await closeRedisClient(redis, target);
        const cause = lastError ?? error;
        const reason = await redisConnectReason(cause, target, timeoutMs, ca);
        throw storeConnectionError({ service: 'Redis', address: target.address, stage: 'connect', reason: `cache invalidation channel: ${reason}` }, cause);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The channel `options.channel` on the Redis at `url` (connects on `listen`). */
export function redisInvalidationChannel(url: string, options: RedisChannelOptions): InvalidationChannel {
  const timeoutMs = options.connectTimeoutMs ?? REDIS_CONNECT_TIMEOUT_MS;
  const target = parseRedisUrl(url);
  let handlers: InvalidationChannelHandlers | undefined;
  const report = (error: unknown): void => handlers?.error(error);
  const subscriber = client(target, timeoutMs, undefined, options.ca, report);
  const publisher = client(target, timeoutMs, options.commandTimeoutMs ?? 2000, options.ca, report);
  let closed = false;

  subscriber.redis.on('message', (channel: string, payload: string) => {
    if (channel === options.channel) handlers?.message(payload);
  });

  return {
    async listen(listening) {
      handlers = listening;
      await subscriber.connect();
      try {
        await subscriber.redis.subscribe(options.channel);
        await publisher.connect();
      } catch (error) {
        await closeRedisClient(subscriber.redis, target);
        throw error;
      }
      // Every later 'ready' is a reconnection: subscribe again, then say what may have been missed.
      subscriber.redis.on('ready', () => {
        if (closed) return;
        subscriber.redis.subscribe(options.channel).then(
          () => handlers?.resumed(),
          (error: unknown) => {
            report(error);
            // Not subscribed: drop the connection, so that the next reconnection tries again.
            if (!closed) subscriber.redis.disconnect(true);
          },
        );
      });
    },
    async publish(payload) {
      await publisher.redis.publish(options.channel, payload);
    },
    async close() {
      closed = true;
      await Promise.all([closeRedisClient(subscriber.redis, target), closeRedisClient(publisher.redis, target)]);
    },
  };
}
