/**
 * The link an emailed suspended journey resumes from: the realm's External Login Page URL if set,
 * else Arbor's `/login`, with `realm`, `authIndexType`, `authIndexValue` and `suspendedId`.
 */
import type { RealmConfig } from '../../config/realm-config.ts';
import { realmPath } from '../../config/realm-config.ts';

/** Builds the resume URI for a suspended journey of `tree` in `realm`. */
export function resumeUri(realm: RealmConfig, publicUrl: string, tree: string, suspendedId: string): string {
  const base = realm.externalLoginUrl !== '' ? realm.externalLoginUrl : `${publicUrl}/login`;
  const url = new URL(base);
  url.searchParams.set('realm', realmPath(realm.name));
  url.searchParams.set('authIndexType', 'service');
  url.searchParams.set('authIndexValue', tree);
  url.searchParams.set('suspendedId', suspendedId);
  return url.toString();
}
