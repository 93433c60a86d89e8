/**
 * AM's client-assertion reuse (`privateKeyJwtExpTime`): an assertion kept and sent again until
 * shortly before it expires. Only used for providers the relying party is told accept reuse
 * (`RelyingParty.reusesClientAssertions`); everywhere else each token request gets a fresh `jti`.
 */

/** Assertions by provider, realm, client and audience. */
export interface ClientAssertionCache {
  /** The cached assertion for `key` still valid for at least `marginSeconds` at `nowSeconds`. */
  get(key: string, nowSeconds: number, marginSeconds: number): string | undefined;
  set(key: string, assertion: string, expiresAtSeconds: number): void;
}

const MAX_ENTRIES = 1000;

/** An empty in-memory cache. */
export function createClientAssertionCache(): ClientAssertionCache {
  const entries = new Map<string, { assertion: string; expiresAt: number }>();
  return {
    get(key, nowSeconds, marginSeconds) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAt - marginSeconds <= nowSeconds) {
        entries.delete(key);
        return undefined;
      }
      return entry.assertion;
    },
    set(key, assertion, expiresAtSeconds) {
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { assertion, expiresAt: expiresAtSeconds });
    },
  };
}
