/**
 * The account page's own OpenID Connect client, built into every realm: `arbor-account`, public
 * (no secret, PKCE S256 required as for every public client), authorization code only, scope
 * `openid`, consent implied (a first-party client), its one redirect URI
 * `<publicUrl>/account/callback`. It is not a stored client: `withAccountClient` answers it before
 * the realm's stored clients, so it exists with every realm, and a stored client of the same id
 * (made through the clients REST or CLI) is never used: it can be neither changed nor removed.
 */
import type { OAuth2ClientRecord, OAuth2ClientSource } from '../oauth2/oauth2-client-source.ts';

/** The built-in client's id. */
export const ACCOUNT_CLIENT_ID = 'arbor-account';

/** The account page's redirect URI under `publicUrl`. */
export function accountCallbackUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/account/callback`;
}

/** The built-in client's record for a server at `publicUrl`. */
export function accountClientRecord(publicUrl: string): OAuth2ClientRecord {
  return {
    metadata: {
      client_id: ACCOUNT_CLIENT_ID,
      client_name: 'Arbor account',
      application_type: 'web',
      redirect_uris: [accountCallbackUrl(publicUrl)],
      post_logout_redirect_uris: [],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'RS256',
      // The page checks that the ID token comes from the SSO session the browser carries.
      require_auth_time: true,
      scope: 'openid',
    },
    impliedConsent: true,
    accessTokenLifetime: 300,
    refreshTokenLifetime: 300,
    authorizationCodeLifetime: 60,
  };
}

/** `clients` with the built-in client of every realm in front. */
export function withAccountClient(clients: OAuth2ClientSource, publicUrl: string): OAuth2ClientSource {
  const record = accountClientRecord(publicUrl);
  return {
    async clientOf(realm, clientId) {
      return clientId === ACCOUNT_CLIENT_ID ? structuredClone(record) : clients.clientOf(realm, clientId);
    },
  };
}
