/**
 * IDM's `external.email` configuration: the SMTP server, its TLS mode, credentials, default sender
 * and timeouts. Parsed at every edge (REST PUT, each delivery run); unknown fields are kept as they
 * are so that a document imported from IDM round-trips.
 */
import { parsedOnce } from '../../cache/parsed-once.ts';
import type { ConfigRepository } from '../../config/ports.ts';
import { emailError } from './errors.ts';
import { describeUnsafeKey, findUnsafeKey } from '../../json/unsafe-keys.ts';
import { fieldReaders, isPlainObject } from './field-readers.ts';
import { asSealedEnvelope, isCryptoValue, type SealedEnvelope } from '../../secrets/sealed-envelope.ts';

/** The config id of the SMTP settings. */
export const EMAIL_SETTINGS_CONFIG_ID = 'external.email';

/** `{enable}` switches of IDM's document (`starttls`, `ssl`). */
export interface EnableSwitch {
  enable: boolean;
  [key: string]: unknown;
}

/** SMTP credentials. */
export interface SmtpAuth {
  enable: boolean;
  username?: string;
  /**
   * As stored: sealed with the master key (`$crypto`, see `email-secrets.ts`); in clear only in a
   * document an admin sends (sealed before it is stored) or one stored by an older Arbor.
   */
  password?: string | SealedEnvelope;
  [key: string]: unknown;
}

/** The parsed `external.email` document; unknown fields stay as they were. */
export interface EmailSettings {
  host?: string;
  port?: number;
  debug?: boolean;
  auth?: SmtpAuth;
  /** Sender of messages whose template has no `from`. */
  from?: string;
  starttls?: EnableSwitch;
  ssl?: EnableSwitch;
  /** JavaMail properties (`mail.smtp.ssl.protocols=TLSv1.2`); the SMTP adapter maps the ones it knows. */
  smtpProperties?: string[];
  threadPoolSize?: number;
  /** Socket read timeout in milliseconds. */
  timeout?: number;
  writetimeout?: number;
  connectiontimeout?: number;
  [key: string]: unknown;
}

const MAX_TIMEOUT_MS = 3_600_000;

function fail(field: string, message: string): never {
  throw emailError('INVALID_EMAIL_SETTINGS', `external.email: ${message}`, field);
}

const read = fieldReaders(fail);

function enableSwitch(field: string, value: unknown): EnableSwitch | undefined {
  const object = read.optionalObject(field, value);
  if (object === undefined) return undefined;
  return { ...object, enable: read.optionalBoolean(`${field}.enable`, object.enable) ?? false };
}

/** The password: text, or a `$crypto` envelope as `GET` returns it (only Arbor's own). */
function smtpPassword(value: unknown): string | SealedEnvelope | undefined {
  if (!isCryptoValue(value)) return read.optionalString('auth.password', value);
  const envelope = asSealedEnvelope(value);
  if (envelope === undefined) fail('auth.password', 'auth.password is encrypted in a form Arbor cannot open (another system’s $crypto): send the password itself');
  return envelope;
}

function smtpAuth(value: unknown): SmtpAuth | undefined {
  const object = read.optionalObject('auth', value);
  if (object === undefined) return undefined;
  const username = read.optionalString('auth.username', object.username);
  const password = smtpPassword(object.password);
  const auth: SmtpAuth = { ...object, enable: read.optionalBoolean('auth.enable', object.enable) ?? false };
  delete auth.username;
  delete auth.password;
  if (username !== undefined) auth.username = username;
  if (password !== undefined) auth.password = password;
  if (auth.enable && (auth.username ?? '') === '') fail('auth.username', 'auth.username is required when auth.enable is true');
  return auth;
}

/** Sets `key` on `target` when `value` is defined (optional fields stay absent, not `undefined`). */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** Parses an `external.email` document; throws INVALID_EMAIL_SETTINGS naming the field at fault. */
export function parseEmailSettings(value: unknown): EmailSettings {
  if (!isPlainObject(value)) fail('', 'the document must be a JSON object');
  const unsafe = findUnsafeKey(value);
  if (unsafe !== undefined) fail(unsafe.at.replace(/^\//, '').replaceAll('/', '.'), `the document is not valid: ${describeUnsafeKey(unsafe)}`);
  const settings: EmailSettings = { ...value };
  delete settings._id;
  const host = read.optionalString('host', value.host)?.trim();
  if (host !== undefined && /[\s/]/.test(host)) fail('host', 'host must be a host name or an IP address');
  put(settings, 'host', host);
  put(settings, 'port', read.optionalInteger('port', value.port, 1, 65535));
  put(settings, 'debug', read.optionalBoolean('debug', value.debug));
  put(settings, 'auth', smtpAuth(value.auth));
  const from = read.optionalString('from', value.from)?.trim();
  if (from !== undefined && from !== '' && !from.includes('@')) fail('from', 'from must be an email address');
  put(settings, 'from', from);
  put(settings, 'starttls', enableSwitch('starttls', value.starttls));
  put(settings, 'ssl', enableSwitch('ssl', value.ssl));
  put(settings, 'smtpProperties', read.optionalStringArray('smtpProperties', value.smtpProperties));
  put(settings, 'threadPoolSize', read.optionalInteger('threadPoolSize', value.threadPoolSize, 1, 1000));
  put(settings, 'timeout', read.optionalInteger('timeout', value.timeout, 0, MAX_TIMEOUT_MS));
  put(settings, 'writetimeout', read.optionalInteger('writetimeout', value.writetimeout, 0, MAX_TIMEOUT_MS));
  put(settings, 'connectiontimeout', read.optionalInteger('connectiontimeout', value.connectiontimeout, 0, MAX_TIMEOUT_MS));
  if (settings.starttls?.enable === true && settings.ssl?.enable === true) fail('starttls.enable', 'starttls.enable and ssl.enable cannot both be true (ssl is TLS from the first byte)');
  return settings;
}

/** True when the settings name an SMTP server: without one, the outbox is where mail stays. */
export function isSmtpConfigured(settings: EmailSettings | undefined): settings is EmailSettings & { host: string } {
  return settings !== undefined && typeof settings.host === 'string' && settings.host !== '';
}

/** Parses stored settings; cached (frozen) ones once, the result shared (and frozen). */
const parseStoredEmailSettings = parsedOnce(parseEmailSettings);

/** The stored settings, parsed; undefined when there are none. */
export async function readEmailSettings(configs: ConfigRepository): Promise<EmailSettings | undefined> {
  const stored = await configs.get(EMAIL_SETTINGS_CONFIG_ID);
  return stored === undefined || stored === null ? undefined : parseStoredEmailSettings(stored);
}

/** The settings as an admin API may show them: the SMTP password left out. */
export function withoutPassword(settings: EmailSettings): EmailSettings {
  if (settings.auth === undefined || !('password' in settings.auth)) return settings;
  const { password: _omitted, ...auth } = settings.auth;
  return { ...settings, auth };
}
