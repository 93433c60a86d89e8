/**
 * What the `arbor secrets` commands share: the store, and the tenant's script secrets over it
 * with the master key as the server loads it (checked against the stored keys; generated into the
 * data directory, with the server's warning, on a fresh install), so that a value is never sealed
 * with a key the server will not have. Refused ids and values become one-line CLI errors (exit 2),
 * a missing secret exit 1.
 */
import { loadServerSettings } from '../config/server-settings.ts';
import { loadCheckedMasterKey } from '../platform/load-checked-master-key.ts';
import { isScriptSecretError } from '../secrets/script-secret-errors.ts';
import { createScriptSecrets, type ScriptSecrets } from '../secrets/script-secrets.ts';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { cliError } from './cli-error.ts';
import type { CliContext } from './command.ts';

/** Who `lastChangedBy` names for a change made with the CLI. */
export const CLI_WRITER = 'arbor CLI';

/** Runs `work` with the tenant's script secrets; closes the store after. */
export async function withScriptSecrets(ctx: CliContext, work: (secrets: ScriptSecrets) => Promise<number>): Promise<number> {
  const store = await ctx.openStore();
  try {
    const dataDir = loadServerSettings(ctx.env, process.cwd()).dataDir;
    const masterKey = await loadCheckedMasterKey({ env: ctx.env, dataDir, keys: store.keys, realms: store.realms });
    if (masterKey.generated) {
      ctx.err(`WARNING: generated a new master key in ${masterKey.path ?? dataDir}. It encrypts every realm key and secret: back it up with the data directory, or set ARBOR_MASTER_KEY (see docs/operations.md).`);
    }
    return await work(createScriptSecrets({ configs: store.configs, sealer: createSecretSealer(masterKey.key), clock: { now: () => Date.now() } }));
  } catch (error) {
    if (isScriptSecretError(error, 'SECRET_NOT_FOUND')) throw cliError('REFUSED', error.message, 1);
    if (isScriptSecretError(error)) throw cliError('INVALID_INPUT', error.message, 2);
    throw error;
  } finally {
    await store.close();
  }
}
