/**
 * The storage adapter `oidc-provider` uses for one realm, on Arbor's store
 * (`createOidcAdapterFactory`, given as the provider's `adapter` option): each model name gets the
 * adapter of its home (`oidc-adapter-models.ts`). Short-lived models live in the ephemeral store
 * (`oidc-adapter-ephemeral.ts`), grants and refresh tokens in the durable `oidc_records`
 * (`oidc-adapter-durable.ts`) so they survive a restart, clients come from the realm's OAuth2
 * clients (read only: dynamic registration is off). Payloads hold tokens: nothing here logs them.
 * See docs/oidc-storage.md.
 */
import type { Adapter, AdapterFactory } from 'oidc-provider';
import type { OAuth2ClientSource } from '../oauth2/oauth2-client-source.ts';
import type { EphemeralStore } from '../store/ephemeral-store.ts';
import type { StoreClock } from '../store/store-clock.ts';
import { durableModelAdapter } from './oidc-adapter-durable.ts';
import { ephemeralModelAdapter } from './oidc-adapter-ephemeral.ts';
import { oidcAdapterError } from './oidc-adapter-errors.ts';
import { oidcModelHome } from './oidc-adapter-models.ts';
import type { OidcRecordRepository } from './oidc-records.ts';

/** What the adapters of one realm's provider are built on. */
export interface OidcAdapterOptions {
  realm: string;
  ephemeral: EphemeralStore;
  records: OidcRecordRepository;
  clients: OAuth2ClientSource;
  clock: StoreClock;
}

/** An adapter that finds nothing and stores nothing: every write is OIDC_MODEL_READ_ONLY. */
function readOnlyAdapter(model: string, find: Adapter['find']): Adapter {
  const refuse = async (): Promise<never> => {
    throw oidcAdapterError('OIDC_MODEL_READ_ONLY', `${model} records are not written (dynamic registration is off)`);
  };
  return {
    upsert: refuse,
    find,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: refuse,
    destroy: refuse,
    revokeByGrantId: async () => undefined,
  };
}

/** The adapter factory of one realm's provider: `(modelName) => Adapter`; an unknown name is OIDC_MODEL_UNKNOWN. */
export function createOidcAdapterFactory(options: OidcAdapterOptions): AdapterFactory {
  const { realm, ephemeral, records, clients, clock } = options;
  return (model: string): Adapter => {
    switch (oidcModelHome(model)) {
      case 'ephemeral':
        return ephemeralModelAdapter({ realm, model, ephemeral, clock });
      case 'durable':
        return durableModelAdapter({ realm, model, records, clock });
      case 'clients':
        return readOnlyAdapter(model, async (id) => {
          const client = await clients.clientOf(realm, id);
          return client === undefined ? undefined : { ...client.metadata };
        });
      case 'refused':
        return readOnlyAdapter(model, async () => undefined);
      case undefined:
        throw oidcAdapterError('OIDC_MODEL_UNKNOWN', `oidc-provider asked for storage of an unknown model ${model}`);
    }
  };
}
