/**
 * Reads AM's JSON of one provider instance into a draft of `SocialProviderConfig`, field by field,
 * collecting every bad field (the body is hostile: own properties only, sizes bounded). The preset
 * of the type fills what the body leaves out (absent, `null`, or an empty optional text). Keys AM
 * knows but Arbor does not act on are kept in `passthrough`; any other key is a bad field.
 */
import {
  CLIENT_AUTHENTICATION_METHODS,
  ISSUER_COMPARISON_CHECK_TYPES,
  JWT_ENCRYPTION_METHODS,
  PKCE_METHODS,
  type ProviderType,
  REQUEST_PARAMETER_OPTIONS,
  RESPONSE_MODES,
  type SocialProviderConfig,
  USER_INFO_RESPONSE_TYPES,
} from '../provider-config.ts';
import { isUnsafeKey } from '../../json/unsafe-keys.ts';
import type { ProviderFieldError } from './provider-errors.ts';
import { presetFor } from './presets/provider-presets.ts';

/** The largest provider JSON accepted, in UTF-8 bytes. */
export const MAX_PROVIDER_BYTES = 64 * 1024;
const MAX_URL = 2048;
const MAX_TEXT = 1024;
const MAX_SECRET = 4096;
const MAX_CLAIMS = 16 * 1024;
const MAX_LIST = 64;
const MAX_UI_KEYS = 32;
const MAX_UI_VALUE = 16 * 1024;

/** JWS algorithms a client may sign with (`NONE`: no signature, for `dir` encryption). */
export const JWT_SIGNING_ALGORITHMS = ['NONE', 'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
/** JWE key management algorithms (`RSA1_5` is refused: no current JOSE library supports it). */
export const JWT_ENCRYPTION_ALGORITHMS = ['NONE', 'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW', 'A128KW', 'A192KW', 'A256KW', 'dir'] as const;
const REVOCATION_OPTIONS = ['ONLY_END_ENTITY', 'PREFER_CRLS', 'NO_FALLBACK', 'SOFT_FAIL', 'DISABLE_REVOCATION_CHECKING'] as const;

/** AM keys kept as they are and returned, not acted on. */
const PASSTHROUGH: Record<string, 'boolean' | 'text' | 'url' | 'revocation'> = {
  revocationCheckOptions: 'revocation',
  useCustomTrustStore: 'boolean',
  clientSecretLabelIdentifier: 'text',
  requestNativeAppForUserInfo: 'boolean',
  emailAddressEndpoint: 'url',
  refreshTokenEndpoint: 'url',
  requestTokenEndpoint: 'url',
  apiVersion: 'text',
};

/** The body's identity keys: checked against the path, never stored from the body. */
const IDENTITY_KEYS = new Set(['_id', '_type', '_rev']);

/** A provider read from a body: typed fields, each optional until `completeProvider` checks the required ones. */
export type ProviderDraft = Partial<Omit<SocialProviderConfig, 'name' | 'type' | 'clientSecret' | 'passthrough'>> & {
  name: string;
  type: ProviderType;
  passthrough: Record<string, unknown>;
};

/** What the body says of the secret: keep the stored one, replace it, or remove it. */
export type SecretChange = { kind: 'keep' } | { kind: 'set'; value: string } | { kind: 'clear' };

/** The draft, the secret change and every bad field. */
export interface ReadProvider {
  draft: ProviderDraft;
  secret: SecretChange;
  errors: ProviderFieldError[];
}

const CONTROL = /[\u0000-\u001f\u007f]/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A provider name (the path's last segment): 1–128 characters, no `/`, no control characters. */
export function providerNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 128) return 'must be 1 to 128 characters';
  if (name.includes('/') || CONTROL.test(name)) return 'must not contain "/" or control characters';
  if (name === '.' || name === '..' || isUnsafeKey(name)) return `"${name}" is not allowed`;
  return undefined;
}

/** The problem of a URL that must be absolute http(s), or undefined. */
export function httpUrlProblem(value: string): string | undefined {
  if (value.length > MAX_URL) return `must be at most ${MAX_URL} characters`;
  if (!URL.canParse(value)) return 'must be an absolute http(s) URL';
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an absolute http(s) URL';
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  if (url.hash !== '') return 'must not have a fragment';
  return undefined;
}

/** A redirect URI: absolute http(s), or a native app's custom scheme (`com.example.app:/cb`); never script, data or file. */
function redirectProblem(value: string): string | undefined {
  if (value.length > MAX_URL) return `must be at most ${MAX_URL} characters`;
  if (!URL.canParse(value)) return 'must be an absolute URL';
  const url = new URL(value);
  if (['javascript:', 'data:', 'vbscript:', 'file:', 'blob:'].includes(url.protocol)) return `must not use the ${url.protocol} scheme`;
  if (url.hash !== '') return 'must not have a fragment';
  return url.protocol === 'https:' || url.protocol === 'http:' ? httpUrlProblem(value) : undefined;
}

class FieldReader {
  readonly errors: ProviderFieldError[] = [];
  private readonly values: Readonly<Record<string, unknown>>;
  constructor(values: Readonly<Record<string, unknown>>) {
    this.values = values;
  }

  fail(field: string, reason: string): undefined {
    this.errors.push({ field, reason });
    return undefined;
  }

  /** The value, or undefined when absent, null, or an empty text. */
  present(field: string): unknown {
    const value = Object.hasOwn(this.values, field) ? this.values[field] : undefined;
    return value === null || value === '' ? undefined : value;
  }

  text(field: string, max = MAX_TEXT): string | undefined {
    const value = this.present(field);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.fail(field, 'must be a string');
    if (value.length > max) return this.fail(field, `must be at most ${max} characters`);
    if (CONTROL.test(value)) return this.fail(field, 'must not contain control characters');
    return value;
  }

  url(field: string): string | undefined {
    const value = this.text(field, MAX_URL);
    if (value === undefined) return undefined;
    const problem = httpUrlProblem(value);
    return problem === undefined ? value : this.fail(field, problem);
  }

  redirect(field: string): string | undefined {
    const value = this.text(field, MAX_URL);
    if (value === undefined) return undefined;
    const problem = redirectProblem(value);
    return problem === undefined ? value : this.fail(field, problem);
  }

  boolean(field: string): boolean | undefined {
    const value = this.present(field);
    if (value === undefined) return undefined;
    return typeof value === 'boolean' ? value : this.fail(field, 'must be true or false');
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.present(field);
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(field, `must be one of ${allowed.join(', ')}`);
  }

  integer(field: string, min: number, max: number): number | undefined {
    const value = this.present(field);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return this.fail(field, `must be a whole number from ${min} to ${max}`);
    return value;
  }

  list(field: string, max = MAX_LIST): string[] | undefined {
    const value = this.present(field);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.fail(field, 'must be a list of strings');
    if (value.length > max) return this.fail(field, `must have at most ${max} entries`);
    for (const [index, item] of value.entries()) {
      if (typeof item !== 'string' || item === '' || item.length > 256 || CONTROL.test(item)) return this.fail(field, `entry ${index} must be a non-empty string of at most 256 characters`);
    }
    return [...value] as string[];
  }
}

function readEncryptionMethod(reader: FieldReader): SocialProviderConfig['jwtEncryptionMethod'] | undefined {
  const value = reader.present('jwtEncryptionMethod');
  if (value === undefined) return undefined;
  if (value === 'NONE') return 'NONE';
  if (typeof value === 'string') {
    if (Object.hasOwn(JWT_ENCRYPTION_METHODS, value)) return value as keyof typeof JWT_ENCRYPTION_METHODS;
    // The JOSE name (`A128CBC-HS256`) is accepted and stored under AM's name.
    const byJose = Object.entries(JWT_ENCRYPTION_METHODS).find(([, jose]) => jose === value);
    if (byJose !== undefined) return byJose[0] as keyof typeof JWT_ENCRYPTION_METHODS;
  }
  return reader.fail('jwtEncryptionMethod', `must be NONE or one of ${Object.keys(JWT_ENCRYPTION_METHODS).join(', ')}`);
}

function readClaims(reader: FieldReader): string | undefined {
  const value = reader.present('claims');
  if (value === undefined) return undefined;
  const text = isRecord(value) ? JSON.stringify(value) : value;
  if (typeof text !== 'string') return reader.fail('claims', 'must be a JSON object (as text)');
  if (text.length > MAX_CLAIMS) return reader.fail('claims', `must be at most ${MAX_CLAIMS} characters`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return reader.fail('claims', 'must be a JSON object (as text)');
  }
  if (!isRecord(parsed)) return reader.fail('claims', 'must be a JSON object (as text)');
  for (const member of Object.keys(parsed)) {
    if (member !== 'userinfo' && member !== 'id_token') return reader.fail('claims', `may hold only "userinfo" and "id_token", not "${member}"`);
  }
  return text;
}

function readUiConfig(reader: FieldReader): Record<string, string> | undefined {
  const value = reader.present('uiConfig');
  if (value === undefined) return undefined;
  if (!isRecord(value)) return reader.fail('uiConfig', 'must be an object of strings');
  const entries = Object.entries(value);
  if (entries.length > MAX_UI_KEYS) return reader.fail('uiConfig', `must have at most ${MAX_UI_KEYS} properties`);
  const ui: Record<string, string> = {};
  for (const [key, item] of entries) {
    if (isUnsafeKey(key)) return reader.fail(`uiConfig.${key}`, 'is not an allowed name');
    if (typeof item !== 'string' || item.length > MAX_UI_VALUE) return reader.fail(`uiConfig.${key}`, `must be a string of at most ${MAX_UI_VALUE} characters`);
    ui[key] = item;
  }
  return ui;
}

function readSecret(body: Readonly<Record<string, unknown>>, reader: FieldReader): SecretChange {
  const value = Object.hasOwn(body, 'clientSecret') ? body.clientSecret : undefined;
  if (value === undefined || value === null) return { kind: 'keep' };
  if (typeof value !== 'string') {
    reader.fail('clientSecret', 'must be a string');
    return { kind: 'keep' };
  }
  if (value === '') return { kind: 'clear' };
  if (value.length > MAX_SECRET || CONTROL.test(value)) {
    reader.fail('clientSecret', `must be at most ${MAX_SECRET} characters, without control characters`);
    return { kind: 'keep' };
  }
  return { kind: 'set', value };
}

function readPassthrough(reader: FieldReader): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(PASSTHROUGH)) {
    let value: unknown;
    if (kind === 'boolean') value = reader.boolean(key);
    else if (kind === 'text') value = reader.text(key);
    else if (kind === 'url') value = reader.url(key);
    else {
      const list = reader.list(key, REVOCATION_OPTIONS.length);
      const bad = list?.find((item) => !(REVOCATION_OPTIONS as readonly string[]).includes(item));
      value = bad === undefined ? list : reader.fail(key, `entries must be among ${REVOCATION_OPTIONS.join(', ')}`);
    }
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}

/** The keys of AM's provider JSON that Arbor reads (the config's own and the passthrough ones). */
export const KNOWN_PROVIDER_KEYS: readonly string[] = [
  'enabled', 'clientId', 'clientSecret', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint', 'introspectEndpoint', 'wellKnownEndpoint',
  'jwksUriEndpoint', 'issuer', 'issuerComparisonCheckType', 'redirectURI', 'redirectAfterFormPostURI', 'scopes', 'scopeDelimiter', 'acrValues',
  'clientAuthenticationMethod', 'jwtSigningAlgorithm', 'jwtEncryptionAlgorithm', 'jwtEncryptionMethod', 'privateKeyJwtExpTime', 'pkceMethod',
  'jwtRequestParameterOption', 'encryptJwtRequestParameter', 'requestObjectAudience', 'privateKeyJwtAudience', 'encryptedIdTokens',
  'userInfoResponseType', 'enableNativeNonce', 'claims', 'responseMode', 'authenticationIdKey', 'transform', 'uiConfig', ...Object.keys(PASSTHROUGH),
];

function utf8Length(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * Reads `body` (AM's JSON) as a provider `name` of `type`. With `preset`, the type's preset fills
 * what the body leaves out (a REST PUT, a journey import); without, the body must be complete (a
 * stored document).
 */
export function readProviderBody(type: ProviderType, name: string, body: unknown, options: { preset: boolean }): ReadProvider {
  const draft: ProviderDraft = { name, type, passthrough: {} };
  const errors: ProviderFieldError[] = [];
  const nameProblem = providerNameProblem(name);
  if (nameProblem !== undefined) errors.push({ field: '_id', reason: nameProblem });
  if (!isRecord(body)) return { draft, secret: { kind: 'keep' }, errors: [...errors, { field: '', reason: 'the body must be a JSON object' }] };
  if (utf8Length(body) > MAX_PROVIDER_BYTES) return { draft, secret: { kind: 'keep' }, errors: [...errors, { field: '', reason: `the body must be at most ${MAX_PROVIDER_BYTES} bytes` }] };

  const identity = new FieldReader(body);
  const bodyId = identity.present('_id');
  if (bodyId !== undefined && bodyId !== name) identity.fail('_id', `must be the name in the path ("${name}")`);
  const bodyType = identity.present('_type');
  const typeId = isRecord(bodyType) && Object.hasOwn(bodyType, '_id') ? bodyType._id : bodyType;
  if (bodyType !== undefined && typeId !== type) identity.fail('_type', `must be the type in the path ("${type}")`);
  for (const key of Object.keys(body)) {
    if (!IDENTITY_KEYS.has(key) && !KNOWN_PROVIDER_KEYS.includes(key)) identity.fail(key, 'is not an attribute of a social identity provider');
  }
  errors.push(...identity.errors);

  const merged: Record<string, unknown> = options.preset ? presetFor(type, body) : {};
  for (const [key, value] of Object.entries(body)) {
    if (KNOWN_PROVIDER_KEYS.includes(key) && value !== null && value !== undefined && !(value === '' && key !== 'scopeDelimiter')) merged[key] = value;
  }
  const reader = new FieldReader(merged);
  const set = <K extends keyof ProviderDraft>(key: K, value: ProviderDraft[K] | undefined): void => {
    if (value !== undefined) draft[key] = value;
  };
  set('enabled', reader.boolean('enabled'));
  set('clientId', reader.text('clientId'));
  for (const key of ['authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint', 'introspectEndpoint', 'wellKnownEndpoint', 'jwksUriEndpoint'] as const) set(key, reader.url(key));
  set('issuerComparisonCheckType', reader.oneOf('issuerComparisonCheckType', ISSUER_COMPARISON_CHECK_TYPES));
  set('issuer', reader.text('issuer', MAX_URL));
  set('redirectURI', reader.redirect('redirectURI'));
  set('redirectAfterFormPostURI', reader.redirect('redirectAfterFormPostURI'));
  set('scopes', reader.list('scopes'));
  const delimiter = Object.hasOwn(merged, 'scopeDelimiter') ? merged.scopeDelimiter : undefined;
  if (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter.length !== 1)) reader.fail('scopeDelimiter', 'must be one character (a space or a comma)');
  else if (typeof delimiter === 'string') draft.scopeDelimiter = delimiter;
  set('acrValues', reader.list('acrValues'));
  set('clientAuthenticationMethod', reader.oneOf('clientAuthenticationMethod', CLIENT_AUTHENTICATION_METHODS));
  set('jwtSigningAlgorithm', reader.oneOf('jwtSigningAlgorithm', JWT_SIGNING_ALGORITHMS));
  set('jwtEncryptionAlgorithm', reader.oneOf('jwtEncryptionAlgorithm', JWT_ENCRYPTION_ALGORITHMS));
  set('jwtEncryptionMethod', readEncryptionMethod(reader));
  set('privateKeyJwtExpTime', reader.integer('privateKeyJwtExpTime', 1, 86_400));
  set('pkceMethod', reader.oneOf('pkceMethod', PKCE_METHODS));
  set('jwtRequestParameterOption', reader.oneOf('jwtRequestParameterOption', REQUEST_PARAMETER_OPTIONS));
  set('encryptJwtRequestParameter', reader.boolean('encryptJwtRequestParameter'));
  set('requestObjectAudience', reader.text('requestObjectAudience', MAX_URL));
  set('privateKeyJwtAudience', reader.text('privateKeyJwtAudience', MAX_URL));
  set('encryptedIdTokens', reader.boolean('encryptedIdTokens'));
  set('userInfoResponseType', reader.oneOf('userInfoResponseType', USER_INFO_RESPONSE_TYPES));
  set('enableNativeNonce', reader.boolean('enableNativeNonce'));
  set('claims', readClaims(reader));
  set('responseMode', reader.oneOf('responseMode', RESPONSE_MODES));
  set('authenticationIdKey', reader.text('authenticationIdKey', 256));
  set('transform', reader.text('transform', 256));
  set('uiConfig', readUiConfig(reader));
  draft.passthrough = readPassthrough(reader);
  const secret = readSecret(body, reader);
  errors.push(...reader.errors);
  return { draft, secret, errors };
}
