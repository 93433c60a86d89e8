/**
 * Opens the store the settings name (SQLite in the data directory, or PostgreSQL; Redis for
 * ephemeral state when configured), migrated and bootstrapped with the realms and defaults.
 */
import type { ServerSettings } from '../config/server-settings.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { bootstrapPlatform } from './bootstrap-platform.ts';

/** Opens and bootstraps the store; `log` receives one-time notices (a generated admin password). */
export async function openPlatformStore(
  settings: Readonly<ServerSettings>,
  log: (line: string) => void,
  options: { clock?: { now(): number } } = {},
): Promise<Store> {
  const clock = options.clock ?? { now: () => Date.now() };
  const store = await openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, redisUrl: settings.redisUrl, clock });
  try {
    await bootstrapPlatform(store, { adminPassword: settings.adminPassword, log, clock });
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
