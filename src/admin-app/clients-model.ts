/**
 * The OAuth clients section's reasoning, without a browser: a client's AM JSON (as the
 * `OAuth2Client` REST answers it, values wrapped) read into the form's fields, the `PUT` body built
 * from it (an edit keeps every attribute the form does not show), the server's bad fields
 * (`detail.errors`) sorted beside the form's fields, a secret made from random bytes, and the
 * section's places (`#/<realm>/clients[/create|/client/<id>]`). The form's own checks are in
 * clients-form-checks.ts.
 */
import { ASSERTION_ALGORITHMS, ID_TOKEN_ALGORITHMS } from '../oauth2/oauth2-client.ts';
import type { FieldError } from './field-errors.ts';
import { isRecord, own } from './am-client.ts';

/** The account page's client, built into every realm; a stored client of this id is never used. */
export const BUILT_IN_CLIENT_ID = 'arbor-account';

/** The grant types the server accepts, with the form's words for them. */
export const GRANT_TYPES: readonly { value: string; label: string }[] = [
  { value: 'authorization_code', label: 'Authorization code' },
  { value: 'refresh_token', label: 'Refresh token' },
  { value: 'client_credentials', label: 'Client credentials' },
  { value: 'urn:ietf:params:oauth:grant-type:device_code', label: 'Device code' },
];

/** How a confidential client may authenticate at the token endpoint. */
export const AUTH_METHODS: readonly { value: string; label: string }[] = [
  { value: 'client_secret_basic', label: 'Secret in the Authorization header (client_secret_basic)' },
  { value: 'client_secret_post', label: 'Secret in the request body (client_secret_post)' },
  { value: 'private_key_jwt', label: 'Signed JWT with its own key (private_key_jwt)' },
];

/** Where a `private_key_jwt` client's public keys are read. */
export const KEY_LOCATIONS: readonly { value: string; label: string }[] = [
  { value: 'jwks_uri', label: 'From a URL (jwks_uri)' },
  { value: 'jwks', label: 'Given here (a JSON Web Key Set)' },
];

/** How an ID token may be signed (HS*: with the client secret, confidential clients only). */
export const ID_TOKEN_SIGNING: readonly string[] = ID_TOKEN_ALGORITHMS;

/** How a `private_key_jwt` client may sign its assertions. */
export const ASSERTION_SIGNING: readonly string[] = ASSERTION_ALGORITHMS;

/** The form's fields, as text (lists one entry a line, scopes separated by spaces). */
export interface ClientForm {
  clientId: string;
  name: string;
  status: 'Active' | 'Inactive';
  clientType: 'Confidential' | 'Public';
  redirectionUris: string;
  grantTypes: string[];
  scopes: string;
  defaultScopes: string;
  tokenEndpointAuthMethod: string;
  tokenEndpointAuthSigningAlgorithm: string;
  publicKeyLocation: string;
  jwksUri: string;
  /** A JSON Web Key Set as JSON text. */
  jwkSet: string;
  idTokenSignedResponseAlg: string;
  isConsentImplied: boolean;
  postLogoutRedirectUri: string;
  backchannelLogoutUri: string;
  backchannelLogoutSessionRequired: boolean;
  accessTokenLifetime: string;
  refreshTokenLifetime: string;
  authorizationCodeLifetime: string;
  defaultMaxAgeEnabled: boolean;
  defaultMaxAge: string;
}

/** The form's field names. */
export type ClientField = keyof ClientForm;

/** Where each AM attribute lives and which form field shows it. */
const ATTRIBUTES: readonly { section: string; key: string; field: ClientField }[] = [
  { section: 'coreOAuth2ClientConfig', key: 'clientName', field: 'name' },
  { section: 'coreOAuth2ClientConfig', key: 'status', field: 'status' },
  { section: 'coreOAuth2ClientConfig', key: 'clientType', field: 'clientType' },
  { section: 'coreOAuth2ClientConfig', key: 'redirectionUris', field: 'redirectionUris' },
  { section: 'coreOAuth2ClientConfig', key: 'scopes', field: 'scopes' },
  { section: 'coreOAuth2ClientConfig', key: 'defaultScopes', field: 'defaultScopes' },
  { section: 'coreOAuth2ClientConfig', key: 'accessTokenLifetime', field: 'accessTokenLifetime' },
  { section: 'coreOAuth2ClientConfig', key: 'refreshTokenLifetime', field: 'refreshTokenLifetime' },
  { section: 'coreOAuth2ClientConfig', key: 'authorizationCodeLifetime', field: 'authorizationCodeLifetime' },
  { section: 'advancedOAuth2ClientConfig', key: 'grantTypes', field: 'grantTypes' },
  { section: 'advancedOAuth2ClientConfig', key: 'tokenEndpointAuthMethod', field: 'tokenEndpointAuthMethod' },
  { section: 'advancedOAuth2ClientConfig', key: 'isConsentImplied', field: 'isConsentImplied' },
  { section: 'signEncOAuth2ClientConfig', key: 'publicKeyLocation', field: 'publicKeyLocation' },
  { section: 'signEncOAuth2ClientConfig', key: 'jwksUri', field: 'jwksUri' },
  { section: 'signEncOAuth2ClientConfig', key: 'jwkSet', field: 'jwkSet' },
  { section: 'signEncOAuth2ClientConfig', key: 'tokenEndpointAuthSigningAlgorithm', field: 'tokenEndpointAuthSigningAlgorithm' },
  { section: 'signEncOAuth2ClientConfig', key: 'idTokenSignedResponseAlg', field: 'idTokenSignedResponseAlg' },
  { section: 'coreOpenIDClientConfig', key: 'postLogoutRedirectUri', field: 'postLogoutRedirectUri' },
  { section: 'coreOpenIDClientConfig', key: 'backchannel_logout_uri', field: 'backchannelLogoutUri' },
  { section: 'coreOpenIDClientConfig', key: 'backchannel_logout_session_required', field: 'backchannelLogoutSessionRequired' },
  { section: 'coreOpenIDClientConfig', key: 'defaultMaxAgeEnabled', field: 'defaultMaxAgeEnabled' },
  { section: 'coreOpenIDClientConfig', key: 'defaultMaxAge', field: 'defaultMaxAge' },
];

/** A new client's form: confidential, authorization code, the usual OpenID scopes. */
export function emptyClientForm(): ClientForm {
  return {
    clientId: '',
    name: '',
    status: 'Active',
    clientType: 'Confidential',
    redirectionUris: '',
    grantTypes: ['authorization_code'],
    scopes: 'openid profile email',
    defaultScopes: '',
    tokenEndpointAuthMethod: 'client_secret_basic',
    tokenEndpointAuthSigningAlgorithm: 'RS256',
    publicKeyLocation: 'jwks_uri',
    jwksUri: '',
    jwkSet: '',
    idTokenSignedResponseAlg: 'RS256',
    isConsentImplied: false,
    postLogoutRedirectUri: '',
    backchannelLogoutUri: '',
    backchannelLogoutSessionRequired: false,
    accessTokenLifetime: '0',
    refreshTokenLifetime: '0',
    authorizationCodeLifetime: '0',
    defaultMaxAgeEnabled: false,
    defaultMaxAge: '600',
  };
}

/** `{inherited, value}` as its value; anything else as it is. */
export function unwrapped(value: unknown): unknown {
  if (isRecord(value) && Object.hasOwn(value, 'inherited') && Object.keys(value).every((key) => key === 'inherited' || key === 'value')) return own(value, 'value');
  return value;
}

/** The unwrapped attribute `key` of `section` of a client's JSON. */
export function attributeOf(json: unknown, section: string, key: string): unknown {
  if (!isRecord(json)) return undefined;
  const values = own(json, section);
  return isRecord(values) ? unwrapped(own(values, key)) : undefined;
}

function texts(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string').slice(0, 256) : [];
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** AM's scope entries by name (`profile|en|Your profile` → `profile`), each name once. */
function scopeNames(value: unknown): string {
  return [...new Set(texts(value).map((entry) => entry.split('|')[0] ?? ''))].join(' ');
}

/** A stored key set (JSON text, or an object) as the form shows it: indented JSON. */
function keySetText(value: unknown): string {
  if (isRecord(value)) return JSON.stringify(value, null, 2);
  if (typeof value !== 'string' || value.trim() === '') return '';
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

/** The form of a client as the server answered it. */
export function formOfClient(json: unknown): ClientForm {
  const get = (section: string, key: string): unknown => attributeOf(json, section, key);
  const id = isRecord(json) ? own(json, '_id') : undefined;
  const lifetime = (key: string, section = 'coreOAuth2ClientConfig', absent = '0'): string => {
    const value = get(section, key);
    return typeof value === 'number' ? String(value) : absent;
  };
  const chosen = (section: string, key: string, absent: string): string => textOf(get(section, key)) || absent;
  const clientType = get('coreOAuth2ClientConfig', 'clientType') === 'Public' ? 'Public' : 'Confidential';
  const method = textOf(get('advancedOAuth2ClientConfig', 'tokenEndpointAuthMethod'));
  return {
    clientId: textOf(id),
    name: texts(get('coreOAuth2ClientConfig', 'clientName'))[0] ?? '',
    status: get('coreOAuth2ClientConfig', 'status') === 'Inactive' ? 'Inactive' : 'Active',
    clientType,
    redirectionUris: texts(get('coreOAuth2ClientConfig', 'redirectionUris')).join('\n'),
    grantTypes: texts(get('advancedOAuth2ClientConfig', 'grantTypes')),
    scopes: scopeNames(get('coreOAuth2ClientConfig', 'scopes')),
    defaultScopes: scopeNames(get('coreOAuth2ClientConfig', 'defaultScopes')),
    tokenEndpointAuthMethod: clientType === 'Public' || method === '' || method === 'none' ? 'client_secret_basic' : method,
    tokenEndpointAuthSigningAlgorithm: chosen('signEncOAuth2ClientConfig', 'tokenEndpointAuthSigningAlgorithm', 'RS256'),
    publicKeyLocation: chosen('signEncOAuth2ClientConfig', 'publicKeyLocation', 'jwks_uri'),
    jwksUri: textOf(get('signEncOAuth2ClientConfig', 'jwksUri')),
    jwkSet: keySetText(get('signEncOAuth2ClientConfig', 'jwkSet')),
    idTokenSignedResponseAlg: chosen('signEncOAuth2ClientConfig', 'idTokenSignedResponseAlg', 'RS256'),
    isConsentImplied: get('advancedOAuth2ClientConfig', 'isConsentImplied') === true,
    postLogoutRedirectUri: texts(get('coreOpenIDClientConfig', 'postLogoutRedirectUri')).join('\n'),
    backchannelLogoutUri: textOf(get('coreOpenIDClientConfig', 'backchannel_logout_uri')),
    backchannelLogoutSessionRequired: get('coreOpenIDClientConfig', 'backchannel_logout_session_required') === true,
    accessTokenLifetime: lifetime('accessTokenLifetime'),
    refreshTokenLifetime: lifetime('refreshTokenLifetime'),
    authorizationCodeLifetime: lifetime('authorizationCodeLifetime'),
    defaultMaxAgeEnabled: get('coreOpenIDClientConfig', 'defaultMaxAgeEnabled') === true,
    defaultMaxAge: lifetime('defaultMaxAge', 'coreOpenIDClientConfig', '600'),
  };
}

/** One line of the list. */
export interface ClientSummary {
  id: string;
  name: string;
  clientType: string;
  status: string;
  grantTypes: string[];
  redirectionUris: string[];
}

/** The list's line of a client. */
export function summaryOfClient(json: unknown): ClientSummary {
  const form = formOfClient(json);
  return {
    id: form.clientId,
    name: form.name,
    clientType: form.clientType,
    status: form.status,
    grantTypes: form.grantTypes.map((grant) => GRANT_TYPES.find((known) => known.value === grant)?.label ?? grant),
    redirectionUris: texts(attributeOf(json, 'coreOAuth2ClientConfig', 'redirectionUris')),
  };
}

/** The entries of a text of one entry a line (blank lines dropped). */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The scopes of a text separated by spaces, commas or lines. */
export function scopesOf(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((scope) => scope !== ''))];
}

/** True when the form's client needs a secret: it authenticates with one, or signs its ID tokens with it (HS256…). */
export function needsSecret(form: Pick<ClientForm, 'clientType' | 'tokenEndpointAuthMethod' | 'idTokenSignedResponseAlg'>): boolean {
  if (form.clientType !== 'Confidential') return false;
  return form.tokenEndpointAuthMethod === 'client_secret_basic' || form.tokenEndpointAuthMethod === 'client_secret_post' || form.idTokenSignedResponseAlg.startsWith('HS');
}

/** The value the form gives to `field`, as the server takes it. */
function valueOf(form: ClientForm, field: ClientField): unknown {
  switch (field) {
    case 'name':
      return form.name.trim() === '' ? [] : [form.name.trim()];
    case 'redirectionUris':
    case 'postLogoutRedirectUri':
      return linesOf(form[field]);
    case 'scopes':
    case 'defaultScopes':
      return scopesOf(form[field]);
    case 'tokenEndpointAuthMethod':
      return form.clientType === 'Public' ? 'none' : form.tokenEndpointAuthMethod;
    case 'jwksUri':
    case 'jwkSet':
    case 'backchannelLogoutUri':
      return form[field].trim() === '' ? undefined : form[field].trim();
    case 'accessTokenLifetime':
    case 'refreshTokenLifetime':
    case 'authorizationCodeLifetime':
    case 'defaultMaxAge':
      return Number(form[field].trim());
    default:
      return form[field];
  }
}

/**
 * The `PUT` body of the form. An edit starts from the client as the server answered it
 * (`original`), so that the attributes the form does not show are kept; the form's ones are
 * replaced. `secret`: a new secret to set; a public client's secret is removed (`""`).
 */
export function clientBody(form: ClientForm, original: unknown, secret: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (isRecord(original)) {
    for (const [key, value] of Object.entries(original)) if (key !== '__proto__' && key !== '_rev') body[key] = structuredClone(value);
  }
  body._id = form.clientId;
  const sectionOf = (name: string): Record<string, unknown> => {
    const current = own(body, name);
    const section: Record<string, unknown> = isRecord(current) ? current : {};
    body[name] = section;
    return section;
  };
  for (const attribute of ATTRIBUTES) {
    const section = sectionOf(attribute.section);
    let value = valueOf(form, attribute.field);
    if (attribute.field === 'scopes' || attribute.field === 'defaultScopes') {
      // AM's `name|locale|description` entries (one a locale) keep their descriptions when their name stays.
      const entries = texts(attributeOf(original, attribute.section, attribute.key));
      value = scopesOf(form[attribute.field]).flatMap((name) => {
        const kept = entries.filter((entry) => entry.split('|')[0] === name);
        return kept.length > 0 ? kept : [name];
      });
    }
    if (value === undefined) delete section[attribute.key];
    else section[attribute.key] = value;
  }
  const core = sectionOf('coreOAuth2ClientConfig');
  delete core['userpassword-encrypted'];
  if (form.clientType === 'Public') core.userpassword = isRecord(original) ? '' : undefined;
  else if (secret !== undefined) core.userpassword = secret;
  else delete core.userpassword;
  if (core.userpassword === undefined) delete core.userpassword;
  return body;
}

export type { FieldError } from './field-errors.ts';

/** The server's bad fields sorted beside the form's fields; the others (`rest`) for the alert. */
export function errorsByField(errors: readonly FieldError[]): { fields: Map<ClientField, string[]>; rest: string[] } {
  const fields = new Map<ClientField, string[]>();
  const rest: string[] = [];
  for (const error of errors) {
    const key = error.field.split('.').pop() ?? '';
    const field = error.field === '_id' ? 'clientId' : key === 'userpassword' ? undefined : ATTRIBUTES.find((attribute) => attribute.key === key)?.field;
    if (field === undefined) rest.push(`${error.field === '' ? 'The client' : error.field}: ${error.reason}`);
    else fields.set(field, [...(fields.get(field) ?? []), error.reason]);
  }
  return { fields, rest };
}

/** A secret of 256 bits from `random` (32 bytes), in base64url. */
export function secretOf(random: Uint8Array): string {
  if (random.length < 32) throw new RangeError('a secret needs 32 random bytes');
  let binary = '';
  for (const byte of random.subarray(0, 32)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Where the section is. */
export type ClientsPlace = { view: 'list' } | { view: 'create' } | { view: 'client'; id: string };

/** The place of the section's path (`['create']`, `['client', id]`); the list otherwise. */
export function clientsPlaceOf(path: readonly string[]): ClientsPlace {
  if (path[0] === 'create' && path.length === 1) return { view: 'create' };
  if (path[0] === 'client' && path.length === 2 && path[1] !== undefined && path[1] !== '') return { view: 'client', id: path[1] };
  return { view: 'list' };
}

/** The section's path of a place. */
export function clientsPathOf(place: ClientsPlace): string[] {
  return place.view === 'list' ? [] : place.view === 'create' ? ['create'] : ['client', place.id];
}
