/**
 * Reads AM's JSON of one OAuth 2.0 client (`realm-config/agents/OAuth2Client/<id>`) into Arbor's
 * model, collecting every bad field. The body is hostile: own properties only, its size bounded,
 * every list and text bounded. Values may be plain or wrapped as newer AM and Identity Cloud
 * export them (`{"inherited": false, "value": …}`), nested in AM's sections or flat (AM accepts
 * both). AM attributes Arbor keeps but does not act on are checked for shape and kept; a setting
 * that would promise more protection than Arbor gives (encrypted ID tokens, mTLS-bound tokens,
 * PAR required…) is refused rather than silently ignored; any other key is a bad field.
 * Scopes written through the REST API must be scopes the provider can grant (registrable-scope.ts),
 * and their display texts (`name|locale|description`) usable ones (scope-entry.ts). A stored
 * document is read without those limits (`stored`), so that a client stored before them keeps
 * working; it meets them at its next write.
 */
import { isUnsafeKey } from '../json/unsafe-keys.ts';
import {
  AM_RESPONSE_TYPES,
  ASSERTION_ALGORITHMS,
  AUTH_METHODS,
  type AuthMethod,
  CLIENT_SECTIONS,
  CLIENT_STATUSES,
  CLIENT_TYPES,
  type ClientSection,
  GRANT_TYPES,
  type GrantType,
  ID_TOKEN_ALGORITHMS,
  type OAuth2Client,
  PUBLIC_KEY_LOCATIONS,
  type PublicJwkSet,
  scopeName,
} from './oauth2-client.ts';
import type { ClientFieldError } from './oauth2-client-errors.ts';
import { customScopeCountProblem, scopeNameProblem } from './registrable-scope.ts';
import { scopeEntryProblem } from './scope-entry.ts';

/** The largest client JSON accepted, in UTF-8 bytes. */
export const MAX_CLIENT_BYTES = 64 * 1024;
const MAX_URL = 2048;
const MAX_TEXT = 1024;
const MAX_KEPT_TEXT = 8192;
const MAX_LIST = 64;
const MAX_SCOPES = 128;
const MAX_SECRET = 4096;
/** The shortest secret accepted from an administrator. */
export const MIN_SECRET = 8;
const MAX_JWKS_BYTES = 16 * 1024;
const MAX_JWKS_KEYS = 16;

/** What a client id may be: 1–128 of letters, digits, `.`, `_`, `~` and `-`. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;

/** The problem of a client id, or undefined. */
export function clientIdProblem(id: string): string | undefined {
  if (!CLIENT_ID_PATTERN.test(id)) return 'must be 1 to 128 letters, digits, ".", "_", "~" or "-"';
  if (id === '.' || id === '..') return `"${id}" is not allowed`;
  return undefined;
}

/** How a kept attribute is checked; `refuse` returns why a value cannot be honoured. */
interface KeptRule {
  kind: 'text' | 'boolean' | 'integer' | 'list';
  refuse?: (value: unknown) => string | undefined;
}

const text: KeptRule = { kind: 'text' };
const flag: KeptRule = { kind: 'boolean' };
const whole: KeptRule = { kind: 'integer' };
const list: KeptRule = { kind: 'list' };
const unless = (kind: KeptRule['kind'], refused: (value: unknown) => boolean, reason: string): KeptRule => ({ kind, refuse: (value) => (refused(value) ? reason : undefined) });

/** The attributes each section's reader acts on. */
const ACTED: Record<ClientSection, readonly string[]> = {
  coreOAuth2ClientConfig: ['userpassword', 'clientType', 'status', 'redirectionUris', 'scopes', 'defaultScopes', 'clientName', 'accessTokenLifetime', 'refreshTokenLifetime', 'authorizationCodeLifetime'],
  advancedOAuth2ClientConfig: ['grantTypes', 'responseTypes', 'tokenEndpointAuthMethod', 'isConsentImplied', 'javascriptOrigins', 'descriptions'],
  signEncOAuth2ClientConfig: ['publicKeyLocation', 'jwksUri', 'jwkSet', 'idTokenSignedResponseAlg', 'tokenEndpointAuthSigningAlgorithm'],
  coreOpenIDClientConfig: ['postLogoutRedirectUri', 'backchannel_logout_uri', 'backchannel_logout_session_required', 'clientSessionUri', 'defaultMaxAge', 'defaultMaxAgeEnabled'],
  coreUmaClientConfig: [],
  overrideOAuth2ClientConfig: [],
};

/** AM attributes kept as given (and returned), not acted on; some values refused. */
const KEPT: Record<Exclude<ClientSection, 'overrideOAuth2ClientConfig'>, Record<string, KeptRule>> = {
  coreOAuth2ClientConfig: {
    agentgroup: unless('text', (value) => value !== undefined, 'Arbor has no agent groups: give the settings on the client itself'),
    loopbackInterfaceRedirection: unless('boolean', (value) => value === true, 'Arbor matches redirect URIs exactly (any loopback port is not accepted)'),
    secretLabelIdentifier: text,
    authorizationDetailTypes: list,
  },
  advancedOAuth2ClientConfig: {
    acceptedJwtIssuers: list,
    allowedResourceServerAudienceValues: list,
    clientUri: list,
    contacts: list,
    customProperties: list,
    introspectionPolicySets: list,
    logoUri: list,
    mixUpMitigation: flag,
    name: list,
    policyUri: list,
    refreshTokenGracePeriod: whole,
    requestUris: list,
    require_pushed_authorization_requests: unless('boolean', (value) => value === true, 'Arbor does not offer pushed authorization requests'),
    sectorIdentifierUri: text,
    softwareIdentity: text,
    softwareVersion: text,
    subjectType: unless('text', (value) => typeof value === 'string' && value.toLowerCase() === 'pairwise', 'Arbor issues public subject identifiers only'),
    tlsCaSecretLabelIdentifier: text,
    tokenExchangeAuthLevel: whole,
    tosURI: list,
    treeName: text,
    updateAccessToken: text,
  },
  signEncOAuth2ClientConfig: {
    authorizationResponseEncryptionAlgorithm: text,
    authorizationResponseEncryptionMethod: text,
    authorizationResponseSigningAlgorithm: text,
    clientJwtPublicKey: text,
    idTokenEncryptionAlgorithm: text,
    idTokenEncryptionEnabled: unless('boolean', (value) => value === true, 'Arbor does not encrypt ID tokens'),
    idTokenEncryptionMethod: text,
    idTokenPublicEncryptionKey: text,
    jwkStoreCacheMissCacheTime: whole,
    jwksCacheTimeout: whole,
    mTLSCertificateBoundAccessTokens: unless('boolean', (value) => value === true, 'Arbor does not bind tokens to TLS client certificates'),
    mTLSSubjectDN: text,
    mTLSTrustedCert: text,
    requestParameterEncryptedAlg: text,
    requestParameterEncryptedEncryptionAlgorithm: text,
    requestParameterSignedAlg: text,
    tokenIntrospectionEncryptedResponseAlg: text,
    tokenIntrospectionEncryptedResponseEncryptionAlgorithm: text,
    tokenIntrospectionResponseFormat: text,
    tokenIntrospectionSignedResponseAlg: text,
    userinfoEncryptedResponseAlg: unless('text', (value) => value !== undefined, 'Arbor does not encrypt userinfo responses'),
    userinfoEncryptedResponseEncryptionAlgorithm: text,
    userinfoResponseFormat: text,
    userinfoSignedResponseAlg: text,
  },
  coreOpenIDClientConfig: { claims: list, defaultAcrValues: list, jwtTokenLifetime: whole },
  coreUmaClientConfig: { claimsRedirectionUris: list },
};

/** Attributes older AM versions wrote in another section: read where Arbor reads them. */
const MOVED: Record<string, { from: ClientSection; to: ClientSection }> = {
  backchannel_logout_uri: { from: 'coreOAuth2ClientConfig', to: 'coreOpenIDClientConfig' },
  backchannel_logout_session_required: { from: 'coreOAuth2ClientConfig', to: 'coreOpenIDClientConfig' },
};

/** AM's encrypted copy of the secret in its exports: Arbor cannot open it and drops it. */
const DROPPED = new Set(['userpassword-encrypted']);

const IDENTITY_KEYS = new Set(['_id', '_rev', '_type']);
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

/** Why some grant types are refused. */
const REFUSED_GRANTS: Record<string, string> = {
  implicit:
    'the implicit grant is refused: it returns tokens in the redirect URL, where browser history, logs and referrers leak them (the OAuth 2.0 Security Best Current Practice forbids it); use authorization_code with PKCE',
  password: "the resource owner password grant is refused: it gives the user's password to the application and skips the sign-in journey (MFA, lockout, consent); use authorization_code",
};

/** Why some authentication methods are refused. */
const REFUSED_METHODS: Record<string, string> = {
  client_secret_jwt: 'client_secret_jwt is not supported: use private_key_jwt, or client_secret_basic',
  tls_client_auth: 'mutual TLS client authentication is not supported',
  self_signed_tls_client_auth: 'mutual TLS client authentication is not supported',
};

/** What the body says of the secret. */
export type SecretChange = { kind: 'keep' } | { kind: 'set'; value: string } | { kind: 'clear' };

/** The client, the secret change and every bad field. */
export interface ReadOAuth2Client {
  client: OAuth2Client;
  secret: SecretChange;
  errors: ClientFieldError[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{inherited, value}` as its value; anything else as it is; `null` as undefined. */
export function unwrapAmValue(value: unknown): unknown {
  if (isRecord(value) && Object.hasOwn(value, 'inherited') && Object.keys(value).every((key) => key === 'inherited' || key === 'value')) {
    return Object.hasOwn(value, 'value') ? unwrapAmValue(value.value) : undefined;
  }
  return value === null ? undefined : value;
}

/** The problem of an absolute http(s) URL without credentials or fragment, or undefined. */
function httpUrlProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return 'must be an absolute http(s) URL';
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an absolute http(s) URL';
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  if (value.includes('#')) return 'must not have a fragment';
  return undefined;
}

/** A redirect URI: absolute, no fragment; http(s), or a native app's own scheme (never script, data or file). */
function redirectProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return 'must be an absolute URI';
  const url = new URL(value);
  if (value.includes('#')) return 'must not have a fragment';
  if (['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:'].includes(url.protocol)) return `must not use the ${url.protocol} scheme`;
  return url.protocol === 'https:' || url.protocol === 'http:' ? httpUrlProblem(value) : undefined;
}

/** Reads one section's attributes (already unwrapped), naming fields `section.key`. */
class SectionReader {
  private readonly values: Readonly<Record<string, unknown>>;
  private readonly section: string;
  private readonly errors: ClientFieldError[];
  constructor(section: string, values: Readonly<Record<string, unknown>>, errors: ClientFieldError[]) {
    this.section = section;
    this.values = values;
    this.errors = errors;
  }

  field(key: string): string {
    return `${this.section}.${key}`;
  }

  fail(key: string, reason: string): undefined {
    this.errors.push({ field: this.field(key), reason });
    return undefined;
  }

  /** The value, or undefined when absent, null or an empty text. */
  present(key: string): unknown {
    const value = Object.hasOwn(this.values, key) ? this.values[key] : undefined;
    return value === '' ? undefined : value;
  }

  text(key: string, max = MAX_TEXT, control = CONTROL): string | undefined {
    const value = this.present(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.fail(key, 'must be a string');
    if (value.length > max) return this.fail(key, `must be at most ${max} characters`);
    if (control.test(value)) return this.fail(key, 'must not contain control characters');
    return value;
  }

  url(key: string): string | undefined {
    const value = this.text(key, MAX_URL);
    if (value === undefined) return undefined;
    const problem = httpUrlProblem(value);
    return problem === undefined ? value : this.fail(key, problem);
  }

  boolean(key: string): boolean | undefined {
    const value = this.present(key);
    if (value === undefined) return undefined;
    return typeof value === 'boolean' ? value : this.fail(key, 'must be true or false');
  }

  integer(key: string, min: number, max: number, hint = ''): number | undefined {
    const value = this.present(key);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return this.fail(key, `must be a whole number from ${min} to ${max}${hint}`);
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], refused: Record<string, string> = {}): T | undefined {
    const value = this.present(key);
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    if (typeof value === 'string' && Object.hasOwn(refused, value)) return this.fail(key, refused[value] ?? '');
    return this.fail(key, `must be one of ${allowed.join(', ')}`);
  }

  /** A list of non-empty strings (each checked by `check`, which returns a problem); a lone string is a list of one. */
  list(key: string, options: { max?: number; itemMax?: number; check?: (item: string) => string | undefined } = {}): string[] | undefined {
    const raw = this.present(key);
    if (raw === undefined) return undefined;
    const value = typeof raw === 'string' ? [raw] : raw;
    const max = options.max ?? MAX_LIST;
    const itemMax = options.itemMax ?? MAX_URL;
    if (!Array.isArray(value)) return this.fail(key, 'must be a list of strings');
    if (value.length > max) return this.fail(key, `must have at most ${max} entries`);
    const items: string[] = [];
    for (const [index, item] of value.entries()) {
      if (typeof item !== 'string' || item === '' || item.length > itemMax || CONTROL.test(item)) return this.fail(key, `entry ${index} must be a non-empty string of at most ${itemMax} characters`);
      const problem = options.check?.(item);
      if (problem !== undefined) return this.fail(key, `${JSON.stringify(item.slice(0, 80))}: ${problem}`);
      if (!items.includes(item)) items.push(item);
    }
    return items;
  }

  kept(key: string, rule: KeptRule): unknown {
    const value = this.present(key);
    const read = rule.kind === 'text' ? this.text(key, MAX_KEPT_TEXT, CONTROL_BUT_LINES) : rule.kind === 'boolean' ? this.boolean(key) : rule.kind === 'integer' ? this.integer(key, -1, Number.MAX_SAFE_INTEGER) : this.list(key);
    if (value !== undefined && read === undefined) return undefined;
    const refusal = rule.refuse?.(read);
    return refusal === undefined ? read : this.fail(key, refusal);
  }
}

function readJwkSet(reader: SectionReader): PublicJwkSet | undefined {
  const value = reader.present('jwkSet');
  if (value === undefined) return undefined;
  const textForm = typeof value === 'string' ? value : JSON.stringify(value);
  if (Buffer.byteLength(textForm, 'utf8') > MAX_JWKS_BYTES) return reader.fail('jwkSet', `must be at most ${MAX_JWKS_BYTES} bytes`);
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return reader.fail('jwkSet', 'must be a JSON Web Key Set (an object with "keys", or its JSON text)');
    }
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.keys) || parsed.keys.length === 0 || parsed.keys.length > MAX_JWKS_KEYS) {
    return reader.fail('jwkSet', `must be a JSON Web Key Set with 1 to ${MAX_JWKS_KEYS} keys`);
  }
  const keys: Record<string, unknown>[] = [];
  for (const [index, key] of parsed.keys.entries()) {
    if (!isRecord(key) || typeof key.kty !== 'string') return reader.fail('jwkSet', `key ${index} must be a JWK with "kty"`);
    if (key.kty === 'oct') return reader.fail('jwkSet', `key ${index} is a symmetric key: give public keys only`);
    const secret = PRIVATE_JWK_MEMBERS.find((member) => Object.hasOwn(key, member));
    if (secret !== undefined) return reader.fail('jwkSet', `key ${index} holds private key material ("${secret}"): give public keys only`);
    if (Object.keys(key).some(isUnsafeKey)) return reader.fail('jwkSet', `key ${index} has a forbidden member name`);
    keys.push(structuredClone(key));
  }
  return { keys };
}

function originProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return 'is not an origin (scheme://host[:port])';
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value ? undefined : 'is not an origin (scheme://host[:port], no path)';
}

/**
 * Why a scope entry (`name`, `name|description` or `name|locale|description`) cannot be registered;
 * with `granted`, also why the provider could never grant it; with `written`, also why its display
 * text cannot be kept (scope-entry.ts).
 */
function scopeProblem(entry: string, granted: boolean, written: boolean): string | undefined {
  return scopeNameProblem(scopeName(entry), granted) ?? (written ? scopeEntryProblem(entry) : undefined);
}

function grantProblem(grant: string): string | undefined {
  if ((GRANT_TYPES as readonly string[]).includes(grant)) return undefined;
  return REFUSED_GRANTS[grant] ?? `is not a grant type Arbor supports (${GRANT_TYPES.join(', ')})`;
}

/** Sorts the body's attributes into sections (nested or flat), unwrapped; reports unknown keys. */
function sectionsOf(body: Readonly<Record<string, unknown>>, errors: ClientFieldError[]): Record<ClientSection, Record<string, unknown>> {
  const sections = Object.fromEntries(CLIENT_SECTIONS.map((section) => [section, {}])) as Record<ClientSection, Record<string, unknown>>;
  const home = new Map<string, ClientSection>();
  for (const section of CLIENT_SECTIONS) {
    for (const key of ACTED[section]) home.set(key, section);
    if (section !== 'overrideOAuth2ClientConfig') for (const key of Object.keys(KEPT[section])) home.set(key, section);
  }
  const place = (section: ClientSection, key: string, value: unknown, field: string): void => {
    if (DROPPED.has(key)) return;
    const moved = MOVED[key];
    const target = moved !== undefined && moved.from === section ? moved.to : section;
    if (Object.hasOwn(sections[target], key)) return void errors.push({ field, reason: `is given twice (also in ${target})` });
    sections[target][key] = unwrapAmValue(value);
  };
  for (const [key, value] of Object.entries(body)) {
    if (IDENTITY_KEYS.has(key)) continue;
    if (isUnsafeKey(key)) {
      errors.push({ field: key, reason: 'is not an allowed name' });
    } else if ((CLIENT_SECTIONS as readonly string[]).includes(key)) {
      const section = key as ClientSection;
      if (value === null || value === undefined) continue;
      if (!isRecord(value)) {
        errors.push({ field: key, reason: 'must be an object' });
        continue;
      }
      for (const [inner, innerValue] of Object.entries(value)) {
        const field = `${key}.${inner}`;
        const known = section === 'overrideOAuth2ClientConfig' || home.get(inner) === section || DROPPED.has(inner) || MOVED[inner]?.from === section;
        if (isUnsafeKey(inner)) errors.push({ field, reason: 'is not an allowed name' });
        else if (!known) errors.push({ field, reason: `is not an attribute of ${key}` });
        else place(section, inner, innerValue, field);
      }
    } else {
      const section = home.get(key);
      if (section === undefined && !DROPPED.has(key)) errors.push({ field: key, reason: 'is not an attribute of an OAuth2 client' });
      else if (section !== undefined) place(section, key, value, key);
    }
  }
  return sections;
}

function readSecret(core: Readonly<Record<string, unknown>>, errors: ClientFieldError[]): SecretChange {
  const value = Object.hasOwn(core, 'userpassword') ? core.userpassword : undefined;
  const field = 'coreOAuth2ClientConfig.userpassword';
  if (value === undefined) return { kind: 'keep' };
  if (value === '') return { kind: 'clear' };
  if (typeof value !== 'string') {
    errors.push({ field, reason: 'must be a string' });
    return { kind: 'keep' };
  }
  if (value.length < MIN_SECRET || value.length > MAX_SECRET || CONTROL.test(value)) {
    errors.push({ field, reason: `must be ${MIN_SECRET} to ${MAX_SECRET} characters, without control characters` });
    return { kind: 'keep' };
  }
  return { kind: 'set', value };
}

/** The body's kept attributes of `section`, checked. */
function readKept(section: ClientSection, values: Readonly<Record<string, unknown>>, errors: ClientFieldError[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (section === 'overrideOAuth2ClientConfig') {
    const entries = Object.entries(values);
    if (entries.length > MAX_LIST) errors.push({ field: section, reason: `must have at most ${MAX_LIST} attributes` });
    const reader = new SectionReader(section, values, errors);
    for (const [key, value] of entries.slice(0, MAX_LIST)) {
      const kind: KeptRule['kind'] = typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'integer' : Array.isArray(value) ? 'list' : 'text';
      const read = reader.kept(key, { kind });
      if (read !== undefined) kept[key] = read;
    }
    return kept;
  }
  const reader = new SectionReader(section, values, errors);
  for (const [key, rule] of Object.entries(KEPT[section])) {
    const read = reader.kept(key, rule);
    if (read !== undefined) kept[key] = read;
  }
  return kept;
}

/** A native app's redirect URIs: http only on loopback, claimed https not on loopback (what oidc-provider checks). */
function nativeProblems(uris: readonly string[]): string | undefined {
  const parsed = uris.filter((uri) => URL.canParse(uri)).map((uri) => new URL(uri));
  if (!parsed.some((url) => url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  const bad = parsed.find((url) => (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) || (url.protocol === 'https:' && LOOPBACK_HOSTS.has(url.hostname)));
  return bad === undefined ? undefined : `mixes a native app's own scheme with ${bad.href}: a native app's http URIs must be on loopback, and its https URIs not`;
}

/** How a body is read: `stored`, a document the store kept (the limits on custom scopes are not applied). */
export interface ReadOAuth2ClientOptions {
  stored?: boolean;
}

/** Reads `body` as the client `clientId` of a realm. */
export function readOAuth2Client(clientId: string, body: unknown, options: ReadOAuth2ClientOptions = {}): ReadOAuth2Client {
  const granted = options.stored !== true;
  const errors: ClientFieldError[] = [];
  const idProblem = clientIdProblem(clientId);
  if (idProblem !== undefined) errors.push({ field: '_id', reason: idProblem });
  const values: Record<ClientSection, Record<string, unknown>> = Object.fromEntries(CLIENT_SECTIONS.map((section) => [section, {}])) as Record<ClientSection, Record<string, unknown>>;
  let source: Readonly<Record<string, unknown>> = {};
  if (!isRecord(body)) errors.push({ field: '', reason: 'the body must be a JSON object' });
  else if (Buffer.byteLength(JSON.stringify(body), 'utf8') > MAX_CLIENT_BYTES) errors.push({ field: '', reason: `the body must be at most ${MAX_CLIENT_BYTES} bytes` });
  else source = body;
  if (Object.hasOwn(source, '_id') && source._id !== clientId) errors.push({ field: '_id', reason: `must be the id in the path ("${clientId}")` });
  const type = Object.hasOwn(source, '_type') ? source._type : undefined;
  const typeId = isRecord(type) && Object.hasOwn(type, '_id') ? type._id : type;
  if (type !== undefined && type !== null && typeId !== 'OAuth2Client') errors.push({ field: '_type', reason: 'must be OAuth2Client' });
  Object.assign(values, sectionsOf(source, errors));

  const core = new SectionReader('coreOAuth2ClientConfig', values.coreOAuth2ClientConfig, errors);
  const advanced = new SectionReader('advancedOAuth2ClientConfig', values.advancedOAuth2ClientConfig, errors);
  const signEnc = new SectionReader('signEncOAuth2ClientConfig', values.signEncOAuth2ClientConfig, errors);
  const openid = new SectionReader('coreOpenIDClientConfig', values.coreOpenIDClientConfig, errors);

  const clientType = core.oneOf('clientType', CLIENT_TYPES) ?? 'Confidential';
  const redirectionUris = core.list('redirectionUris', { check: redirectProblem }) ?? [];
  const scopes = core.list('scopes', { max: MAX_SCOPES, itemMax: MAX_TEXT, check: (entry) => scopeProblem(entry, granted, granted) }) ?? [];
  const tooMany = granted ? customScopeCountProblem(scopes.map(scopeName)) : undefined;
  if (tooMany !== undefined) core.fail('scopes', tooMany);
  const names = new Set(scopes.map(scopeName));
  const defaultScopes =
    core.list('defaultScopes', { max: MAX_SCOPES, itemMax: MAX_TEXT, check: (entry) => scopeProblem(entry, false, granted) ?? (names.has(scopeName(entry)) ? undefined : 'is not among the scopes') }) ?? [];
  const lifetime = (key: string, max: number): number => core.integer(key, 0, max, ' seconds (0: the realm default)') ?? 0;

  const grantTypes = (advanced.list('grantTypes', { check: grantProblem }) as GrantType[] | undefined) ?? ['authorization_code'];
  if (clientType === 'Public' && grantTypes.includes('client_credentials')) advanced.fail('grantTypes', 'client_credentials needs a client that authenticates: a public client cannot use it');
  if (grantTypes.includes('authorization_code') && redirectionUris.length === 0 && !errors.some((error) => error.field === core.field('redirectionUris'))) {
    core.fail('redirectionUris', 'the authorization_code grant needs at least one redirect URI');
  }
  const given = advanced.oneOf('tokenEndpointAuthMethod', AUTH_METHODS, REFUSED_METHODS);
  let tokenEndpointAuthMethod: AuthMethod = clientType === 'Public' ? 'none' : (given ?? 'client_secret_basic');
  if (clientType === 'Public' && given === 'private_key_jwt') advanced.fail('tokenEndpointAuthMethod', 'a public client does not authenticate: private_key_jwt needs a confidential client');
  if (clientType === 'Confidential' && given === 'none') advanced.fail('tokenEndpointAuthMethod', 'none is for public clients only (they must use PKCE): make the client Public, or choose how it authenticates');
  if (clientType === 'Public') tokenEndpointAuthMethod = 'none';

  const postLogoutRedirectUri = openid.list('postLogoutRedirectUri', { check: redirectProblem }) ?? [];
  const native = nativeProblems([...redirectionUris, ...postLogoutRedirectUri]);
  if (native !== undefined) core.fail('redirectionUris', native);

  const publicKeyLocation = signEnc.oneOf('publicKeyLocation', PUBLIC_KEY_LOCATIONS) ?? 'jwks_uri';
  const jwksUri = signEnc.url('jwksUri');
  const jwkSet = readJwkSet(signEnc);
  if (tokenEndpointAuthMethod === 'private_key_jwt') {
    if (publicKeyLocation === 'x509') signEnc.fail('publicKeyLocation', 'Arbor reads a private_key_jwt client’s keys from jwksUri or jwkSet only');
    else if (publicKeyLocation === 'jwks_uri' && jwksUri === undefined && !errors.some((error) => error.field === signEnc.field('jwksUri'))) signEnc.fail('jwksUri', 'private_key_jwt needs the client’s keys: give jwksUri (or jwkSet with publicKeyLocation jwks)');
    else if (publicKeyLocation === 'jwks' && jwkSet === undefined && !errors.some((error) => error.field === signEnc.field('jwkSet'))) signEnc.fail('jwkSet', 'private_key_jwt needs the client’s keys: give jwkSet (or jwksUri with publicKeyLocation jwks_uri)');
  }
  const idTokenSignedResponseAlg = signEnc.oneOf('idTokenSignedResponseAlg', ID_TOKEN_ALGORITHMS) ?? 'RS256';
  if (idTokenSignedResponseAlg.startsWith('HS') && clientType === 'Public') signEnc.fail('idTokenSignedResponseAlg', `${idTokenSignedResponseAlg} signs with the client secret: a public client has none`);

  const client: OAuth2Client = {
    clientId,
    status: core.oneOf('status', CLIENT_STATUSES) ?? 'Active',
    clientType,
    clientName: core.list('clientName', { max: 16, itemMax: 256 }) ?? [],
    redirectionUris,
    scopes,
    defaultScopes,
    accessTokenLifetime: lifetime('accessTokenLifetime', 31_536_000),
    refreshTokenLifetime: lifetime('refreshTokenLifetime', 315_360_000),
    authorizationCodeLifetime: lifetime('authorizationCodeLifetime', 3600),
    grantTypes,
    responseTypes: advanced.list('responseTypes', { check: (type) => ((AM_RESPONSE_TYPES as readonly string[]).includes(type) ? undefined : `is not a response type (${AM_RESPONSE_TYPES.join(', ')})`) }) ?? ['code'],
    tokenEndpointAuthMethod,
    isConsentImplied: advanced.boolean('isConsentImplied') ?? false,
    javascriptOrigins: advanced.list('javascriptOrigins', { check: originProblem }) ?? [],
    descriptions: advanced.list('descriptions', { max: 16, itemMax: MAX_TEXT }) ?? [],
    postLogoutRedirectUri,
    backchannelLogoutSessionRequired: openid.boolean('backchannel_logout_session_required') ?? false,
    defaultMaxAgeEnabled: openid.boolean('defaultMaxAgeEnabled') ?? false,
    defaultMaxAge: openid.integer('defaultMaxAge', 0, 31_536_000) ?? 600,
    publicKeyLocation,
    idTokenSignedResponseAlg,
    tokenEndpointAuthSigningAlgorithm: signEnc.oneOf('tokenEndpointAuthSigningAlgorithm', ASSERTION_ALGORITHMS) ?? 'RS256',
    kept: {},
  };
  const backchannel = openid.url('backchannel_logout_uri');
  if (backchannel !== undefined) client.backchannelLogoutUri = backchannel;
  const clientSession = openid.url('clientSessionUri');
  if (clientSession !== undefined) client.clientSessionUri = clientSession;
  if (jwksUri !== undefined) client.jwksUri = jwksUri;
  if (jwkSet !== undefined) client.jwkSet = jwkSet;
  for (const section of CLIENT_SECTIONS) {
    const kept = readKept(section, values[section], errors);
    if (Object.keys(kept).length > 0) client.kept[section] = kept;
  }
  const secret = readSecret(values.coreOAuth2ClientConfig, errors);
  if (secret.kind === 'set' && clientType === 'Public') errors.push({ field: 'coreOAuth2ClientConfig.userpassword', reason: 'a public client has no secret (it proves itself with PKCE)' });
  return { client, secret, errors };
}
