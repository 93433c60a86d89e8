/**
 * Who administers Arbor: for now the bootstrap administrator `amadmin` of the root realm. The IDM
 * REST API gives them every right; the credential checks never lock them out by failures (anyone
 * could), but throttle their failed sign-ins per client address instead.
 */

/** The realm whose administrators administer Arbor. */
export const ADMIN_REALM = 'root';

/** The administrators' user names in `ADMIN_REALM`. */
export const ADMINISTRATOR_NAMES: readonly string[] = ['amadmin'];

/** True when `userName` of realm `realmName` is an administrator (user names compare case-insensitively, as sign-ins do). */
export function isAdministrator(realmName: string, userName: unknown): boolean {
  return realmName === ADMIN_REALM && typeof userName === 'string' && ADMINISTRATOR_NAMES.includes(userName.trim().toLowerCase());
}
