/**
 * The link an emailed suspended journey resumes from: the realm's External Login Page URL if set,
 * else Arbor's `/login`, with `realm`, `authIndexType`, `authIndexValue` and `suspendedId`. The
 * page is checked like any redirect target before anything is suspended: one written around the
 * REST check (SQL) and not allowed fails the journey (EXTERNAL_LOGIN_URL_REFUSED) and no link
 * leaves Arbor.
 */
import type { RedirectRules } from '../../config/allowed-redirect.ts';
import { externalLoginUrlProblem } from '../../config/external-login-url.ts';
import type { RealmConfig } from '../../config/realm-config.ts';
import { realmPath } from '../../config/realm-config.ts';
import { journeyError } from './errors.ts';

/** The page emailed links of `realm` open; EXTERNAL_LOGIN_URL_REFUSED when its `externalLoginUrl` is not allowed. */
export function resumePage(realm: RealmConfig, rules: RedirectRules): string {
  if (realm.externalLoginUrl === '') return `${rules.publicUrl}/login`;
  const problem = externalLoginUrlProblem(realm.externalLoginUrl, rules);
  if (problem !== undefined) throw journeyError('EXTERNAL_LOGIN_URL_REFUSED', `The externalLoginUrl of realm ${realm.name} ${problem}: no link is sent`);
  return realm.externalLoginUrl;
}

/** Builds the resume URI for a suspended journey of `tree` in `realm`, on `page` (from `resumePage`). */
export function resumeUri(page: string, realm: RealmConfig, tree: string, suspendedId: string): string {
  const url = new URL(page);
  url.searchParams.set('realm', realmPath(realm.name));
  url.searchParams.set('authIndexType', 'service');
  url.searchParams.set('authIndexValue', tree);
  url.searchParams.set('suspendedId', suspendedId);
  return url.toString();
}
