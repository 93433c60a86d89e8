/**
 * The cookie that keeps the language a person chose with the pages' language switcher
 * (`?locale=fr`): `arbor-locale`, for a year, on the whole site (the account page reads it too),
 * `SameSite=Lax`, `Secure` behind https. Not HttpOnly: it holds nothing secret.
 */
import type { ServerSettings } from '../config/server-settings.ts';
import type { PageLanguage } from './i18n/page-language.ts';
import { LANGUAGE_COOKIE } from './i18n/page-language.ts';

/** A year, in seconds. */
const ONE_YEAR = 365 * 24 * 60 * 60;

/** The `Set-Cookie` value that remembers `language`. */
export function languageCookie(settings: Pick<ServerSettings, 'secureCookie'>, language: PageLanguage): string {
  return `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax${settings.secureCookie ? '; Secure' : ''}`;
}
