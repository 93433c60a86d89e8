/**
 * A realm's `externalLoginUrl` (AM's "External Login Page URL"): the page emailed resume links
 * open, carrying a single-use `suspendedId`. A link to another site would hand that id to it, so
 * the page must be where a redirect may go (`allowedRedirect`), and absolute (it is opened from a
 * mail client): an http(s) URL on ARBOR_PUBLIC_URL's origin, one of ARBOR_CORS_ORIGINS, or the
 * realm's `validGotoDestinations`, without a fragment. Empty means Arbor's own `/login`.
 */
import { allowedRedirect } from './allowed-redirect.ts';
import type { RedirectRules } from './allowed-redirect.ts';

/** Why `url` cannot be the realm's external login page, or undefined when it can. */
export function externalLoginUrlProblem(url: string, rules: RedirectRules): string | undefined {
  if (url === '') return undefined;
  if (!/^https?:\/\//i.test(url)) return 'must be an absolute http:// or https:// URL (mail clients open it)';
  if (url.includes('#')) return 'must not have a fragment (Arbor adds its parameters to the query)';
  if (allowedRedirect(url, rules) === undefined) {
    return "must be on ARBOR_PUBLIC_URL's origin, one of ARBOR_CORS_ORIGINS or allowed by the realm's validGotoDestinations, without user info, spaces, control characters or backslashes";
  }
  return undefined;
}
