/**
 * oidc-provider finds a realm's clients through its `Client` model: this wraps an adapter factory
 * so that `Client` reads the realm's OAuth2ClientSource (AM's OAuth2Client configs) and every
 * other model the wrapped storage. The client records read are kept (`records`) for what the
 * provider asks synchronously afterwards in the same request: token lifetimes, implied consent.
 * Scopes the provider does not offer (`PROVIDER_SCOPES`: AM's custom scopes) are left out of the
 * client's metadata, so that such a client still works for the scopes it may have.
 */
import type { Adapter, AdapterFactory, ClientMetadata } from 'oidc-provider';
import type { OAuth2ClientRecord, OAuth2ClientSource } from '../oauth2/oauth2-client-source.ts';

/** The client records read last, by client id (at most MAX_RECORDS). */
export type ClientRecords = Map<string, OAuth2ClientRecord>;

const MAX_RECORDS = 1000;

/** The scopes the providers offer. */
export const PROVIDER_SCOPES: readonly string[] = ['openid', 'offline_access', 'profile', 'email', 'phone'];

function offeredScopes(metadata: ClientMetadata): ClientMetadata {
  if (typeof metadata.scope !== 'string') return { ...metadata };
  const { scope, ...rest } = metadata;
  const kept = scope.split(' ').filter((name) => PROVIDER_SCOPES.includes(name));
  return kept.length === 0 ? rest : { ...rest, scope: kept.join(' ') };
}

function readOnly(name: string): never {
  throw new Error(`oidc-provider tried to write a ${name} client: clients are AM's OAuth2Client configs`);
}

/** `storage` with the `Client` model answered by `clients` for `realm`. */
export function withClientSource(storage: AdapterFactory, clients: OAuth2ClientSource, realm: string, records: ClientRecords): AdapterFactory {
  return (name: string): Adapter => {
    if (name !== 'Client') return storage(name);
    return {
      async find(id) {
        if (id.length === 0 || id.length > 256) return undefined;
        const record = await clients.clientOf(realm, id);
        if (record === undefined) {
          records.delete(id);
          return undefined;
        }
        records.delete(id);
        records.set(id, record);
        if (records.size > MAX_RECORDS) {
          const [oldest] = records.keys();
          if (oldest !== undefined) records.delete(oldest);
        }
        return offeredScopes(record.metadata);
      },
      upsert: async () => readOnly(name),
      findByUserCode: async () => undefined,
      findByUid: async () => undefined,
      consume: async () => readOnly(name),
      destroy: async () => readOnly(name),
      revokeByGrantId: async () => undefined,
    };
  };
}
