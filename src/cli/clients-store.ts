/**
 * What the `arbor clients` commands share: the realm of `--realm`, the store, and the realm's
 * OAuth 2.0 clients over it with the master key as the server loads it (checked against the
 * stored keys; generated into the data directory, with the server's warning, on a fresh install),
 * so that a secret is never sealed with a key the server will not have. Refused client settings
 * become one CLI error listing every reason (exit 2).
 */
import { loadServerSettings } from '../config/server-settings.ts';
import { isOAuth2ClientError } from '../oauth2/oauth2-client-errors.ts';
import { createOAuth2ClientStore, type OAuth2ClientStore } from '../oauth2/oauth2-client-store.ts';
import { loadCheckedMasterKey } from '../platform/load-checked-master-key.ts';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { cliError } from './cli-error.ts';
import type { CliContext } from './command.ts';
import { realmOption } from './realm-option.ts';
import { resolveRealm } from './resolve-realm.ts';

/** Runs `work` with the realm `rawRealm` names and its clients; closes the store after. */
export async function withRealmClients(ctx: CliContext, rawRealm: string, work: (realm: string, clients: OAuth2ClientStore) => Promise<number>): Promise<number> {
  realmOption(rawRealm);
  const store = await ctx.openStore();
  try {
    const realm = await resolveRealm(store.realms, rawRealm);
    const dataDir = loadServerSettings(ctx.env, process.cwd()).dataDir;
    const masterKey = await loadCheckedMasterKey({ env: ctx.env, dataDir, keys: store.keys, realms: store.realms });
    if (masterKey.generated) {
      ctx.err(`WARNING: generated a new master key in ${masterKey.path ?? dataDir}. It encrypts every realm key and client secret: back it up with the data directory, or set ARBOR_MASTER_KEY (see docs/operations.md).`);
    }
    return await work(realm.name, createOAuth2ClientStore({ configs: store.configs, sealer: createSecretSealer(masterKey.key) }));
  } catch (error) {
    if (isOAuth2ClientError(error, 'INVALID_CLIENT')) throw cliError('INVALID_INPUT', `the client is refused: ${error.fields.map((field) => `${field.field}: ${field.reason}`).join('; ')}`, 2);
    if (isOAuth2ClientError(error)) throw cliError('REFUSED', error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}
