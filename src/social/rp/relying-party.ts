/**
 * The relying party's process-wide parts: the realm key source, the provider-document cache, the
 * request-object store, the HTTP limits, the client-assertion cache and the clock. One per
 * process; everything realm- or provider-specific comes with each call.
 */
import type { SocialProviderConfig } from '../provider-config.ts';
import type { RpKeySource } from '../rp-key-source.ts';
import { type ClientAssertionCache, createClientAssertionCache } from './client-assertion-cache.ts';
import { createProviderMetadataCache, type ProviderMetadataCache } from './provider-metadata-cache.ts';
import type { RequestObjectStore } from './request-object-store.ts';
import { DEFAULT_RP_HTTP_OPTIONS, type RpHttpOptions } from './rp-http.ts';

/** What `beginAuthorization` and `completeAuthorization` work with. */
export interface RelyingParty {
  keys: RpKeySource;
  metadata: ProviderMetadataCache;
  requestObjects: RequestObjectStore;
  http: RpHttpOptions;
  assertions: ClientAssertionCache;
  /**
   * True when `provider`'s token endpoint is known to accept the same client assertion more than
   * once, so that one may be reused for `privateKeyJwtExpTime` seconds. False for every provider
   * unless the caller says otherwise: itsme and any OP with `jti` replay detection refuse reuse.
   */
  reusesClientAssertions(provider: SocialProviderConfig, realm: string): boolean;
  /** Leeway for `exp`/`iat` checks, seconds (default 30). */
  clockToleranceSeconds: number;
  /** The clock, milliseconds since the epoch. */
  now(): number;
}

/** Options of `createRelyingParty`. */
export interface RelyingPartyOptions {
  keys: RpKeySource;
  requestObjects: RequestObjectStore;
  metadata?: ProviderMetadataCache;
  http?: Partial<RpHttpOptions>;
  reusesClientAssertions?: (provider: SocialProviderConfig, realm: string) => boolean;
  clockToleranceSeconds?: number;
  now?: () => number;
}

/** Creates the relying party. */
export function createRelyingParty(options: RelyingPartyOptions): RelyingParty {
  const now = options.now ?? Date.now;
  return {
    keys: options.keys,
    requestObjects: options.requestObjects,
    metadata: options.metadata ?? createProviderMetadataCache({ now }),
    http: { ...DEFAULT_RP_HTTP_OPTIONS, ...options.http },
    assertions: createClientAssertionCache(),
    reusesClientAssertions: options.reusesClientAssertions ?? (() => false),
    clockToleranceSeconds: options.clockToleranceSeconds ?? 30,
    now,
  };
}
