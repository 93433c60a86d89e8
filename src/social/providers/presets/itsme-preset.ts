/**
 * itsme® (Belgian eID app, OpenID Connect v2 platform): endpoints of production
 * (`idp.prd.itsme.services`) and of the E2E sandbox (`idp.e2e.itsme.services`), from itsme's
 * developer documentation; the strict client profile itsme asks for: private-key JWT signed (RS256)
 * then encrypted (RSA-OAEP, A128CBC-HS256) to itsme's key, PKCE S256, encrypted ID tokens,
 * signed-then-encrypted userinfo. The integrator adds the `service:<CODE>` scope itsme gives them.
 */
import { TRANSFORM_IDS } from '../normalize/transform-ids.ts';
import type { ProviderPreset } from './provider-preset.ts';

/** itsme's environments. */
export type ItsmeEnvironment = 'production' | 'e2e';

/** The host of each environment. */
export const ITSME_HOSTS: Record<ItsmeEnvironment, string> = { production: 'idp.prd.itsme.services', e2e: 'idp.e2e.itsme.services' };

/** The itsme preset of `environment`. */
export function itsmePreset(environment: ItsmeEnvironment): ProviderPreset {
  const base = `https://${ITSME_HOSTS[environment]}/v2`;
  return {
    authenticationIdKey: 'sub',
    authorizationEndpoint: `${base}/authorization`,
    tokenEndpoint: `${base}/token`,
    userInfoEndpoint: `${base}/userinfo`,
    wellKnownEndpoint: `${base}/.well-known/openid-configuration`,
    jwksUriEndpoint: `${base}/jwkSet`,
    issuer: base,
    issuerComparisonCheckType: 'EXACT',
    scopes: ['openid', 'profile', 'email'],
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
    requestObjectAudience: `${base}/authorization`,
    encryptedIdTokens: true,
    userInfoResponseType: 'SIGNED_THEN_ENCRYPTED_JWT',
    enableNativeNonce: true,
    responseMode: 'DEFAULT',
    transform: TRANSFORM_IDS.itsme,
    uiConfig: { buttonDisplayName: 'itsme', buttonImage: 'images/itsme_logo_primary.png', iconClass: 'fa-itsme', iconBackground: '#ff4612', iconFontColor: 'white' },
  };
}

/** The environment a PUT body points at: E2E when any URL it gives is on the E2E host, else production. */
export function itsmeEnvironmentOf(body: Readonly<Record<string, unknown>>): ItsmeEnvironment {
  for (const value of Object.values(body)) {
    if (typeof value !== 'string' || !URL.canParse(value)) continue;
    if (new URL(value).hostname === ITSME_HOSTS.e2e) return 'e2e';
  }
  return 'production';
}
