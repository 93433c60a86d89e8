/**
 * How a provider is stored and shown. Storage: one configuration document per provider, id
 * `realm/<realm>/socialIdentityProviders/<type>/<name, URI-encoded>`, holding AM's JSON (`_id`,
 * `_type`, every set field, the passthrough keys) with `clientSecret` as a sealed `$crypto`
 * envelope. Shown (REST GET, exports): the same JSON without `clientSecret`.
 */
import type { ProviderType } from '../provider-config.ts';
import type { ProviderSettings } from './complete-provider.ts';
import { isProviderType, providerTypeRef } from './provider-types.ts';

/** AM's JSON of a provider, as the REST API returns it. */
export type ProviderJson = Record<string, unknown>;

/** The prefix of every provider document of `realm`. */
export function realmPrefix(realm: string): string {
  return `realm/${realm}/socialIdentityProviders/`;
}

/** The document id of a provider. */
export function providerDocumentId(realm: string, type: ProviderType, name: string): string {
  return `${realmPrefix(realm)}${type}/${encodeURIComponent(name)}`;
}

/** The type and name of a document id under `realm`, or undefined for an id of another shape. */
export function parseProviderDocumentId(realm: string, id: string): { type: ProviderType; name: string } | undefined {
  const rest = id.slice(realmPrefix(realm).length);
  const slash = rest.indexOf('/');
  const type = rest.slice(0, slash);
  if (!id.startsWith(realmPrefix(realm)) || slash < 0 || !isProviderType(type)) return undefined;
  try {
    return { type, name: decodeURIComponent(rest.slice(slash + 1)) };
  } catch {
    return undefined;
  }
}

/** The order AM's keys are written in. */
const KEY_ORDER = [
  'enabled', 'clientId', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint', 'introspectEndpoint', 'wellKnownEndpoint', 'jwksUriEndpoint',
  'issuer', 'issuerComparisonCheckType', 'redirectURI', 'redirectAfterFormPostURI', 'scopes', 'scopeDelimiter', 'acrValues', 'clientAuthenticationMethod',
  'jwtSigningAlgorithm', 'jwtEncryptionAlgorithm', 'jwtEncryptionMethod', 'privateKeyJwtExpTime', 'privateKeyJwtAudience', 'pkceMethod',
  'jwtRequestParameterOption', 'encryptJwtRequestParameter', 'requestObjectAudience', 'encryptedIdTokens', 'userInfoResponseType', 'enableNativeNonce',
  'claims', 'responseMode', 'authenticationIdKey', 'transform', 'uiConfig',
] as const;

/** AM's JSON of `settings` (no secret). */
export function providerJson(settings: ProviderSettings): ProviderJson {
  const json: ProviderJson = { _id: settings.name, _type: providerTypeRef(settings.type) };
  for (const key of KEY_ORDER) {
    const value = settings[key];
    if (value !== undefined) json[key] = structuredClone(value);
  }
  for (const [key, value] of Object.entries(settings.passthrough)) json[key] = structuredClone(value);
  return json;
}

/** `document` without its sealed secret: what GET returns. */
export function withoutSecret(document: Readonly<Record<string, unknown>>): ProviderJson {
  const { clientSecret: _secret, ...rest } = document;
  return structuredClone(rest);
}
