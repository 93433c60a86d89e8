/**
 * Cache invalidation shared by every Arbor process on one store: each `invalidate(kind, key)` is
 * applied here at once and published on an `InvalidationChannel` (Redis pub/sub, PostgreSQL
 * `LISTEN/NOTIFY`); what other processes publish is applied here without being published again.
 * A process's own messages, coming back on the channel, are recognized by its random origin id
 * and ignored. When the channel reconnects after a drop, messages may have been missed: every
 * cache of this process is emptied once; and when this process failed to publish, it tells the
 * others to do the same as soon as it can publish again. `close` waits for the messages still being
 * published (a CLI command closes right after its write). Nothing here throws into a write: failures go to `onError`.
 */
import { randomBytes } from 'node:crypto';
import type { CacheInvalidation, CacheKind } from './cache-invalidation.ts';
import { createCacheInvalidation, invalidateEverything } from './cache-invalidation.ts';
import { decodeInvalidation, encodeInvalidation, type InvalidationMessage } from './invalidation-message.ts';

/** What a channel tells its user. */
export interface InvalidationChannelHandlers {
  /** A payload someone (this process included) published. */
  message(payload: string): void;
  /** The channel is listening again after a lost connection: messages may have been missed. */
  resumed(): void;
  /** Something went wrong (a lost connection, a failed reconnection); the channel keeps trying. */
  error(error: unknown): void;
}

/** A publish/subscribe channel shared by the processes of one Arbor deployment. */
export interface InvalidationChannel {
  /** Starts listening (resolves once it does); `handlers` hear from then on. */
  listen(handlers: InvalidationChannelHandlers): Promise<void>;
  /** Sends `payload` to every listener (rejects when the connection is down). */
  publish(payload: string): Promise<void>;
  close(): Promise<void>;
}

/** Invalidation across processes, with the channel's lifecycle. */
export interface CrossProcessInvalidation extends CacheInvalidation {
  close(): Promise<void>;
}

/** Options of `crossProcessInvalidation`. */
export interface CrossProcessOptions {
  /** Failures of the channel, the first of each outage (never thrown: the caches' TTL still bounds staleness). */
  onError?: (error: unknown) => void;
}

/** Starts listening on `channel` and resolves to the invalidation that uses it. */
export async function crossProcessInvalidation(channel: InvalidationChannel, options: CrossProcessOptions = {}): Promise<CrossProcessInvalidation> {
  const local = createCacheInvalidation();
  const origin = randomBytes(12).toString('base64url');
  // Closing: nothing more is sent; closed: the last messages went out (or failed), the channel is closing.
  let closing = false;
  let closed = false;
  // Publishes under way, which `close` waits for.
  const publishing = new Set<Promise<void>>();
  // One report per outage: a channel retrying every 2 seconds would fill the log.
  let reported = false;
  const onError = (error: unknown): void => {
    if (reported || closed) return;
    reported = true;
    options.onError?.(error);
  };
  // Set when a publish failed: the others missed something, and are told to drop everything once we can.
  let missedPublish = false;

  /** Publishes `message`; one too long for the channel (a huge key) drops everything elsewhere. */
  const send = (message: InvalidationMessage): void => {
    const payload = encodeInvalidation(message) ?? encodeInvalidation({ origin, all: true });
    if (payload === undefined) return;
    const published = channel.publish(payload).then(
      () => {
        // Published again after a failure (the channel came back): the others drop everything once.
        if (missedPublish && !closing) {
          missedPublish = false;
          send({ origin, all: true });
        }
      },
      (error: unknown) => {
        if (closed) return;
        missedPublish = true;
        onError(error);
      },
    );
    publishing.add(published);
    void published.finally(() => publishing.delete(published));
  };

  await channel.listen({
    message(payload) {
      const message = decodeInvalidation(payload);
      if (message === undefined || message.origin === origin) return;
      if ('all' in message) invalidateEverything(local);
      else local.invalidate(message.kind, message.key);
    },
    resumed() {
      reported = false;
      invalidateEverything(local);
      if (missedPublish) {
        missedPublish = false;
        send({ origin, all: true });
      }
    },
    error: onError,
  });

  return {
    invalidate(kind: CacheKind, key: string) {
      local.invalidate(kind, key);
      if (closing) return;
      send({ origin, kind, key });
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      closing = true;
      // Each publish is bounded by the channel's command time limit.
      while (publishing.size > 0) await Promise.allSettled([...publishing]);
      closed = true;
      await channel.close();
    },
  };
}
