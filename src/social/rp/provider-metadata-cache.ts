/**
 * Provider documents cached in memory: discovery documents (`wellKnownEndpoint`) and JSON Web Key
 * Sets (`jwksUriEndpoint` or the discovered `jwks_uri`), each kept for a TTL. A key set is fetched
 * again at once when a token names a `kid` it lacks (key rotation at the provider), at most once
 * per cool-down so that tokens naming random `kid`s cannot make us hammer the provider.
 */
import type { JWK } from 'jose';
import { socialRpError } from './errors.ts';
import { parseJsonObject, type RpHttpOptions, sendRpRequest } from './rp-http.ts';

/** Options of the cache. */
export interface ProviderMetadataCacheOptions {
  /** How long a document is used before it is fetched again (default 10 minutes). */
  ttlMs?: number;
  /** The shortest time between two refreshes of one key set caused by an unknown `kid` (default 5 s). */
  refreshCooldownMs?: number;
  /** The clock (default `Date.now`). */
  now?: () => number;
}

/** What a key is looked up by. */
export interface KeyQuery {
  kid?: string | undefined;
  alg: string;
  use: 'sig' | 'enc';
}

/** The cache of one relying party (one per process). */
export interface ProviderMetadataCache {
  /** The discovery document at `url`. */
  discovery(url: string, http: RpHttpOptions): Promise<Record<string, unknown>>;
  /** The key of the set at `url` matching `query`, fetching the set again once when the `kid` is unknown; undefined when none matches. */
  findKey(url: string, http: RpHttpOptions, query: KeyQuery): Promise<JWK | undefined>;
}

interface Entry<T> {
  value: T;
  fetchedAt: number;
}

const MAX_KEYS = 100;

/** Creates an empty cache. */
export function createProviderMetadataCache(options: ProviderMetadataCacheOptions = {}): ProviderMetadataCache {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const cooldownMs = options.refreshCooldownMs ?? 5_000;
  const now = options.now ?? Date.now;
  const documents = new Map<string, Entry<Record<string, unknown>>>();
  const keySets = new Map<string, Entry<JWK[]>>();

  async function fetchJson(url: string, http: RpHttpOptions, what: string): Promise<Record<string, unknown>> {
    const response = await sendRpRequest(http, { url, method: 'GET', headers: { accept: 'application/json' }, what });
    if (response.status !== 200) throw socialRpError('PROVIDER_METADATA_INVALID', `the ${what} at ${url} answered HTTP ${response.status}`);
    const document = parseJsonObject(response.text);
    if (document === undefined) throw socialRpError('PROVIDER_METADATA_INVALID', `the ${what} at ${url} is not a JSON object`);
    return document;
  }

  async function loadKeys(url: string, http: RpHttpOptions): Promise<JWK[]> {
    const document = await fetchJson(url, http, 'JWKS');
    const keys = document.keys;
    if (!Array.isArray(keys) || keys.length > MAX_KEYS) throw socialRpError('PROVIDER_METADATA_INVALID', `the JWKS at ${url} has no usable "keys" array`);
    const valid = keys.filter((key): key is JWK => typeof key === 'object' && key !== null && typeof (key as JWK).kty === 'string');
    keySets.set(url, { value: valid, fetchedAt: now() });
    return valid;
  }

  return {
    async discovery(url, http) {
      const cached = documents.get(url);
      if (cached !== undefined && now() - cached.fetchedAt < ttlMs) return cached.value;
      const document = await fetchJson(url, http, 'discovery document');
      documents.set(url, { value: document, fetchedAt: now() });
      return document;
    },

    async findKey(url, http, query) {
      const cached = keySets.get(url);
      const fresh = cached !== undefined && now() - cached.fetchedAt < ttlMs;
      let keys = fresh ? cached.value : await loadKeys(url, http);
      let found = selectKey(keys, query);
      const refreshedJustNow = !fresh;
      if (found === undefined && query.kid !== undefined && !refreshedJustNow) {
        const last = keySets.get(url);
        if (last === undefined || now() - last.fetchedAt >= cooldownMs) {
          keys = await loadKeys(url, http);
          found = selectKey(keys, query);
        }
      }
      return found;
    },
  };
}

/** The key type an algorithm needs. */
export function keyTypeOf(alg: string): string | undefined {
  if (/^(RS|PS)\d{3}$/.test(alg) || alg.startsWith('RSA-OAEP')) return 'RSA';
  if (/^ES\d{3}$/.test(alg) || alg.startsWith('ECDH-ES')) return 'EC';
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'OKP';
  return undefined;
}

function selectKey(keys: readonly JWK[], query: KeyQuery): JWK | undefined {
  const kty = keyTypeOf(query.alg);
  return keys.find(
    (key) =>
      (query.kid === undefined || key.kid === query.kid) &&
      (key.use === undefined || key.use === query.use) &&
      (key.alg === undefined || key.alg === query.alg) &&
      (kty === undefined || key.kty === kty || (query.alg.startsWith('ECDH-ES') && key.kty === 'OKP')),
  );
}
