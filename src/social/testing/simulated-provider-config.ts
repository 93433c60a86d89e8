/**
 * The itsme preset's provider configuration (AM's `itsmeConfig` keys and values, reference §1.6)
 * pointed at a running simulator, with per-test overrides; and the REST body that creates such a
 * provider (what the journey and end-to-end tests PUT).
 */
import type { SocialProviderConfig } from '../provider-config.ts';
import type { ItsmeSimulator } from './itsme-simulator.ts';

/** The redirect URI tests register; the browser stand-in stops there and never calls it. */
export const TEST_REDIRECT_URI = 'https://rp.example.test/am/oauth2/client/callback';

/** What a provider takes from `simulator`: its client id, endpoints, issuer, and scopes with its service code. */
function simulatorSettings(simulator: ItsmeSimulator) {
  return {
    clientId: simulator.clientId,
    authorizationEndpoint: simulator.authorizationEndpoint,
    tokenEndpoint: simulator.tokenEndpoint,
    userInfoEndpoint: simulator.userinfoEndpoint,
    wellKnownEndpoint: simulator.discoveryUrl,
    jwksUriEndpoint: simulator.jwksUri,
    issuer: simulator.issuer,
    scopes: ['openid', `service:${simulator.serviceCode}`, 'profile', 'email'],
  };
}

/**
 * AM's REST body (`itsmeConfig`) of an enabled provider at `simulator` that sends the browser back
 * to `redirectURI` (request objects addressed to the issuer); `overrides` win. The preset fills the rest.
 */
export function itsmeProviderBody(simulator: ItsmeSimulator, redirectURI: string = TEST_REDIRECT_URI, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...simulatorSettings(simulator), requestObjectAudience: simulator.issuer, redirectURI, enabled: true, ...overrides };
}

/** itsme's preset against `simulator`. */
export function simulatedItsmeConfig(simulator: ItsmeSimulator, overrides: Partial<SocialProviderConfig> = {}): SocialProviderConfig {
  return {
    name: 'itsme',
    type: 'itsmeConfig',
    enabled: true,
    ...simulatorSettings(simulator),
    issuerComparisonCheckType: 'EXACT',
    redirectURI: TEST_REDIRECT_URI,
    scopeDelimiter: ' ',
    acrValues: [],
    clientAuthenticationMethod: 'ENCRYPTED_PRIVATE_KEY_JWT',
    jwtSigningAlgorithm: 'RS256',
    jwtEncryptionAlgorithm: 'RSA-OAEP',
    jwtEncryptionMethod: 'AES_128_CBC_HMAC_SHA_256',
    privateKeyJwtExpTime: 600,
    pkceMethod: 'S256',
    jwtRequestParameterOption: 'NONE',
    encryptJwtRequestParameter: true,
    encryptedIdTokens: true,
    userInfoResponseType: 'SIGNED_THEN_ENCRYPTED_JWT',
    enableNativeNonce: true,
    responseMode: 'DEFAULT',
    authenticationIdKey: 'sub',
    uiConfig: { buttonDisplayName: 'itsme' },
    passthrough: {},
    ...overrides,
  };
}
