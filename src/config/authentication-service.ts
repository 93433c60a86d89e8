/**
 * The part of AM's authentication service of a realm (`realm-config/authentication`) that Arbor
 * keeps: `general.externalLoginPageUrl`, the realm's `externalLoginUrl`, the page emailed links
 * open. Checked when written (`externalLoginUrlProblem`: absolute, on an allowed origin); other
 * fields of AM's document are not kept.
 */
import type { RedirectRules } from './allowed-redirect.ts';
import { externalLoginUrlProblem } from './external-login-url.ts';
import type { RealmConfig } from './realm-config.ts';
import { realmConfigError } from './realm-config-error.ts';

/** The service's `_type`, as AM answers it. */
export const AUTHENTICATION_SERVICE_TYPE = Object.freeze({ _id: 'EMPTY', name: 'Core', collection: false });

/** The service as AM's REST API reads it (the fields Arbor keeps). */
export function authenticationServiceBody(realm: RealmConfig): Record<string, unknown> {
  return { _id: '', general: { externalLoginPageUrl: realm.externalLoginUrl }, _type: { ...AUTHENTICATION_SERVICE_TYPE } };
}

/**
 * The `externalLoginUrl` of a PUT body (`{general: {externalLoginPageUrl}}`, empty for Arbor's own
 * `/login`), checked against `rules`; INVALID_AUTHENTICATION_SERVICE names the field at fault.
 */
export function parseAuthenticationServiceBody(body: unknown, rules: RedirectRules): string {
  const field = 'general.externalLoginPageUrl';
  const fail = (problem: string) => realmConfigError('INVALID_AUTHENTICATION_SERVICE', `authentication: ${field} ${problem}`, field);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw realmConfigError('INVALID_AUTHENTICATION_SERVICE', 'authentication: the document must be an object', '');
  const general: unknown = (body as { general?: unknown }).general;
  if (typeof general !== 'object' || general === null || Array.isArray(general)) throw fail('is required: general must be an object');
  const url: unknown = (general as { externalLoginPageUrl?: unknown }).externalLoginPageUrl;
  if (url === undefined || url === null) return '';
  if (typeof url !== 'string') throw fail('must be a string');
  const problem = externalLoginUrlProblem(url, rules);
  if (problem !== undefined) throw fail(problem);
  return url;
}
