/**
 * How a realm's OpenID provider reaches clients' URLs (a `jwks_uri` for `private_key_jwt` and
 * encrypted ID tokens, a `sector_identifier_uri`, a `backchannel_logout_uri`): through Arbor's
 * guarded fetch, so that `ARBOR_OUTBOUND_NETWORKS` decides which addresses it connects to, as for
 * every other URL an administrator configures. oidc-provider gives each request its own
 * `dispatcher`, which refuses every private and loopback address whatever the setting says (an
 * application on the company network could not work); that dispatcher is dropped. Its 2.5 s
 * timeout (`signal`) and empty `user-agent` stay, and the answers it reads are limited in size
 * (`PROVIDER_FETCH_BODY_LIMITS`, oidc-provider reads a `jwks_uri` without limit by default).
 */
import type { Configuration } from 'oidc-provider';

/** The most a client's `jwks_uri` or `sector_identifier_uri` may answer (bytes). */
export const MAX_PROVIDER_FETCH_BYTES = 256 * 1024;

/** oidc-provider's `fetchResponseBodyLimits`: every purpose limited. */
export const PROVIDER_FETCH_BODY_LIMITS = {
  'client_id metadata document': 5 * 1024,
  jwks_uri: MAX_PROVIDER_FETCH_BYTES,
  sector_identifier_uri: MAX_PROVIDER_FETCH_BYTES,
} as const;

/** oidc-provider's `fetch` hook over `base` (Arbor's guarded fetch): the request without oidc-provider's own dispatcher. */
export function providerFetch(base: NonNullable<Configuration['fetch']>): NonNullable<Configuration['fetch']> {
  return (input, init) => {
    if (init === undefined) return base(input);
    const rest: RequestInit = { ...init };
    // undici's `dispatcher` is not in the DOM's RequestInit type; oidc-provider sets it.
    Reflect.deleteProperty(rest, 'dispatcher');
    return base(input, rest);
  };
}
