/**
 * Client authentication at the token endpoint, all six of AM's methods: the client secret in a
 * Basic header or in the body (openid-client's own implementations), a private-key JWT (plain or
 * encrypted to the provider), or mTLS with the realm's CA-issued or self-signed certificate.
 */
import { ClientSecretBasic, ClientSecretPost } from 'openid-client';
import type { SocialProviderConfig } from '../provider-config.ts';
import { clientAssertion } from './client-assertion.ts';
import { socialRpError } from './errors.ts';
import type { RelyingParty } from './relying-party.ts';
import type { RpTlsClientCertificate } from './rp-http.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** What authenticates one token request: body parameters, headers and possibly a TLS client certificate. */
export interface ClientAuthentication {
  headers: Record<string, string>;
  clientCertificate?: RpTlsClientCertificate;
}

/** Adds the configured client authentication to `body` and returns the headers and certificate it needs. */
export async function authenticateClient(
  rp: RelyingParty,
  provider: SocialProviderConfig,
  realm: string,
  tokenEndpoint: string,
  body: URLSearchParams,
): Promise<ClientAuthentication> {
  const method = provider.clientAuthenticationMethod;
  switch (method) {
    case 'CLIENT_SECRET_BASIC':
    case 'CLIENT_SECRET_POST': {
      if (!provider.clientSecret) throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name} uses ${method} but has no client secret`);
      const headers = new Headers();
      const apply = method === 'CLIENT_SECRET_BASIC' ? ClientSecretBasic(provider.clientSecret) : ClientSecretPost(provider.clientSecret);
      apply({ issuer: provider.issuer ?? tokenEndpoint, token_endpoint: tokenEndpoint }, { client_id: provider.clientId }, body, headers);
      return { headers: Object.fromEntries(headers.entries()) };
    }
    case 'PRIVATE_KEY_JWT':
    case 'ENCRYPTED_PRIVATE_KEY_JWT':
      body.set('client_id', provider.clientId);
      body.set('client_assertion_type', JWT_BEARER);
      body.set('client_assertion', await clientAssertion(rp, provider, realm, tokenEndpoint));
      return { headers: {} };
    case 'TLS_CLIENT_AUTH':
    case 'SELF_SIGNED_TLS_CLIENT_AUTH': {
      const kind = method === 'TLS_CLIENT_AUTH' ? 'ca' : 'self-signed';
      const certificate = await rp.keys.tlsClientCertificate(realm, kind);
      if (certificate === undefined) throw socialRpError('CONFIGURATION_INVALID', `provider ${provider.name} uses ${method} but realm ${realm} has no ${kind} TLS client certificate`);
      body.set('client_id', provider.clientId);
      return { headers: {}, clientCertificate: certificate };
    }
  }
}
