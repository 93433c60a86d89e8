/**
 * Where a realm's OpenID provider lives, as AM names it: the realm's OAuth 2.0 base
 * `/am/oauth2/realms/root[/realms/<r>]`, the issuer `<publicUrl>` + that base, and the endpoint
 * paths under it (`/authorize`, `/access_token`, `/userinfo`, `/token/revoke`, `/introspect`,
 * `/connect/endSession`, `/connect/jwk_uri`, `/device/code`, `/device/user`), as oidc-provider's
 * `routes` take them. Arbor answers the interaction page itself at `<base>/interaction/<uid>`.
 */

/** AM's OAuth 2.0 path of `realm` (no trailing slash). */
export function oauth2BasePath(realm: string): string {
  return realm === 'root' ? '/am/oauth2/realms/root' : `/am/oauth2/realms/root/realms/${realm}`;
}

/** The issuer of `realm`'s provider: what AM's discovery document says. */
export function issuerOf(publicUrl: string, realm: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${oauth2BasePath(realm)}`;
}

/** oidc-provider's route names, mapped to AM's paths (relative to the realm's base). */
export const AM_ROUTES = {
  authorization: '/authorize',
  token: '/access_token',
  userinfo: '/userinfo',
  revocation: '/token/revoke',
  introspection: '/introspect',
  end_session: '/connect/endSession',
  jwks: '/connect/jwk_uri',
  device_authorization: '/device/code',
  code_verification: '/device/user',
  // Not enabled (registration, PAR, CIBA), given AM-like paths so that none shadows another.
  registration: '/register',
  pushed_authorization_request: '/par',
  backchannel_authentication: '/bc-authorize',
  challenge: '/challenge',
} as const;
