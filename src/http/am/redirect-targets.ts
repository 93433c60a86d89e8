/**
 * `goto` / `gotoOnFail` targets, and the `successUrl` / `failureUrl` an answer carries: honoured
 * only as `allowedRedirect` allows them (Arbor's own paths, the public origin, ARBOR_CORS_ORIGINS,
 * the realm's `validGotoDestinations`), so that Arbor never sends a browser off-site.
 */
import type { RedirectRules } from '../../config/allowed-redirect.ts';
import { allowedRedirect, firstAllowedRedirect, redirectRulesFor } from '../../config/allowed-redirect.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import type { ServerSettings } from '../../config/server-settings.ts';

/** The rules of `realm` on this server. */
export function redirectRulesOf(settings: Pick<ServerSettings, 'publicUrl' | 'corsOrigins'>, realm: RealmConfig): RedirectRules {
  return redirectRulesFor(settings, realm);
}

/** The target when allowed (normalized), else undefined (the realm's default applies). */
export function checkedRedirect(target: string | undefined, rules: RedirectRules): string | undefined {
  return allowedRedirect(target, rules);
}

/**
 * The `successUrl` of a success: the journey's (a Success URL node's, else the checked `goto`, else
 * the realm's), checked again here where it leaves Arbor; a target that is not allowed gives way to
 * the realm's `successUrl`, and that one, if not allowed either, to `/`.
 */
export function answeredSuccessUrl(successUrl: string, realm: RealmConfig, rules: RedirectRules): string {
  return firstAllowedRedirect([successUrl, realm.successUrl], rules, '/');
}

/** The `failureUrl` of a failure: the checked `gotoOnFail` when still allowed, else `""`. */
export function answeredFailureUrl(failureUrl: string, rules: RedirectRules): string {
  return allowedRedirect(failureUrl, rules) ?? '';
}
