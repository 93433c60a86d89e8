/**
 * Where each `oidc-provider` model is kept: short-lived ones in the ephemeral store (SQL or
 * Redis), grants and refresh tokens in the durable `oidc_records`, clients read from the realm's
 * OAuth2 clients, and the dynamic-registration tokens nowhere (registration is off). The limits on
 * what one record may hold and how long an ephemeral one may live are here too.
 */

/** Where a model's records live. */
export type OidcModelHome = 'ephemeral' | 'durable' | 'clients' | 'refused';

const HOMES: Readonly<Record<string, OidcModelHome>> = {
  Session: 'ephemeral',
  AccessToken: 'ephemeral',
  AuthorizationCode: 'ephemeral',
  ClientCredentials: 'ephemeral',
  Interaction: 'ephemeral',
  ReplayDetection: 'ephemeral',
  PushedAuthorizationRequest: 'ephemeral',
  BackchannelAuthenticationRequest: 'ephemeral',
  DeviceCode: 'ephemeral',
  PreAuthorizedCode: 'ephemeral',
  Grant: 'durable',
  RefreshToken: 'durable',
  Client: 'clients',
  InitialAccessToken: 'refused',
  RegistrationAccessToken: 'refused',
};

/** The ephemeral models whose records belong to a grant (revoked with it). */
export const GRANT_BOUND_EPHEMERAL_MODELS: ReadonlySet<string> = new Set(['AccessToken', 'AuthorizationCode', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

/** The home of `model`, or undefined for a name oidc-provider does not use. */
export function oidcModelHome(model: string): OidcModelHome | undefined {
  return Object.hasOwn(HOMES, model) ? HOMES[model] : undefined;
}

/** The largest payload stored, in characters of JSON. */
export const OIDC_MAX_PAYLOAD_CHARS = 64 * 1024;

/** The longest an ephemeral record lives (and how long one given no expiry lives): 30 days. */
export const OIDC_MAX_EPHEMERAL_TTL_MS = 30 * 24 * 3_600_000;

/** The most live records of one model one grant may have in the ephemeral store. */
export const OIDC_MAX_GRANT_MEMBERS = 1000;
