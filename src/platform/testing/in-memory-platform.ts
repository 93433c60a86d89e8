/** A whole Arbor for HTTP tests through `app.inject()`: in-memory SQLite, or any store a test opens. */
import { createCacheInvalidation } from '../../cache/cache-invalidation.ts';
import { loadServerSettings } from '../../config/server-settings.ts';
import type { PasswordHasher } from '../../identity/password-hasher.ts';
import { generateMasterKeyText } from '../../secrets/master-key.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { announceWrites } from '../announce-writes.ts';
import { bootstrapPlatform } from '../bootstrap-platform.ts';
import type { Platform } from '../create-platform.ts';
import { createPlatform } from '../create-platform.ts';

/** A clock tests move by hand. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

/** A platform, its store and the clock tests move. */
export interface TestPlatform extends Platform {
  clock: TestClock;
  /** The platform's store, its writes announced to the platform's caches as Arbor's own are (they take effect at once). */
  store: Store;
}

/**
 * Builds Arbor on the store `open` returns (bootstrapped here); `env` overrides settings;
 * `passwordHasher` replaces the real one (e.g. counted); `clock` replaces the wall clock moved by hand.
 */
export async function testPlatformOn(open: (clock: TestClock) => Promise<Store>, env: Record<string, string> = {}, options: { passwordHasher?: PasswordHasher; clock?: TestClock } = {}): Promise<TestPlatform> {
  let offset = 0;
  const clock: TestClock = options.clock ?? { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
  const fullEnv = { ARBOR_MASTER_KEY: generateMasterKeyText(), ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ...env };
  const settings = loadServerSettings(fullEnv, process.cwd());
  const store = await open(clock);
  await bootstrapPlatform(store, { adminPassword: settings.adminPassword, log: () => {}, clock });
  const cacheInvalidation = createCacheInvalidation();
  const platform = await createPlatform({ settings, store, clock, logger: false, env: fullEnv, cacheInvalidation, ...(options.passwordHasher === undefined ? {} : { passwordHasher: options.passwordHasher }) });
  return { ...platform, clock, store: announceWrites(store, cacheInvalidation) };
}

/** Builds Arbor in memory; `env` overrides settings (e.g. ARBOR_BODY_LIMIT). */
export function inMemoryPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  return testPlatformOn((clock) => openStore({ memory: true, clock }), env);
}
