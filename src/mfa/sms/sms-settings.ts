/**
 * A realm's SMS delivery (the realm config's `sms` section): the HTTPS webhook Arbor POSTs each
 * text message to, the headers sent with it (a bearer token, an API key), how long Arbor waits,
 * and whether a plain-HTTP webhook on this machine (loopback) is allowed, for development and
 * tests. `resolveSmsSettings` checks an administrator's section and fills the defaults; it
 * refuses, with a typed error, what could leak a code: a URL other than https (or http on a
 * loopback address when `allowLoopbackHttp` is on), a URL with credentials in it, headers that
 * are not plain `name: value` text.
 */
import { isJsonObject } from '../../json/is-json-object.ts';
import { smsError } from './sms-errors.ts';

/** A realm's `sms` section, as an administrator writes it. */
export interface SmsSettings {
  /** Where messages are POSTed (`https://sms.example.com/send`). */
  webhookUrl?: string;
  /** Extra request headers (`{"Authorization": "Bearer …"}`); at most 20. */
  headers?: Record<string, string>;
  /** How long to wait for the webhook, ms (default 5000, at most 30000). */
  timeoutMs?: number;
  /** Allow `http://` when the host is a loopback address (127.0.0.0/8, ::1, localhost); false by default. */
  allowLoopbackHttp?: boolean;
}

/** The settings of one delivery, every value checked. */
export interface ResolvedSmsSettings {
  webhookUrl: URL;
  headers: Readonly<Record<string, string>>;
  timeoutMs: number;
}

export const DEFAULT_SMS_TIMEOUT_MS = 5000;
export const MAX_SMS_TIMEOUT_MS = 30_000;
export const MAX_SMS_HEADERS = 20;

/** Headers the client sets itself: an administrator's value would break the request. */
const RESERVED_HEADERS = new Set(['host', 'content-type', 'content-length', 'transfer-encoding', 'connection']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,4096}$/;

/** True for a loopback host name or address. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function checkedUrl(text: unknown, allowLoopbackHttp: boolean): URL {
  if (typeof text !== 'string' || text.trim() === '') throw smsError('SMS_NOT_CONFIGURED', 'The realm has no sms.webhookUrl');
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw smsError('SMS_SETTINGS_INVALID', 'sms.webhookUrl is not a URL');
  }
  if (url.username !== '' || url.password !== '') throw smsError('SMS_SETTINGS_INVALID', 'sms.webhookUrl must not hold credentials; use sms.headers');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && allowLoopbackHttp && isLoopbackHost(url.hostname)) return url;
  throw smsError('SMS_SETTINGS_INVALID', 'sms.webhookUrl must be https (http only on a loopback address with sms.allowLoopbackHttp)');
}

function checkedHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isJsonObject(value)) throw smsError('SMS_SETTINGS_INVALID', 'sms.headers must be an object of texts');
  const entries = Object.entries(value);
  if (entries.length > MAX_SMS_HEADERS) throw smsError('SMS_SETTINGS_INVALID', `sms.headers has more than ${MAX_SMS_HEADERS} headers`);
  const headers: [string, string][] = [];
  for (const [name, text] of entries) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) throw smsError('SMS_SETTINGS_INVALID', `sms.headers may not set ${JSON.stringify(name.slice(0, 100))}`);
    // The value may be a secret: never quoted in the error.
    if (typeof text !== 'string' || !HEADER_VALUE.test(text)) throw smsError('SMS_SETTINGS_INVALID', `sms.headers.${name} must be one line of text`);
    headers.push([name, text]);
  }
  return Object.fromEntries(headers);
}

function checkedTimeout(value: unknown): number {
  if (value === undefined) return DEFAULT_SMS_TIMEOUT_MS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SMS_TIMEOUT_MS) {
    throw smsError('SMS_SETTINGS_INVALID', `sms.timeoutMs must be an integer from 1 to ${MAX_SMS_TIMEOUT_MS}`);
  }
  return value;
}

/** The realm's settings, checked; SMS_NOT_CONFIGURED or SMS_SETTINGS_INVALID when they are unusable. */
export function resolveSmsSettings(settings: SmsSettings | undefined): ResolvedSmsSettings {
  const given: unknown = settings ?? {};
  if (!isJsonObject(given)) throw smsError('SMS_SETTINGS_INVALID', 'sms must be an object');
  const allowLoopbackHttp = given['allowLoopbackHttp'] === true;
  return {
    webhookUrl: checkedUrl(given['webhookUrl'], allowLoopbackHttp),
    headers: checkedHeaders(given['headers']),
    timeoutMs: checkedTimeout(given['timeoutMs']),
  };
}
