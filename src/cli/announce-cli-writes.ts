/**
 * What a CLI command writes, announced to the running Arbor servers that share its store
 * (PostgreSQL): configuration documents, realms, journeys and key pairs written by `arbor config
 * import`, `arbor journey import`, `arbor keys rotate`… leave the servers' caches within about a
 * second, as a server's own writes do (`platform/announce-writes.ts`). The invalidation channel is
 * opened at the command's first announced write (a command that only reads opens none) and closed
 * with the store, once its messages are out. When it cannot be opened, or a message cannot be
 * sent, the command still works and says once that the servers see the change within their cache
 * time.
 */
import type { CacheInvalidation } from '../cache/cache-invalidation.ts';
import { createCacheInvalidation } from '../cache/cache-invalidation.ts';
import { announceWrites } from '../platform/announce-writes.ts';
import type { OpenedCacheInvalidation } from '../platform/open-cache-invalidation.ts';
import type { Store } from '../store/store.ts';

/** Opens the channel; `onError` hears its later failures (a message that could not be sent). */
export type OpenCliInvalidation = (onError: (error: unknown) => void) => Promise<OpenedCacheInvalidation>;

/** What running servers do when they were not told: they read again when their cache time ends. */
export const UNANNOUNCED_CHANGE_NOTE = 'they see them within their cache time (5 seconds for configuration, realms and journeys, 30 seconds for keys)';

/** `store`, whose writes of cached things are announced on the channel `open` opens; `warn` prints one line. */
export function announceCliWrites(store: Store, open: OpenCliInvalidation, warn: (line: string) => void): Store {
  let warned = false;
  const failed = (error: unknown): void => {
    if (warned) return;
    warned = true;
    warn(`warning: could not tell the running Arbor servers of this command's changes (${error instanceof Error ? error.message : String(error)}): ${UNANNOUNCED_CHANGE_NOTE}`);
  };
  let channel: Promise<OpenedCacheInvalidation | undefined> | undefined;
  const local = createCacheInvalidation();
  const invalidation: CacheInvalidation = {
    invalidate(kind, key) {
      local.invalidate(kind, key);
      channel ??= open(failed).catch((error: unknown) => {
        failed(error);
        return undefined;
      });
      // In the order announced: each waits for the one channel.
      void channel.then((opened) => opened?.invalidation.invalidate(kind, key));
    },
    subscribe: (listener) => local.subscribe(listener),
  };
  const announced = announceWrites(store, invalidation);
  return {
    ...announced,
    async close() {
      try {
        await store.close();
      } finally {
        // Waits for the messages still being sent, then closes the channel.
        const opened = await channel;
        await opened?.close().catch(failed);
      }
    },
  };
}
