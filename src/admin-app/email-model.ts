/**
 * What the email section computes without a browser: where it is (`settings`, `templates[/<name>]`,
 * `outbox[/<id>]`), the SMTP settings form read from `external.email` and the document a save
 * sends (the password write-only: sent only when typed, never read back), a template's form and the
 * document it saves, outbox messages read from the admin REST and their delivery state in words.
 */
import { isRecord, own } from './am-client.ts';

/** Where the email section is. */
export type EmailPlace = { tab: 'settings' } | { tab: 'templates'; name?: string } | { tab: 'outbox'; id?: string };

/** The place the section's path names (`[]` and anything unknown: the settings). */
export function emailPlaceOf(path: string[]): EmailPlace {
  const [tab, item] = path;
  if (tab === 'templates') return item === undefined || item === '' ? { tab } : { tab, name: item };
  if (tab === 'outbox') return item === undefined || item === '' ? { tab } : { tab, id: item };
  return { tab: 'settings' };
}

/** The section path of `place`. */
export function emailPathOf(place: EmailPlace): string[] {
  if (place.tab === 'templates') return place.name === undefined ? ['templates'] : ['templates', place.name];
  if (place.tab === 'outbox') return place.id === undefined ? ['outbox'] : ['outbox', place.id];
  return ['settings'];
}

/** How the connection to the SMTP server is secured. */
export type SmtpSecurity = 'none' | 'starttls' | 'ssl';

/** The SMTP settings form. The password is never part of it: only what the administrator types. */
export interface SmtpForm {
  host: string;
  port: string;
  security: SmtpSecurity;
  username: string;
  from: string;
  /** True when the server keeps a password (shown as "stored", never its value). */
  passwordStored: boolean;
}

function text(record: Record<string, unknown>, key: string): string {
  const value = own(record, key);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function enabled(record: Record<string, unknown>, key: string): boolean {
  const block = own(record, key);
  return isRecord(block) && own(block, 'enable') === true;
}

/** The form for a stored `external.email` document (`undefined`: none stored yet). */
export function smtpFormOf(document: unknown): SmtpForm {
  const settings = isRecord(document) ? document : {};
  const auth = own(settings, 'auth');
  const authBlock = isRecord(auth) ? auth : {};
  return {
    host: text(settings, 'host'),
    port: text(settings, 'port'),
    security: enabled(settings, 'ssl') ? 'ssl' : enabled(settings, 'starttls') ? 'starttls' : 'none',
    username: own(authBlock, 'enable') === true ? text(authBlock, 'username') : '',
    from: text(settings, 'from'),
    passwordStored: own(authBlock, 'password') !== undefined && own(authBlock, 'password') !== '',
  };
}

/** A form value that is not acceptable, by field. */
export type SmtpProblems = Partial<Record<'host' | 'port' | 'from' | 'username', string>>;

/** What is wrong with `form` before it is sent (the server checks again). */
export function smtpProblems(form: SmtpForm): SmtpProblems {
  const problems: SmtpProblems = {};
  if (/\s/.test(form.host.trim())) problems.host = 'A host name or address, without spaces.';
  const port = form.port.trim();
  if (port !== '' && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) problems.port = 'A port from 1 to 65535.';
  if (form.from.trim() !== '' && !/^[^\s@<>]+@[^\s@<>]+$/.test(form.from.trim())) problems.from = 'An address such as accounts@example.com.';
  return problems;
}

/**
 * The `external.email` document a save sends: the stored one (its other fields kept, so that IDM's
 * extras round-trip) with the form's values. `auth.password` is sent only when `newPassword` is
 * typed; otherwise it is left out, and the server keeps the stored one.
 */
export function smtpDocumentOf(stored: unknown, form: SmtpForm, newPassword: string): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  if (isRecord(stored)) for (const key of Object.keys(stored)) if (key !== '_id' && key !== '__proto__') document[key] = stored[key];
  const host = form.host.trim();
  if (host === '') delete document.host;
  else document.host = host;
  const port = form.port.trim();
  if (port === '') delete document.port;
  else document.port = Number(port);
  document.ssl = { enable: form.security === 'ssl' };
  document.starttls = { enable: form.security === 'starttls' };
  const username = form.username.trim();
  document.auth = username === '' ? { enable: false } : { enable: true, username, ...(newPassword === '' ? {} : { password: newPassword }) };
  const from = form.from.trim();
  if (from === '') delete document.from;
  else document.from = from;
  return document;
}

/** A template as the list shows it. */
export interface TemplateSummary {
  name: string;
  enabled: boolean;
  locales: string[];
  mimeType: string;
}

/** The templates of a `GET /openidm/config/emailTemplate?_queryFilter=true` answer, by name. */
export function templateSummariesOf(answer: unknown): TemplateSummary[] {
  const result = isRecord(answer) ? own(answer, 'result') : undefined;
  if (!Array.isArray(result)) return [];
  return result
    .filter(isRecord)
    .map((entry) => {
      const locales = own(entry, 'locales');
      return { name: text(entry, 'name'), enabled: own(entry, 'enabled') === true, locales: Array.isArray(locales) ? locales.filter((locale): locale is string => typeof locale === 'string') : [], mimeType: text(entry, 'mimeType') };
    })
    .filter((entry) => entry.name !== '')
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** An email template document as the editor holds it (unknown fields kept). */
export interface TemplateDocument {
  enabled: boolean;
  subject: Record<string, string>;
  message: Record<string, string>;
  defaultLocale: string;
  mimeType: 'text/html' | 'text/plain';
  /** Every other field of the stored document, saved back as it was. */
  rest: Record<string, unknown>;
}

function localized(value: unknown): Record<string, string> {
  const texts: Record<string, string> = {};
  if (!isRecord(value)) return texts;
  for (const key of Object.keys(value)) {
    const entry = value[key];
    if (typeof entry === 'string' && key !== '__proto__') texts[key] = entry;
  }
  return texts;
}

/** The editor's copy of a stored template. */
export function templateDocumentOf(stored: unknown): TemplateDocument {
  const record = isRecord(stored) ? stored : {};
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(record)) if (!['_id', 'enabled', 'subject', 'message', 'defaultLocale', 'mimeType', '__proto__'].includes(key)) rest[key] = record[key];
  const defaultLocale = text(record, 'defaultLocale');
  return {
    enabled: own(record, 'enabled') !== false,
    subject: localized(own(record, 'subject')),
    message: localized(own(record, 'message')),
    defaultLocale: defaultLocale === '' ? 'en' : defaultLocale,
    mimeType: own(record, 'mimeType') === 'text/plain' ? 'text/plain' : 'text/html',
    rest,
  };
}

/** The locales the template has, the default first, then by name. */
export function templateLocales(template: TemplateDocument): string[] {
  const all = new Set([...Object.keys(template.message), ...Object.keys(template.subject)]);
  return [...all].sort((a, b) => (a === template.defaultLocale ? -1 : b === template.defaultLocale ? 1 : a.localeCompare(b)));
}

/** True for a locale name the editor accepts (`en`, `fr-BE`, `nl_BE`). */
export function isLocaleName(locale: string): boolean {
  return /^[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8}){0,2}$/.test(locale);
}

/** The document a save (or a preview of the draft) sends. */
export function templateBodyOf(template: TemplateDocument): Record<string, unknown> {
  return { ...template.rest, enabled: template.enabled, subject: { ...template.subject }, message: { ...template.message }, defaultLocale: template.defaultLocale, mimeType: template.mimeType };
}

/** The sample data the preview renders with, as the journeys pass a user (`object`). */
export const SAMPLE_OBJECT: Record<string, unknown> = {
  userName: 'bjensen',
  givenName: 'Barbara',
  sn: 'Jensen',
  mail: 'bjensen@example.com',
  resumeURI: 'https://id.example.com/login?realm=alpha&suspendedId=sample',
};

/** Parses the sample data text: a JSON object, or a problem in words. */
export function sampleObjectOf(source: string): { object: Record<string, unknown> } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    return { problem: 'The sample data is not valid JSON.' };
  }
  if (!isRecord(value)) return { problem: 'The sample data must be a JSON object, such as {"givenName": "Ann"}.' };
  return { object: value };
}

/** A rendered preview. */
export interface TemplatePreview {
  locale: string;
  subject: string;
  text: string;
  html?: string;
}

/** The preview of a preview answer. */
export function templatePreviewOf(answer: unknown): TemplatePreview {
  const record = isRecord(answer) ? answer : {};
  const html = own(record, 'html');
  return { locale: text(record, 'locale'), subject: text(record, 'subject'), text: text(record, 'text'), ...(typeof html === 'string' ? { html } : {}) };
}

/** The page shown in the preview's sandboxed frame: the rendered HTML, nothing able to run. */
export function previewDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:"></head><body>${html}</body></html>`;
}

/** Where an outbox message is. */
export type OutboxStatus = 'stored' | 'pending' | 'sent' | 'failed' | 'withheld';

/** The statuses the filter offers. */
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['stored', 'pending', 'sent', 'failed', 'withheld'];

/** An outbox message as the admin REST answers it. */
export interface OutboxEntry {
  id: string;
  status: OutboxStatus;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  contentType: string;
  template: string;
  locale: string;
  attempts: number;
  lastError: string;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string;
  bodyKept: boolean;
  retryable: boolean;
  body?: { text: string; html?: string };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** An outbox entry of an answer (hostile: every field checked). */
export function outboxEntryOf(value: unknown): OutboxEntry {
  const record = isRecord(value) ? value : {};
  const status = text(record, 'status');
  const attempts = own(record, 'attempts');
  const body = own(record, 'body');
  const entry: OutboxEntry = {
    id: text(record, '_id'),
    status: (OUTBOX_STATUSES as readonly string[]).includes(status) ? (status as OutboxStatus) : 'pending',
    from: text(record, 'from'),
    to: strings(own(record, 'to')),
    cc: strings(own(record, 'cc')),
    bcc: strings(own(record, 'bcc')),
    subject: text(record, 'subject'),
    contentType: text(record, 'contentType'),
    template: text(record, 'template'),
    locale: text(record, 'locale'),
    attempts: typeof attempts === 'number' && Number.isInteger(attempts) && attempts >= 0 ? attempts : 0,
    lastError: text(record, 'lastError'),
    createdAt: text(record, 'createdAt'),
    nextAttemptAt: text(record, 'nextAttemptAt'),
    sentAt: text(record, 'sentAt'),
    bodyKept: own(record, 'bodyKept') === true,
    retryable: own(record, 'retryable') === true,
  };
  if (isRecord(body)) {
    const html = own(body, 'html');
    entry.body = { text: text(body, 'text'), ...(typeof html === 'string' ? { html } : {}) };
  }
  return entry;
}

/** A time as the page shows it (the browser's locale and zone); the text itself when it is not one. */
export function timeText(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toLocaleString();
}

/** The delivery state of a message in words. */
export function deliveryText(entry: OutboxEntry): string {
  switch (entry.status) {
    case 'sent':
      return `Delivered ${timeText(entry.sentAt)}`;
    case 'failed':
      return `Failed after ${entry.attempts} attempt${entry.attempts === 1 ? '' : 's'}: ${entry.lastError || 'no reason given'}`;
    case 'stored':
      return 'Kept: no SMTP server configured';
    case 'withheld':
      return 'Never delivered: no account has this address';
    default:
      return entry.attempts > 0 ? `Attempt ${entry.attempts} failed: ${entry.lastError || 'no reason given'}. Next attempt ${timeText(entry.nextAttemptAt)}` : 'Queued: waiting for delivery';
  }
}

/** True once a message will not change by itself any more (or waits for configuration). */
export function isSettled(entry: OutboxEntry): boolean {
  return entry.status !== 'pending';
}
