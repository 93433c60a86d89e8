/**
 * The pure part of the Social providers section: the presets an administrator starts from (the
 * server's own per-type presets, so the form shows what a save would store), the form's values
 * read from and written back to AM's provider JSON, what the well-known URL fills, the providers
 * list and the realm's relying-party keys as itsme needs them.
 */
import { PROVIDER_TYPES, type ProviderType } from '../social/provider-config.ts';
import { presetFor } from '../social/providers/presets/provider-presets.ts';
import { isOidcType } from '../social/providers/provider-types.ts';
import { TRANSFORM_IDS } from '../social/providers/normalize/transform-ids.ts';
import { PROVIDER_FIELDS, type ProviderField } from './social-fields.ts';

/** A preset of the chooser. */
export interface ProviderPresetChoice {
  id: string;
  label: string;
  type: ProviderType;
  /** The instance name proposed. */
  name: string;
  description: string;
}

/** The presets offered when adding a provider. */
export const PRESET_CHOICES: readonly ProviderPresetChoice[] = [
  { id: 'google', label: 'Google', type: 'googleConfig', name: 'google', description: 'Google accounts (OpenID Connect).' },
  { id: 'apple', label: 'Apple', type: 'appleConfig', name: 'apple', description: 'Sign in with Apple (OpenID Connect, form post).' },
  { id: 'microsoft', label: 'Microsoft', type: 'microsoftConfig', name: 'microsoft', description: 'Microsoft accounts and Entra ID through Microsoft Graph.' },
  { id: 'facebook', label: 'Facebook', type: 'facebookConfig', name: 'facebook', description: 'Facebook Login (OAuth 2.0).' },
  { id: 'github', label: 'GitHub', type: 'gitHubConfig', name: 'github', description: 'GitHub OAuth apps (OAuth 2.0).' },
  { id: 'linkedin', label: 'LinkedIn', type: 'linkedInConfig', name: 'linkedin', description: 'Sign in with LinkedIn (OpenID Connect profile).' },
  { id: 'itsme', label: 'itsme®', type: 'itsmeConfig', name: 'itsme', description: 'The Belgian identity app: signed and encrypted JWTs with the realm’s keys.' },
  { id: 'oidc', label: 'OpenID Connect', type: 'oidcConfig', name: 'oidc', description: 'Any OpenID Connect provider: fill it from its well-known URL.' },
  { id: 'oauth2', label: 'OAuth 2.0', type: 'oauth2Config', name: 'oauth2', description: 'Any plain OAuth 2.0 provider with a profile URL.' },
];

/** The type's name in the list. */
export const TYPE_LABELS: Record<ProviderType, string> = {
  oauth2Config: 'OAuth 2.0',
  oidcConfig: 'OpenID Connect',
  itsmeConfig: 'itsme®',
  googleConfig: 'Google',
  appleConfig: 'Apple',
  microsoftConfig: 'Microsoft',
  facebookConfig: 'Facebook',
  amazonConfig: 'Amazon',
  salesforceConfig: 'Salesforce',
  linkedInConfig: 'LinkedIn',
  gitHubConfig: 'GitHub',
  instagramConfig: 'Instagram',
  twitterConfig: 'X (Twitter)',
  vkConfig: 'VK',
  weChatConfig: 'WeChat',
  wordpressConfig: 'WordPress',
  yahooConfig: 'Yahoo',
  lineConfig: 'LINE',
};

/** The profile transformations offered: the built-ins by provider. */
export const TRANSFORM_CHOICES: readonly { id: string; label: string }[] = Object.entries(TRANSFORM_IDS).map(([provider, id]) => ({ id, label: `${provider} profile` }));

export function isProviderType(value: string): value is ProviderType {
  return (PROVIDER_TYPES as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A provider of the list. */
export interface ProviderSummary {
  name: string;
  type: ProviderType;
  enabled: boolean;
}

/** The providers of `nextdescendents`' answer, by name; entries of unknown types are left out. */
export function providerSummaries(answer: unknown): ProviderSummary[] {
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  if (!Array.isArray(result)) return [];
  const summaries: ProviderSummary[] = [];
  for (const item of result.slice(0, 1000)) {
    if (!isRecord(item)) continue;
    const name = own(item, '_id');
    const typeRef = own(item, '_type');
    const type = isRecord(typeRef) ? own(typeRef, '_id') : undefined;
    if (typeof name !== 'string' || typeof type !== 'string' || !isProviderType(type)) continue;
    summaries.push({ name, type, enabled: own(item, 'enabled') !== false });
  }
  return summaries.sort((a, b) => a.name.localeCompare(b.name));
}

/** The form's values: texts (lists joined by spaces, JSON as text) and check boxes. */
export type FormValues = Record<string, string | boolean>;

/** The fields a type shows (OpenID-only ones hidden for plain OAuth 2.0 types). */
export function fieldsOf(type: ProviderType): ProviderField[] {
  const oidc = isOidcType(type);
  return PROVIDER_FIELDS.filter((field) => oidc || field.oidcOnly !== true);
}

function valueOf(json: Record<string, unknown>, key: string): unknown {
  if (!key.startsWith('uiConfig.')) return own(json, key);
  const ui = own(json, 'uiConfig');
  return isRecord(ui) ? own(ui, key.slice('uiConfig.'.length)) : undefined;
}

/** The form's values of AM's provider JSON (a stored provider, or a preset). */
export function formFromProvider(type: ProviderType, json: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fieldsOf(type)) {
    const value = valueOf(json, field.key);
    if (field.kind === 'boolean') values[field.key] = value === true;
    else if (field.kind === 'list') values[field.key] = Array.isArray(value) ? value.filter((item) => typeof item === 'string').join(' ') : '';
    else if (field.kind === 'json') values[field.key] = typeof value === 'string' ? value : isRecord(value) ? JSON.stringify(value) : '';
    else if (field.kind === 'number') values[field.key] = typeof value === 'number' ? String(value) : '';
    else if (field.kind === 'secret') values[field.key] = '';
    else values[field.key] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** The form of a new provider of `type`: the server's preset for it, redirected to Arbor's sign-in page of `realm` at `origin`. */
export function newProviderForm(type: ProviderType, realm: string, origin: string): FormValues {
  return { ...formFromProvider(type, presetFor(type)), redirectURI: `${origin}/login?realm=${encodeURIComponent(realm)}` };
}

/** A problem with one field, as the server's 400 (`detail.errors`) or the form's own checks name it. */
export interface FieldProblem {
  field: string;
  reason: string;
}

const NAME_PROBLEM = /[/\u0000-\u001f\u007f]/;

/** The problem of an instance name, or undefined. */
export function providerNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'A name is required.';
  if (name.length > 128) return 'At most 128 characters.';
  if (NAME_PROBLEM.test(name) || name === '.' || name === '..') return 'No "/" or control characters.';
  return undefined;
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

/** AM's JSON of the form (what the PUT sends), or the problems found before sending. */
export function providerBody(type: ProviderType, values: FormValues): { body: Record<string, unknown>; problems: FieldProblem[] } {
  const body: Record<string, unknown> = {};
  const ui: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  for (const field of fieldsOf(type)) {
    const raw = values[field.key];
    if (field.kind === 'boolean') {
      body[field.key] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? (field.kind === 'secret' || field.key === 'scopeDelimiter' ? raw : raw.trim()) : '';
    if (text === '') {
      if (field.required === true) problems.push({ field: field.key, reason: 'Required.' });
      continue;
    }
    if (field.key.startsWith('uiConfig.')) {
      ui[field.key.slice('uiConfig.'.length)] = text;
    } else if (field.kind === 'list') {
      body[field.key] = text.split(/[\s,]+/).filter((item) => item !== '');
    } else if (field.kind === 'number') {
      const number = Number(text);
      if (!Number.isInteger(number)) problems.push({ field: field.key, reason: 'A whole number.' });
      else body[field.key] = number;
    } else if (field.kind === 'json') {
      try {
        const parsed: unknown = JSON.parse(text);
        if (isRecord(parsed)) body[field.key] = text;
        else problems.push({ field: field.key, reason: 'A JSON object.' });
      } catch {
        problems.push({ field: field.key, reason: 'Not valid JSON.' });
      }
    } else if (field.kind === 'url' && !isHttpUrl(text)) {
      problems.push({ field: field.key, reason: 'An http(s) URL.' });
    } else {
      body[field.key] = text;
    }
  }
  body.uiConfig = ui;
  return { body, problems };
}

/** What the discovery route answers (see the server's `DiscoveredProvider`), read defensively. */
export interface Discovered {
  wellKnownEndpoint: string;
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userInfoEndpoint: string;
  jwksUriEndpoint: string;
  introspectEndpoint: string;
  scopes: string[];
  clientAuthenticationMethods: string[];
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').slice(0, 100) : [];
}

/** The discovery answer, or undefined when it lacks the issuer or the two required endpoints. */
export function readDiscovered(answer: unknown): Discovered | undefined {
  if (!isRecord(answer)) return undefined;
  const text = (key: string): string => {
    const value = own(answer, key);
    return typeof value === 'string' ? value : '';
  };
  const supported = own(answer, 'supported');
  const found: Discovered = {
    wellKnownEndpoint: text('wellKnownEndpoint'),
    issuer: text('issuer'),
    authorizationEndpoint: text('authorizationEndpoint'),
    tokenEndpoint: text('tokenEndpoint'),
    userInfoEndpoint: text('userInfoEndpoint'),
    jwksUriEndpoint: text('jwksUriEndpoint'),
    introspectEndpoint: text('introspectEndpoint'),
    scopes: isRecord(supported) ? texts(own(supported, 'scopes')) : [],
    clientAuthenticationMethods: isRecord(supported) ? texts(own(supported, 'clientAuthenticationMethods')) : [],
  };
  return found.issuer === '' || found.authorizationEndpoint === '' || found.tokenEndpoint === '' ? undefined : found;
}

/**
 * The form filled from a discovery answer: the well-known URL, issuer and endpoints replaced (one
 * the provider does not publish emptied); the scopes kept but for those the provider says it does
 * not support; a secret-based client authentication the provider does not accept switched to one
 * it does.
 */
export function fillFromDiscovered(values: FormValues, found: Discovered): FormValues {
  const next: FormValues = { ...values };
  for (const key of ['wellKnownEndpoint', 'issuer', 'authorizationEndpoint', 'tokenEndpoint', 'userInfoEndpoint', 'jwksUriEndpoint', 'introspectEndpoint'] as const) next[key] = found[key];
  if (found.scopes.length > 0 && typeof values.scopes === 'string') {
    const kept = values.scopes.split(/[\s,]+/).filter((scope) => scope !== '' && found.scopes.includes(scope));
    if (kept.length > 0) next.scopes = kept.join(' ');
  }
  const method = values.clientAuthenticationMethod;
  const methods = found.clientAuthenticationMethods;
  if (methods.length > 0 && typeof method === 'string' && !methods.includes(method)) {
    next.clientAuthenticationMethod = methods.find((candidate) => candidate === 'CLIENT_SECRET_BASIC' || candidate === 'CLIENT_SECRET_POST') ?? methods[0] ?? method;
  }
  return next;
}

/** The realm's relying-party key set URL under `origin` (the server publishes it without authentication). */
export function rpJwksUrl(origin: string, realm: string): string {
  return `${origin}/am/oauth2/realms/root${realm === 'root' ? '' : `/realms/${encodeURIComponent(realm)}`}/connect/rp/jwk_uri`;
}

/** What the realm's key set holds for itsme: a signing and an encryption key. */
export function rpKeyStatus(jwks: unknown): { signing: number; encryption: number; ready: boolean } {
  const keys = isRecord(jwks) ? own(jwks, 'keys') : undefined;
  const list = Array.isArray(keys) ? keys.filter(isRecord) : [];
  const signing = list.filter((key) => own(key, 'use') === 'sig').length;
  const encryption = list.filter((key) => own(key, 'use') === 'enc').length;
  return { signing, encryption, ready: signing > 0 && encryption > 0 };
}

/** Where the section is: the list, the preset chooser, a new provider of a preset, or one provider. */
export type SocialPlace = { view: 'list' } | { view: 'choose' } | { view: 'new'; preset: string } | { view: 'edit'; type: ProviderType; name: string };

/** The place of the section's path (`[]`, `['new']`, `['new', 'google']`, `['googleConfig', 'google']`). */
export function socialPlaceOf(path: readonly string[]): SocialPlace {
  const [first, second] = path;
  if (first === 'new') return second !== undefined && PRESET_CHOICES.some((choice) => choice.id === second) ? { view: 'new', preset: second } : { view: 'choose' };
  if (first !== undefined && second !== undefined && isProviderType(first)) return { view: 'edit', type: first, name: second };
  return { view: 'list' };
}

/**
 * The PUT body of an edited provider: the stored JSON's keys the form does not show (AM's
 * `revocationCheckOptions`, say) kept, the form's own replacing the rest (an emptied one dropped).
 */
export function editedBody(type: ProviderType, stored: Record<string, unknown>, body: Record<string, unknown>): Record<string, unknown> {
  const shown = new Set(fieldsOf(type).map((field) => field.key.split('.')[0]));
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (!key.startsWith('_') && !shown.has(key)) kept[key] = value;
  }
  return { ...kept, ...body };
}
