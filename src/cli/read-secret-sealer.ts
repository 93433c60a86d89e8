/**
 * The master key's sealer for a CLI command that reads sealed values (`arbor mail show`): the
 * key of `ARBOR_MASTER_KEY`, else of `<data dir>/master.key`, as the server finds it. A command
 * never generates a key: without one it gets undefined and says the values stay sealed.
 */
import { loadServerSettings } from '../config/server-settings.ts';
import { decodeMasterKey, MASTER_KEY_ENV, readExistingMasterKey } from '../secrets/master-key.ts';
import { createSecretSealer, type SecretSealer } from '../secrets/secret-sealer.ts';

/** The sealer of the master key `env` names, or undefined when there is none. */
export async function readSecretSealer(env: Record<string, string | undefined>): Promise<SecretSealer | undefined> {
  const fromEnv = env[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return createSecretSealer(decodeMasterKey(fromEnv, MASTER_KEY_ENV));
  const existing = await readExistingMasterKey(loadServerSettings(env, process.cwd()).dataDir);
  return existing === undefined ? undefined : createSecretSealer(existing.key);
}
