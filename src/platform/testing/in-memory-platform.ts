/** A whole Arbor on an in-memory SQLite store, for HTTP tests through `app.inject()`. */
import { loadServerSettings } from '../../config/server-settings.ts';
import { generateMasterKeyText } from '../../secrets/master-key.ts';
import { openStore } from '../../store/open-store.ts';
import { bootstrapPlatform } from '../bootstrap-platform.ts';
import type { Platform } from '../create-platform.ts';
import { createPlatform } from '../create-platform.ts';

/** A platform and the clock tests move. */
export interface TestPlatform extends Platform {
  clock: { now(): number; advance(ms: number): void };
}

/** Builds Arbor in memory; `env` overrides settings (e.g. ARBOR_BODY_LIMIT). */
export async function inMemoryPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  let offset = 0;
  const clock = { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
  const fullEnv = { ARBOR_MASTER_KEY: generateMasterKeyText(), ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!', ...env };
  const settings = loadServerSettings(fullEnv, process.cwd());
  const store = await openStore({ memory: true, clock });
  await bootstrapPlatform(store, { adminPassword: settings.adminPassword, log: () => {}, clock });
  const platform = await createPlatform({ settings, store, clock, logger: false, env: fullEnv });
  return { ...platform, clock };
}
