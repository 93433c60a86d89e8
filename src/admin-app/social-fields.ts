/**
 * Every option of a social identity provider's form: AM's JSON key, its label, the group it shows
 * in, how it is edited and a short help text saying what it does (written for this app from the
 * meaning AM's client configuration reference gives each field).
 */
import { CLIENT_AUTHENTICATION_METHODS, ISSUER_COMPARISON_CHECK_TYPES, JWT_ENCRYPTION_METHODS, PKCE_METHODS, REQUEST_PARAMETER_OPTIONS, RESPONSE_MODES, USER_INFO_RESPONSE_TYPES } from '../social/provider-config.ts';

/** The form's groups, in their order. */
export const FIELD_GROUPS = ['Basics', 'Endpoints', 'Client authentication', 'Claims and mapping', 'Sign-in button'] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

/** How a field is edited: text, a URL, the secret, a list (space-separated), a check box, a choice, a whole number, JSON. */
export type FieldKind = 'text' | 'url' | 'secret' | 'list' | 'boolean' | 'choice' | 'number' | 'json';

/** One option of the form; `key` is AM's (`uiConfig.<name>` for the button's). */
export interface ProviderField {
  key: string;
  label: string;
  group: FieldGroup;
  kind: FieldKind;
  help: string;
  options?: readonly string[];
  /** Only for OpenID Connect types (issuer, ID tokens). */
  oidcOnly?: boolean;
  required?: boolean;
}

const SIGNING = ['NONE', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'HS256', 'HS384', 'HS512'] as const;
const KEY_ENCRYPTION = ['NONE', 'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW', 'A128KW', 'A192KW', 'A256KW', 'dir'] as const;

/** The form's options, group by group. */
export const PROVIDER_FIELDS: readonly ProviderField[] = [
  { key: 'enabled', label: 'Enabled', group: 'Basics', kind: 'boolean', help: 'Only enabled providers are offered on sign-in pages and accepted by journeys.' },
  { key: 'clientId', label: 'Client ID', group: 'Basics', kind: 'text', required: true, help: 'The identifier the provider gave this realm when you registered it as a client (itsme calls it the partner code).' },
  { key: 'clientSecret', label: 'Client secret', group: 'Basics', kind: 'secret', help: 'The shared secret the provider gave with the client ID. It is stored encrypted and never shown again: leave empty to keep the stored one.' },
  { key: 'redirectURI', label: 'Redirect URI', group: 'Basics', kind: 'text', required: true, help: 'Where the provider sends the browser back after sign-in; register exactly this address at the provider. Arbor’s own sign-in page is /login?realm=<realm>.' },
  { key: 'scopes', label: 'Scopes', group: 'Basics', kind: 'list', required: true, help: 'The permissions asked of the provider, separated by spaces (openid profile email for OpenID Connect; itsme also needs service:<your service code>).' },
  { key: 'scopeDelimiter', label: 'Scope delimiter', group: 'Basics', kind: 'choice', options: [' ', ','], help: 'The character that joins the scopes in the request: a space, or a comma for providers that want one.' },
  { key: 'acrValues', label: 'ACR values', group: 'Basics', kind: 'list', oidcOnly: true, help: 'Authentication levels asked of the provider (acr_values), most preferred first, separated by spaces; empty asks none.' },

  { key: 'wellKnownEndpoint', label: 'Well-known endpoint', group: 'Endpoints', kind: 'url', oidcOnly: true, help: 'The provider’s OpenID discovery document. When set, the server reads the missing endpoints and the issuer from it and checks the options below against what it advertises.' },
  { key: 'issuer', label: 'Issuer', group: 'Endpoints', kind: 'text', oidcOnly: true, help: 'The issuer the provider’s ID tokens must name (their iss claim); required for OpenID Connect.' },
  { key: 'issuerComparisonCheckType', label: 'Issuer comparison', group: 'Endpoints', kind: 'choice', options: ISSUER_COMPARISON_CHECK_TYPES, oidcOnly: true, help: 'EXACT: the iss claim must equal the issuer. REGEX: the issuer is a regular expression the claim must match (multi-tenant providers).' },
  { key: 'authorizationEndpoint', label: 'Authorization endpoint', group: 'Endpoints', kind: 'url', required: true, help: 'Where the browser is sent to sign in at the provider and approve the request.' },
  { key: 'tokenEndpoint', label: 'Token endpoint', group: 'Endpoints', kind: 'url', required: true, help: 'Where the server exchanges the authorization code for tokens, authenticating as the client.' },
  { key: 'userInfoEndpoint', label: 'User info endpoint', group: 'Endpoints', kind: 'url', help: 'Where the server reads the user’s profile with the access token (OpenID’s userinfo, or a provider’s own profile URL).' },
  { key: 'jwksUriEndpoint', label: 'JWKS URI', group: 'Endpoints', kind: 'url', oidcOnly: true, help: 'The provider’s public keys: they verify its signed ID tokens and user info, and encrypt what the server sends it.' },
  { key: 'introspectEndpoint', label: 'Introspection endpoint', group: 'Endpoints', kind: 'url', help: 'Where tokens the provider issued can be checked (used by native apps that bring their own token).' },

  { key: 'clientAuthenticationMethod', label: 'Client authentication method', group: 'Client authentication', kind: 'choice', options: CLIENT_AUTHENTICATION_METHODS, help: 'How the server proves it is the client at the token endpoint: the secret in a header (BASIC) or in the body (POST), a JWT signed with the realm’s key (PRIVATE_KEY_JWT, encrypted too for itsme), or a TLS client certificate.' },
  { key: 'jwtSigningAlgorithm', label: 'JWT signing algorithm', group: 'Client authentication', kind: 'choice', options: SIGNING, help: 'The algorithm that signs client assertions and request objects with the realm’s relying-party key; NONE when nothing is signed.' },
  { key: 'jwtEncryptionAlgorithm', label: 'JWT encryption algorithm', group: 'Client authentication', kind: 'choice', options: KEY_ENCRYPTION, help: 'The key-management algorithm that encrypts client assertions or request objects to the provider’s key; NONE when they are not encrypted.' },
  { key: 'jwtEncryptionMethod', label: 'JWT encryption method', group: 'Client authentication', kind: 'choice', options: ['NONE', ...Object.keys(JWT_ENCRYPTION_METHODS)], help: 'The content encryption of those JWTs (itsme asks AES_128_CBC_HMAC_SHA_256); NONE when they are not encrypted.' },
  { key: 'privateKeyJwtExpTime', label: 'Client assertion lifetime (seconds)', group: 'Client authentication', kind: 'number', help: 'How long a signed client assertion stays valid, in seconds (1 to 86400).' },
  { key: 'privateKeyJwtAudience', label: 'Client assertion audience', group: 'Client authentication', kind: 'text', help: 'The aud of client assertions; empty means the token endpoint.' },
  { key: 'pkceMethod', label: 'PKCE method', group: 'Client authentication', kind: 'choice', options: PKCE_METHODS, help: 'Proof Key for Code Exchange: S256 binds the code to this sign-in so a stolen code is useless; NONE only for providers that refuse it.' },
  { key: 'jwtRequestParameterOption', label: 'Request object', group: 'Client authentication', kind: 'choice', options: REQUEST_PARAMETER_OPTIONS, oidcOnly: true, help: 'Sends the authorization request as a signed JWT: NONE (plain parameters), VALUE (in the request parameter) or REFERENCE (a request_uri the provider fetches).' },
  { key: 'encryptJwtRequestParameter', label: 'Encrypt the request object', group: 'Client authentication', kind: 'boolean', oidcOnly: true, help: 'Also encrypts the request object (and, for itsme, the client assertion) to the provider’s key.' },
  { key: 'requestObjectAudience', label: 'Request object audience', group: 'Client authentication', kind: 'text', oidcOnly: true, help: 'The aud of request objects; empty means the issuer.' },
  { key: 'responseMode', label: 'Response mode', group: 'Client authentication', kind: 'choice', options: RESPONSE_MODES, help: 'How the provider returns the code: DEFAULT in the redirect’s query, FORM_POST as a posted form (Apple when names or email are asked).' },
  { key: 'redirectAfterFormPostURI', label: 'Redirect after form post', group: 'Client authentication', kind: 'text', help: 'With FORM_POST: where the browser continues once the posted answer is received (the sign-in page).' },
  { key: 'encryptedIdTokens', label: 'Encrypted ID tokens', group: 'Client authentication', kind: 'boolean', oidcOnly: true, help: 'The provider encrypts ID tokens to the realm’s relying-party key; the server decrypts them.' },
  { key: 'userInfoResponseType', label: 'User info format', group: 'Client authentication', kind: 'choice', options: USER_INFO_RESPONSE_TYPES, oidcOnly: true, help: 'What the user info endpoint answers: plain JSON, a signed JWT, or a signed then encrypted JWT (itsme).' },
  { key: 'enableNativeNonce', label: 'Native app nonce', group: 'Client authentication', kind: 'boolean', oidcOnly: true, help: 'A native app that signs in with the provider’s own SDK must put the nonce it was given into the ID token it brings.' },

  { key: 'authenticationIdKey', label: 'Account ID attribute', group: 'Claims and mapping', kind: 'text', required: true, help: 'The attribute of the provider’s profile that identifies the account for good (sub for OpenID Connect, id for most others); links the account to a user.' },
  { key: 'transform', label: 'Profile transformation', group: 'Claims and mapping', kind: 'choice', help: 'The script that turns the provider’s profile into the normalized profile (name, email…) the journey maps to a user.' },
  { key: 'claims', label: 'Claims request', group: 'Claims and mapping', kind: 'json', oidcOnly: true, help: 'The claims parameter as JSON, asking for particular claims in the ID token or user info: {"userinfo": {"email": {"essential": true}}}.' },

  { key: 'uiConfig.buttonDisplayName', label: 'Button label', group: 'Sign-in button', kind: 'text', help: 'The provider’s name on the sign-in page’s button.' },
  { key: 'uiConfig.buttonImage', label: 'Button image', group: 'Sign-in button', kind: 'text', help: 'An image (logo) shown on the button: a path of the sign-in page or a URL.' },
  { key: 'uiConfig.iconClass', label: 'Icon class', group: 'Sign-in button', kind: 'text', help: 'The icon font class of the button (fa-google) for UIs that use one.' },
  { key: 'uiConfig.iconBackground', label: 'Button background', group: 'Sign-in button', kind: 'text', help: 'The button’s background colour (#4184f3).' },
  { key: 'uiConfig.iconFontColor', label: 'Button text colour', group: 'Sign-in button', kind: 'text', help: 'The colour of the button’s text and icon (white).' },
  { key: 'uiConfig.buttonClass', label: 'Button class', group: 'Sign-in button', kind: 'text', help: 'Extra CSS classes of the button for UIs that style them.' },
  { key: 'uiConfig.buttonCustomStyle', label: 'Button style', group: 'Sign-in button', kind: 'text', help: 'CSS declarations of the button for UIs that apply them.' },
  { key: 'uiConfig.buttonCustomStyleHover', label: 'Button hover style', group: 'Sign-in button', kind: 'text', help: 'CSS declarations of the button under the pointer.' },
];
