/**
 * The last checks of a provider write, once the preset and discovery have filled what they can:
 * required fields, and the options that need others (a private-key JWT needs a signing algorithm,
 * an encrypted one also a key-encryption algorithm, a content method and the provider's JWKS…).
 */
import type { SocialProviderConfig } from '../provider-config.ts';
import type { ProviderFieldError } from './provider-errors.ts';
import { isOidcType } from './provider-types.ts';
import type { ProviderDraft } from './read-provider-body.ts';

/** A provider without its secret (the service keeps that apart). */
export type ProviderSettings = Omit<SocialProviderConfig, 'clientSecret'>;

function required(draft: ProviderDraft, errors: ProviderFieldError[]): void {
  const fields = ['clientId', 'authorizationEndpoint', 'tokenEndpoint', 'redirectURI', 'scopes', 'authenticationIdKey'] as const;
  for (const field of fields) if (draft[field] === undefined) errors.push({ field, reason: 'is required' });
  if (draft.scopes?.length === 0) errors.push({ field: 'scopes', reason: 'must name at least one scope' });
  if (isOidcType(draft.type) && draft.issuer === undefined) errors.push({ field: 'issuer', reason: 'is required for an OpenID Connect provider (or a wellKnownEndpoint that gives it)' });
}

function dependencies(draft: ProviderDraft, errors: ProviderFieldError[]): void {
  const method = draft.clientAuthenticationMethod;
  const requestObjects = draft.jwtRequestParameterOption === 'VALUE' || draft.jwtRequestParameterOption === 'REFERENCE';
  const encrypts = method === 'ENCRYPTED_PRIVATE_KEY_JWT' || (requestObjects && draft.encryptJwtRequestParameter === true);
  const why = method === 'ENCRYPTED_PRIVATE_KEY_JWT' ? 'ENCRYPTED_PRIVATE_KEY_JWT' : 'encrypted request objects';
  if (encrypts) {
    if (draft.jwtEncryptionAlgorithm === undefined || draft.jwtEncryptionAlgorithm === 'NONE') errors.push({ field: 'jwtEncryptionAlgorithm', reason: `must name an algorithm for ${why}` });
    if (draft.jwtEncryptionMethod === undefined || draft.jwtEncryptionMethod === 'NONE') errors.push({ field: 'jwtEncryptionMethod', reason: `must name a method for ${why}` });
  }
  const direct = draft.jwtEncryptionAlgorithm === 'dir' && encrypts;
  const signs = method === 'PRIVATE_KEY_JWT' || method === 'ENCRYPTED_PRIVATE_KEY_JWT' || requestObjects;
  if (signs && !direct && (draft.jwtSigningAlgorithm === undefined || draft.jwtSigningAlgorithm === 'NONE')) {
    errors.push({ field: 'jwtSigningAlgorithm', reason: `must name an algorithm for ${requestObjects && method !== 'PRIVATE_KEY_JWT' && method !== 'ENCRYPTED_PRIVATE_KEY_JWT' ? 'request objects' : method}` });
  }
  const needsKeys = (encrypts && !direct) || draft.userInfoResponseType === 'SIGNED_JWT' || draft.userInfoResponseType === 'SIGNED_THEN_ENCRYPTED_JWT';
  if (needsKeys && draft.jwksUriEndpoint === undefined) errors.push({ field: 'jwksUriEndpoint', reason: 'is required to encrypt to the provider or verify its signed userinfo' });
  if (draft.issuerComparisonCheckType === 'REGEX' && draft.issuer !== undefined) {
    try {
      new RegExp(draft.issuer);
    } catch {
      errors.push({ field: 'issuer', reason: 'is not a valid regular expression (issuerComparisonCheckType is REGEX)' });
    }
  }
}

/** The complete settings, or every field still wrong. */
export function completeProvider(draft: ProviderDraft): { settings?: ProviderSettings; errors: ProviderFieldError[] } {
  const errors: ProviderFieldError[] = [];
  required(draft, errors);
  dependencies(draft, errors);
  if (errors.length > 0) return { errors };
  const { clientId = '', authorizationEndpoint = '', tokenEndpoint = '', redirectURI = '', scopes = [], authenticationIdKey = '' } = draft;
  const settings: ProviderSettings = {
    ...draft,
    enabled: draft.enabled ?? true,
    clientId,
    authorizationEndpoint,
    tokenEndpoint,
    redirectURI,
    scopes,
    authenticationIdKey,
    issuerComparisonCheckType: draft.issuerComparisonCheckType ?? 'EXACT',
    scopeDelimiter: draft.scopeDelimiter ?? ' ',
    acrValues: draft.acrValues ?? [],
    clientAuthenticationMethod: draft.clientAuthenticationMethod ?? 'CLIENT_SECRET_POST',
    jwtSigningAlgorithm: draft.jwtSigningAlgorithm ?? 'NONE',
    jwtEncryptionAlgorithm: draft.jwtEncryptionAlgorithm ?? 'NONE',
    jwtEncryptionMethod: draft.jwtEncryptionMethod ?? 'NONE',
    privateKeyJwtExpTime: draft.privateKeyJwtExpTime ?? 600,
    pkceMethod: draft.pkceMethod ?? 'S256',
    jwtRequestParameterOption: draft.jwtRequestParameterOption ?? 'NONE',
    encryptJwtRequestParameter: draft.encryptJwtRequestParameter ?? false,
    encryptedIdTokens: draft.encryptedIdTokens ?? false,
    userInfoResponseType: draft.userInfoResponseType ?? 'JSON',
    enableNativeNonce: draft.enableNativeNonce ?? true,
    responseMode: draft.responseMode ?? 'DEFAULT',
    uiConfig: draft.uiConfig ?? {},
  };
  return { settings, errors };
}
