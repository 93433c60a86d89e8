/**
 * oidc-provider finds a realm's clients through its `Client` model: this wraps an adapter factory
 * so that `Client` reads the realm's OAuth2ClientSource (AM's OAuth2Client configs) and every
 * other model the wrapped storage. The client records read are kept (`records`) for what the
 * provider asks synchronously afterwards in the same request: token lifetimes, implied consent,
 * the scopes registered. The client's metadata has the scopes the provider offers it and knows
 * (provider-scopes.ts); a registered scope it is not offered is left out, so that such a client
 * still works for the others. A custom scope offered to a client but unknown to the provider (the
 * client changed since the provider was built) is told to `onUnknownScope`, so that it is built again.
 * `clientRecordOf` gives the rest of Arbor (the consent page) the record a provider read last.
 */
import type Provider from 'oidc-provider';
import type { Adapter, AdapterFactory, ClientMetadata } from 'oidc-provider';
import type { OAuth2ClientRecord, OAuth2ClientSource } from '../oauth2/oauth2-client-source.ts';
import { offeredScopes } from './provider-scopes.ts';

/** The client records read last, by client id (at most MAX_RECORDS). */
export type ClientRecords = Map<string, OAuth2ClientRecord>;

const MAX_RECORDS = 1000;

/** Each provider's records (create-realm-provider.ts registers them). */
const recordsOfProvider = new WeakMap<Provider, ClientRecords>();

/** Registers `records` as those of `provider`. */
export function rememberClientRecords(provider: Provider, records: ClientRecords): void {
  recordsOfProvider.set(provider, records);
}

/**
 * The record of client `clientId` as `provider` read it last: after `provider.Client.find(clientId)`,
 * what Arbor applies itself to that client (its default scopes, its scopes' display texts…).
 */
export function clientRecordOf(provider: Provider, clientId: string): OAuth2ClientRecord | undefined {
  return recordsOfProvider.get(provider)?.get(clientId);
}

/** What the provider offers clients: the scopes it knows, and whom to tell of a scope it does not know. */
export interface ClientScopes {
  known: ReadonlySet<string>;
  onUnknownScope?: (() => void) | undefined;
}

function withOfferedScopes(metadata: ClientMetadata, scopes: ClientScopes): ClientMetadata {
  if (typeof metadata.scope !== 'string') return { ...metadata };
  const { scope, ...rest } = metadata;
  const offered = offeredScopes(scope.split(' '));
  const kept = offered.filter((name) => scopes.known.has(name));
  if (kept.length < offered.length) scopes.onUnknownScope?.();
  return kept.length === 0 ? rest : { ...rest, scope: kept.join(' ') };
}

function readOnly(name: string): never {
  throw new Error(`oidc-provider tried to write a ${name} client: clients are AM's OAuth2Client configs`);
}

/** `storage` with the `Client` model answered by `clients` for `realm`, each offered its scopes the provider knows (`scopes`). */
export function withClientSource(storage: AdapterFactory, clients: OAuth2ClientSource, realm: string, records: ClientRecords, scopes: ClientScopes): AdapterFactory {
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
        return withOfferedScopes(record.metadata, scopes);
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
