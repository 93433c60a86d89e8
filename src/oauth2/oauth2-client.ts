/**
 * Arbor's model of an OAuth 2.0 client of a realm, read from AM's `OAuth2Client` agent JSON
 * (`read-oauth2-client.ts`): the settings Arbor acts on as typed fields, and the AM attributes it
 * keeps and returns but does not act on in `kept`, by section. The secret is not part of the
 * model: it is sealed at rest by the store and only opened for the provider.
 */

/** AM's sections of an `OAuth2Client`. */
export const CLIENT_SECTIONS = [
  'coreOAuth2ClientConfig',
  'advancedOAuth2ClientConfig',
  'signEncOAuth2ClientConfig',
  'coreOpenIDClientConfig',
  'coreUmaClientConfig',
  'overrideOAuth2ClientConfig',
] as const;
export type ClientSection = (typeof CLIENT_SECTIONS)[number];

export const CLIENT_TYPES = ['Confidential', 'Public'] as const;
export const CLIENT_STATUSES = ['Active', 'Inactive'] as const;
/** The device authorization grant's type. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** The grant types Arbor issues tokens for. */
export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials', DEVICE_CODE_GRANT] as const;
/** How a client authenticates at the token endpoint. */
export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
/** Where AM finds a client's public keys (`x509`: a certificate in `clientJwtPublicKey`). */
export const PUBLIC_KEY_LOCATIONS = ['jwks_uri', 'jwks', 'x509'] as const;
/** Algorithms an ID token may be signed with (HS*: with the client secret, confidential clients only). */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'HS256', 'HS384', 'HS512'] as const;
/** Algorithms a `private_key_jwt` client assertion may be signed with. */
export const ASSERTION_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
/** AM's response types (the authorization endpoint's answers it may ask for). */
export const AM_RESPONSE_TYPES = ['code', 'token', 'id_token', 'code token', 'token id_token', 'code id_token', 'code token id_token', 'device_code', 'device_code id_token', 'none'] as const;

export type ClientType = (typeof CLIENT_TYPES)[number];
export type ClientStatus = (typeof CLIENT_STATUSES)[number];
export type GrantType = (typeof GRANT_TYPES)[number];
export type AuthMethod = (typeof AUTH_METHODS)[number];
export type PublicKeyLocation = (typeof PUBLIC_KEY_LOCATIONS)[number];

/** A JSON Web Key Set of public keys. */
export interface PublicJwkSet {
  keys: Record<string, unknown>[];
}

/** A client, as Arbor acts on it. */
export interface OAuth2Client {
  clientId: string;
  status: ClientStatus;
  clientType: ClientType;
  /** AM's `clientName` (a list; the first entry is the display name). */
  clientName: string[];
  redirectionUris: string[];
  /** The scopes the client may ask for, as AM writes them (`name` or `name|locale|description`). */
  scopes: string[];
  /** The scopes given when a request names none. */
  defaultScopes: string[];
  /** Seconds; 0 is the realm's default. */
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
  authorizationCodeLifetime: number;
  grantTypes: GrantType[];
  /** AM's `responseTypes` as given; the provider registers only `code` (with the authorization code grant). */
  responseTypes: string[];
  tokenEndpointAuthMethod: AuthMethod;
  isConsentImplied: boolean;
  javascriptOrigins: string[];
  descriptions: string[];
  postLogoutRedirectUri: string[];
  backchannelLogoutUri?: string;
  backchannelLogoutSessionRequired: boolean;
  clientSessionUri?: string;
  defaultMaxAgeEnabled: boolean;
  /** Seconds. */
  defaultMaxAge: number;
  publicKeyLocation: PublicKeyLocation;
  jwksUri?: string;
  jwkSet?: PublicJwkSet;
  idTokenSignedResponseAlg: string;
  tokenEndpointAuthSigningAlgorithm: string;
  /** AM attributes kept and returned as given, not acted on. */
  kept: Partial<Record<ClientSection, Record<string, unknown>>>;
}

/** The scope name of an AM scope entry (`profile|en|Your profile` → `profile`). */
export function scopeName(entry: string): string {
  const bar = entry.indexOf('|');
  return bar < 0 ? entry : entry.slice(0, bar);
}

/** True when the client authenticates with its secret. */
export function usesSecret(client: Pick<OAuth2Client, 'tokenEndpointAuthMethod'>): boolean {
  return client.tokenEndpointAuthMethod === 'client_secret_basic' || client.tokenEndpointAuthMethod === 'client_secret_post';
}
