/**
 * A social identity provider's client configuration, as AM's Social Identity Provider Service
 * keeps it (`realm-config/services/SocialIdentityProviders/<type>/<name>`): the JSON keys are AM's,
 * so ForgeRock exports, Frodo and the admin REST read and write them unchanged. The relying party
 * (`src/social/rp/`) acts on these fields; the provider service (`src/social/providers/`) validates
 * and stores them.
 */

/** AM's provider types (the `_type._id` of an instance). */
export const PROVIDER_TYPES = [
  'oauth2Config',
  'oidcConfig',
  'itsmeConfig',
  'googleConfig',
  'appleConfig',
  'microsoftConfig',
  'facebookConfig',
  'amazonConfig',
  'salesforceConfig',
  'linkedInConfig',
  'gitHubConfig',
  'instagramConfig',
  'twitterConfig',
  'vkConfig',
  'weChatConfig',
  'wordpressConfig',
  'yahooConfig',
  'lineConfig',
] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

/** How the client authenticates at the token endpoint. */
export const CLIENT_AUTHENTICATION_METHODS = [
  'CLIENT_SECRET_BASIC',
  'CLIENT_SECRET_POST',
  'PRIVATE_KEY_JWT',
  'ENCRYPTED_PRIVATE_KEY_JWT',
  'TLS_CLIENT_AUTH',
  'SELF_SIGNED_TLS_CLIENT_AUTH',
] as const;
export type ClientAuthenticationMethod = (typeof CLIENT_AUTHENTICATION_METHODS)[number];

/** AM's Java names of the JWE content encryption (`enc`) methods, and their JOSE names. */
export const JWT_ENCRYPTION_METHODS = {
  AES_128_CBC_HMAC_SHA_256: 'A128CBC-HS256',
  AES_192_CBC_HMAC_SHA_384: 'A192CBC-HS384',
  AES_256_CBC_HMAC_SHA_512: 'A256CBC-HS512',
  AES_128_GCM: 'A128GCM',
  AES_192_GCM: 'A192GCM',
  AES_256_GCM: 'A256GCM',
} as const;
export type JwtEncryptionMethod = keyof typeof JWT_ENCRYPTION_METHODS;

export const PKCE_METHODS = ['S256', 'PLAIN', 'NONE'] as const;
export type PkceMethod = (typeof PKCE_METHODS)[number];

export const REQUEST_PARAMETER_OPTIONS = ['NONE', 'VALUE', 'REFERENCE'] as const;
export type RequestParameterOption = (typeof REQUEST_PARAMETER_OPTIONS)[number];

export const USER_INFO_RESPONSE_TYPES = ['JSON', 'SIGNED_JWT', 'SIGNED_THEN_ENCRYPTED_JWT'] as const;
export type UserInfoResponseType = (typeof USER_INFO_RESPONSE_TYPES)[number];

export const RESPONSE_MODES = ['DEFAULT', 'FORM_POST'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

export const ISSUER_COMPARISON_CHECK_TYPES = ['EXACT', 'REGEX'] as const;
export type IssuerComparisonCheckType = (typeof ISSUER_COMPARISON_CHECK_TYPES)[number];

/** The button a provider shows on sign-in pages (SelectIdPCallback carries it as is). */
export interface ProviderUiConfig {
  buttonDisplayName?: string;
  buttonImage?: string;
  buttonCustomStyle?: string;
  buttonCustomStyleHover?: string;
  buttonClass?: string;
  iconClass?: string;
  iconBackground?: string;
  iconFontColor?: string;
  [key: string]: unknown;
}

/**
 * One provider instance, validated, with AM's keys. Optional fields are absent when unset.
 * `clientSecret` is the plaintext only in memory, after the provider service opened it; it is
 * sealed at rest and never returned by the REST API.
 */
export interface SocialProviderConfig {
  /** The instance name (`_id`): `itsme`, `google`… */
  name: string;
  type: ProviderType;
  enabled: boolean;
  clientId: string;
  clientSecret?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** The user profile service URL (OIDC userinfo, or a plain OAuth 2.0 profile URL). */
  userInfoEndpoint?: string;
  introspectEndpoint?: string;
  wellKnownEndpoint?: string;
  jwksUriEndpoint?: string;
  /** OIDC types only; plain OAuth 2.0 providers have none. */
  issuer?: string;
  issuerComparisonCheckType: IssuerComparisonCheckType;
  redirectURI: string;
  redirectAfterFormPostURI?: string;
  scopes: string[];
  scopeDelimiter: string;
  acrValues: string[];
  clientAuthenticationMethod: ClientAuthenticationMethod;
  /** `RS256`, `ES256`, `PS256`, `HS256`… or `NONE`. */
  jwtSigningAlgorithm: string;
  /** `RSA-OAEP`, `RSA-OAEP-256`, `ECDH-ES`, `dir`… or `NONE`. */
  jwtEncryptionAlgorithm: string;
  jwtEncryptionMethod: JwtEncryptionMethod | 'NONE';
  /** Seconds a client assertion lives (and may be reused when the provider allows reuse). */
  privateKeyJwtExpTime: number;
  pkceMethod: PkceMethod;
  jwtRequestParameterOption: RequestParameterOption;
  encryptJwtRequestParameter: boolean;
  /** `aud` of request objects; empty means the issuer. */
  requestObjectAudience?: string;
  /** `aud` of client assertions; empty means the token endpoint. */
  privateKeyJwtAudience?: string;
  encryptedIdTokens: boolean;
  userInfoResponseType: UserInfoResponseType;
  enableNativeNonce: boolean;
  /** The `claims` request parameter, a JSON text. */
  claims?: string;
  responseMode: ResponseMode;
  /** The raw-profile attribute that identifies the account at the provider (`sub`, `id`). */
  authenticationIdKey: string;
  /** The profile normalization script id (a built-in transform). */
  transform?: string;
  uiConfig: ProviderUiConfig;
  /** AM keys Arbor keeps and returns but does not act on (`revocationCheckOptions`, `useCustomTrustStore`…). */
  passthrough: Record<string, unknown>;
}

/** The profile every provider's raw profile is normalized to (AM's normalized profile). */
export interface NormalizedProfile {
  id: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  photoUrl?: string;
  email?: string;
  emailVerified?: boolean;
  username?: string;
  locale?: string;
}
