/**
 * What the primary of `arbor start --workers N` does once, before it forks any worker: the
 * migrations, the default configuration and amadmin (opening the store does them) and the master
 * key file (generated when there is none). N workers doing it at once would race.
 */
import type { ServerSettings } from '../config/server-settings.ts';
import { loadCheckedMasterKey } from '../platform/load-checked-master-key.ts';
import { openPlatformStore } from '../platform/open-platform-store.ts';
import type { Store } from '../store/store.ts';
import type { CliContext } from './command.ts';

/** Migrations, defaults, amadmin and the master key, once, before any worker starts; the store's dialect. */
export async function prepareOnce(settings: Readonly<ServerSettings>, ctx: CliContext): Promise<Store['dialect']> {
  const store = await openPlatformStore(settings, ctx.err);
  try {
    const masterKey = await loadCheckedMasterKey({ env: ctx.env, dataDir: settings.dataDir, keys: store.keys, realms: store.realms });
    if (masterKey.generated) {
      ctx.err(`WARNING: generated a new master key in ${masterKey.path ?? settings.dataDir}. It encrypts every realm key: back it up with the data directory, or set ARBOR_MASTER_KEY (see docs/operations.md).`);
    }
    return store.dialect;
  } finally {
    await store.close();
  }
}
