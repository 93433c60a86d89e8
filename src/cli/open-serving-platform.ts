/**
 * What `arbor start` serves from, in one process or in each worker: the store, the cache
 * invalidation shared with every other process (docs/operations.md) and the platform, whose
 * `close` also closes the invalidation channel. A failure on the way closes what was opened.
 */
import type { ServerSettings } from '../config/server-settings.ts';
import { createPlatform, type Platform } from '../platform/create-platform.ts';
import { openCacheInvalidation, type OpenedCacheInvalidation } from '../platform/open-cache-invalidation.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';
import type { Store } from '../store/store.ts';
import type { CliContext } from './command.ts';

/** What serves: the platform, and its store's dialect (for the start banner). */
export interface ServingPlatform {
  platform: Platform;
  dialect: Store['dialect'];
}

/** Opens the platform; `who` names the process in the invalidation channel's error lines (`worker 123: `, or empty). */
export async function openServingPlatform(settings: Readonly<ServerSettings>, ctx: CliContext, who: string): Promise<ServingPlatform> {
  const store = await openPlatformStore(settings, ctx.err);
  let invalidation: OpenedCacheInvalidation | undefined;
  try {
    invalidation = await openCacheInvalidation(settings, {
      onError: (error) => ctx.err(`arbor start: ${who}cache invalidation: ${error instanceof Error ? error.message : String(error)} (retrying; meanwhile changes made on other nodes are seen within 5 seconds)`),
    });
    const created = await createPlatform({ settings, store, clock: { now: () => Date.now() }, logger: settings.log, env: ctx.env, cacheInvalidation: invalidation.invalidation });
    const channel = invalidation;
    return { platform: { ...created, close: () => created.close().finally(() => channel.close()) }, dialect: store.dialect };
  } catch (error) {
    await invalidation?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
