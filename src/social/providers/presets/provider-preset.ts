/**
 * A preset: the values a provider type starts with, in AM's JSON keys. A PUT of that `_type` that
 * leaves a field out gets the preset's value (and, below it, the defaults every type shares).
 */
import type { ProviderType } from '../../provider-config.ts';
import { isOidcType } from '../provider-types.ts';

/** Default values in AM's keys. */
export type ProviderPreset = Readonly<Record<string, unknown>>;

/** What every type starts with (AM's defaults for a new client). */
export function commonDefaults(type: ProviderType): ProviderPreset {
  const oidc = isOidcType(type);
  return {
    enabled: true,
    issuerComparisonCheckType: 'EXACT',
    scopeDelimiter: ' ',
    acrValues: [],
    clientAuthenticationMethod: 'CLIENT_SECRET_POST',
    jwtSigningAlgorithm: 'NONE',
    jwtEncryptionAlgorithm: 'NONE',
    jwtEncryptionMethod: 'NONE',
    privateKeyJwtExpTime: 600,
    pkceMethod: 'S256',
    jwtRequestParameterOption: 'NONE',
    encryptJwtRequestParameter: false,
    encryptedIdTokens: false,
    userInfoResponseType: 'JSON',
    enableNativeNonce: true,
    responseMode: 'DEFAULT',
    authenticationIdKey: oidc ? 'sub' : 'id',
    uiConfig: {},
  };
}
