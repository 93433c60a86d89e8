/**
 * What the journey pages and the account page read alike from a request: a query parameter given
 * once, the realm a `realm=` names, the page language, and the cookie that remembers a language
 * chosen with the switcher.
 */
import type { FastifyRequest } from 'fastify';
import type { ServerSettings } from '../config/server-settings.ts';
import type { PageLanguage } from './i18n/page-language.ts';
import { choosePageLanguage, pageLanguageOf } from './i18n/page-language.ts';
import { languageCookie } from './language-cookie.ts';

const REALM_NAME = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){0,8}$/;

/** A realm as `realm=` names it (`/alpha`, `alpha`, `/`, `root`), or undefined when malformed. */
export function realmNameOf(value: string | undefined): string | undefined {
  const name = (value ?? '/').replace(/^\/+/, '').replace(/^root(\/|$)/, '');
  if (name === '') return 'root';
  return REALM_NAME.test(name) ? name : undefined;
}

/** A query parameter given once, '' when absent, undefined when repeated. */
export function queryValue(request: FastifyRequest, name: string): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const value = query !== undefined && Object.hasOwn(query, name) ? query[name] : '';
  return typeof value === 'string' ? value : undefined;
}

/** The page language of `request`: `?locale=`, the `arbor-locale` cookie, then Accept-Language. */
export function requestLanguage(request: FastifyRequest): PageLanguage {
  const header = request.headers['accept-language'];
  return choosePageLanguage({ query: queryValue(request, 'locale'), cookie: request.headers.cookie, acceptLanguage: typeof header === 'string' ? header : undefined });
}

/** The `Set-Cookie` that remembers a language chosen with the switcher (`?locale=`), or undefined. */
export function chosenLanguageCookie(settings: Pick<ServerSettings, 'secureCookie'>, request: FastifyRequest): string | undefined {
  const chosen = pageLanguageOf(queryValue(request, 'locale') || undefined);
  return chosen === undefined ? undefined : languageCookie(settings, chosen);
}
