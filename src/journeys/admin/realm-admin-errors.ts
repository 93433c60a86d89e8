/** Typed errors of realm administration (`realm-admin.ts`), with stable codes. */

/** Why a realm call failed. */
export type RealmAdminErrorCode = 'REALM_NOT_FOUND' | 'REALM_EXISTS' | 'REALM_INVALID' | 'REALM_ROOT';

/** A realm administration error. */
export interface RealmAdminError extends Error {
  name: 'RealmAdminError';
  code: RealmAdminErrorCode;
}

/** Makes a RealmAdminError. */
export function realmAdminError(code: RealmAdminErrorCode, message: string): RealmAdminError {
  return Object.assign(new Error(message), { name: 'RealmAdminError' as const, code });
}

/** True for errors made by `realmAdminError`. */
export function isRealmAdminError(error: unknown): error is RealmAdminError {
  return error instanceof Error && error.name === 'RealmAdminError' && 'code' in error;
}
