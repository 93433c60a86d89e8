/**
 * AM's JSON of a client, as the REST API returns it and the store keeps it: `_id`, `_type` and
 * AM's sections, every value wrapped as current AM writes it (`{"inherited": false, "value": …}`;
 * `overrideOAuth2ClientConfig` plain, as AM has it). Never the secret: `userpassword` is write-only.
 * `readOAuth2Client` reads this JSON back into the same client.
 */
import { CLIENT_SECTIONS, type ClientSection, type OAuth2Client } from './oauth2-client.ts';

/** AM's JSON of a client. */
export type OAuth2ClientJson = Record<string, unknown>;

/** AM's `_type` of an OAuth2 client. */
export const OAUTH2_CLIENT_TYPE = { _id: 'OAuth2Client', name: 'OAuth2 Clients', collection: true } as const;

function wrapped(value: unknown): { inherited: false; value: unknown } {
  return { inherited: false, value: structuredClone(value) };
}

/** The acted-on attributes of each section. */
function actedOn(client: OAuth2Client): Record<ClientSection, Record<string, unknown>> {
  return {
    coreOAuth2ClientConfig: {
      status: client.status,
      clientType: client.clientType,
      clientName: client.clientName,
      redirectionUris: client.redirectionUris,
      scopes: client.scopes,
      defaultScopes: client.defaultScopes,
      accessTokenLifetime: client.accessTokenLifetime,
      refreshTokenLifetime: client.refreshTokenLifetime,
      authorizationCodeLifetime: client.authorizationCodeLifetime,
    },
    advancedOAuth2ClientConfig: {
      grantTypes: client.grantTypes,
      responseTypes: client.responseTypes,
      tokenEndpointAuthMethod: client.tokenEndpointAuthMethod,
      isConsentImplied: client.isConsentImplied,
      javascriptOrigins: client.javascriptOrigins,
      descriptions: client.descriptions,
    },
    signEncOAuth2ClientConfig: {
      publicKeyLocation: client.publicKeyLocation,
      jwksUri: client.jwksUri,
      jwkSet: client.jwkSet === undefined ? undefined : JSON.stringify(client.jwkSet),
      idTokenSignedResponseAlg: client.idTokenSignedResponseAlg,
      tokenEndpointAuthSigningAlgorithm: client.tokenEndpointAuthSigningAlgorithm,
    },
    coreOpenIDClientConfig: {
      postLogoutRedirectUri: client.postLogoutRedirectUri,
      backchannel_logout_uri: client.backchannelLogoutUri,
      backchannel_logout_session_required: client.backchannelLogoutSessionRequired,
      clientSessionUri: client.clientSessionUri,
      defaultMaxAgeEnabled: client.defaultMaxAgeEnabled,
      defaultMaxAge: client.defaultMaxAge,
    },
    coreUmaClientConfig: {},
    overrideOAuth2ClientConfig: {},
  };
}

/** AM's JSON of `client`, without its secret. */
export function oauth2ClientJson(client: OAuth2Client): OAuth2ClientJson {
  const json: OAuth2ClientJson = { _id: client.clientId };
  const acted = actedOn(client);
  for (const section of CLIENT_SECTIONS) {
    const out: Record<string, unknown> = {};
    const plain = section === 'overrideOAuth2ClientConfig';
    for (const [key, value] of Object.entries({ ...acted[section], ...client.kept[section] })) {
      if (value !== undefined) out[key] = plain ? structuredClone(value) : wrapped(value);
    }
    json[section] = out;
  }
  json._type = { ...OAUTH2_CLIENT_TYPE };
  return json;
}
