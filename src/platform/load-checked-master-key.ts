/**
 * The master key a platform runs with, checked against the database before anything uses it: when
 * the database already holds realm keys, a missing key is not replaced by a new one (which could
 * never open them; `MASTER_KEY_MISSING`), and the key found must open them (`MASTER_KEY_MISMATCH`).
 * Without realm keys yet (a first start) the key is loaded, or generated, as before.
 */
import { join } from 'node:path';
import type { RealmRepository } from '../config/ports.ts';
import { checkMasterKey, storedRealmKeys } from '../secrets/check-master-key.ts';
import { secretsError } from '../secrets/errors.ts';
import { loadMasterKey, MASTER_KEY_ENV, MASTER_KEY_FILE, readExistingMasterKey, type MasterKey } from '../secrets/master-key.ts';
import type { KeyRepository } from '../secrets/ports.ts';

/** Loads the master key from `env` or `dataDir` and checks it opens the stored realm keys. */
export async function loadCheckedMasterKey(options: { env: Record<string, string | undefined>; dataDir: string; keys: KeyRepository; realms: RealmRepository }): Promise<MasterKey> {
  const realms = (await options.realms.list()).map((realm) => realm.name);
  const fromEnv = options.env[MASTER_KEY_ENV];
  if ((fromEnv === undefined || fromEnv === '') && (await readExistingMasterKey(options.dataDir)) === undefined) {
    if ((await storedRealmKeys(options.keys, realms)).length > 0) {
      throw secretsError(
        'MASTER_KEY_MISSING',
        `the master key is missing: the database holds realm keys encrypted with one, but ${MASTER_KEY_ENV} is not set and ${join(options.dataDir, MASTER_KEY_FILE)} does not exist. Restore the key (a new one would not open them)`,
      );
    }
  }
  const masterKey = await loadMasterKey({ env: options.env, dataDir: options.dataDir });
  await checkMasterKey(options.keys, masterKey.key, realms);
  return masterKey;
}
