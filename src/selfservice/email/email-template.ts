/**
 * IDM's `emailTemplate-<name>` documents (`/openidm/config/emailTemplate/<name>`): localized
 * subject and message as Handlebars templates, sender, default locale and MIME type. Every
 * localized text is compiled on parse, so a template that would fail at send time is refused on save.
 */
import { parsedOnce } from '../../cache/parsed-once.ts';
import type { ConfigRepository } from '../../config/ports.ts';
import { emailError, isEmailError } from './errors.ts';
import { describeUnsafeKey, findUnsafeKey } from '../../json/unsafe-keys.ts';
import { fieldReaders, isPlainObject } from './field-readers.ts';
import { checkTemplateSyntax } from './handlebars-runtime.ts';

/** The MIME types a template may declare. */
export type EmailMimeType = 'text/html' | 'text/plain';

/** A parsed email template; unknown fields stay as they were. */
export interface EmailTemplate {
  enabled: boolean;
  /** Sender; `""` means the `from` of `external.email`. */
  from: string;
  /** locale → subject template. */
  subject: Record<string, string>;
  /** locale → body template: what is sent. */
  message: Record<string, string>;
  /** locale → the source the admin UI edits (IDM 7), kept but not sent. */
  html?: Record<string, string>;
  /** CSS the admin UI inlines into `message` (IDM 7), kept but not sent. */
  styles?: string;
  defaultLocale: string;
  mimeType: EmailMimeType;
  [key: string]: unknown;
}

/** Valid template names. */
export const TEMPLATE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Locale keys: `en`, `fr-BE`, `zh_Hant_TW` (IDM accepts Java's underscores too). */
const LOCALE_PATTERN = /^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/;

/** The config id of template `name` (`emailTemplate/resetPassword`); throws on a bad name. */
export function templateConfigId(name: string): string {
  if (!TEMPLATE_NAME_PATTERN.test(name)) {
    throw emailError('INVALID_TEMPLATE_NAME', `Invalid email template name "${name.slice(0, 80)}": use 1 to 64 letters, digits, - or _`);
  }
  return `emailTemplate/${name}`;
}

function fail(field: string, message: string): never {
  throw emailError('INVALID_EMAIL_TEMPLATE', `emailTemplate: ${message}`, field);
}

const read = fieldReaders(fail);

function localized(field: string, value: unknown, options: { required: boolean; compile: boolean }): Record<string, string> | undefined {
  if (value === undefined || value === null) {
    if (options.required) fail(field, `${field} is required: an object of locale → text`);
    return undefined;
  }
  if (!isPlainObject(value)) fail(field, `${field} must be an object of locale → text`);
  const entries = Object.entries(value);
  if (options.required && entries.length === 0) fail(field, `${field} needs at least one locale`);
  const texts: Record<string, string> = {};
  for (const [locale, text] of entries) {
    if (!LOCALE_PATTERN.test(locale)) fail(`${field}.${locale}`, `${field} has an invalid locale key "${locale}"`);
    if (typeof text !== 'string') fail(`${field}.${locale}`, `${field}.${locale} must be a string`);
    if (options.compile) {
      try {
        checkTemplateSyntax(text);
      } catch (error) {
        if (isEmailError(error)) fail(`${field}.${locale}`, `${field}.${locale} is not a valid template: ${error.message}`);
        throw error;
      }
    }
    texts[locale] = text;
  }
  return texts;
}

/** Parses an email template document; throws INVALID_EMAIL_TEMPLATE naming the field at fault. */
export function parseEmailTemplate(value: unknown): EmailTemplate {
  if (!isPlainObject(value)) fail('', 'the document must be a JSON object');
  const unsafe = findUnsafeKey(value);
  if (unsafe !== undefined) fail(unsafe.at.replace(/^\//, '').replaceAll('/', '.'), `the document is not valid: ${describeUnsafeKey(unsafe)}`);
  const subject = localized('subject', value.subject, { required: true, compile: true }) ?? {};
  const message = localized('message', value.message, { required: true, compile: true }) ?? {};
  const html = localized('html', value.html, { required: false, compile: false });
  const styles = read.optionalString('styles', value.styles);
  const mimeType = read.optionalString('mimeType', value.mimeType) ?? 'text/html';
  if (mimeType !== 'text/html' && mimeType !== 'text/plain') fail('mimeType', 'mimeType must be text/html or text/plain');
  const defaultLocale = read.optionalString('defaultLocale', value.defaultLocale) ?? 'en';
  if (!LOCALE_PATTERN.test(defaultLocale)) fail('defaultLocale', `defaultLocale "${defaultLocale}" is not a locale`);
  const from = read.optionalString('from', value.from)?.trim() ?? '';
  if (from !== '' && !from.includes('@')) fail('from', 'from must be an email address, or "" for the external.email sender');
  const template: EmailTemplate = {
    ...value,
    enabled: read.optionalBoolean('enabled', value.enabled) ?? true,
    from,
    subject,
    message,
    defaultLocale,
    mimeType,
  };
  delete template._id;
  if (html === undefined) delete template.html;
  else template.html = html;
  if (styles === undefined) delete template.styles;
  else template.styles = styles;
  return template;
}

/** Parses (and compiles, to check) a stored template; a cached (frozen) one once, its result shared (and frozen). */
const parseStoredEmailTemplate = parsedOnce(parseEmailTemplate);

/** The stored template `name`, parsed; undefined when there is none. */
export async function readEmailTemplate(configs: ConfigRepository, name: string): Promise<EmailTemplate | undefined> {
  const stored = await configs.get(templateConfigId(name));
  return stored === undefined || stored === null ? undefined : parseStoredEmailTemplate(stored);
}
