/** Typed errors of realm configuration written over AM's realm-config REST services, naming the field at fault. */

/** Stable codes of realm configuration errors. */
export type RealmConfigErrorCode =
  /** The Validation Service body (`validGotoDestinations`) is malformed. */
  | 'INVALID_VALIDATION_SERVICE'
  /** The authentication service body (`general.externalLoginPageUrl`, `security`'s lockout, `core.orgConfig`) is malformed or not allowed. */
  | 'INVALID_AUTHENTICATION_SERVICE'
  /** The Session service body (`dynamic.maxSessionTime`, `maxIdleTime`) is malformed. */
  | 'INVALID_SESSION_SERVICE'
  /** The realm settings document (`realm-config/settings`) is malformed. */
  | 'INVALID_REALM_SETTINGS';

/** A realm configuration error: `field` is the dotted path at fault (`validGotoDestinations[0]`). */
export interface RealmConfigError extends Error {
  readonly code: RealmConfigErrorCode;
  readonly field: string;
}

/** Makes a realm configuration error. */
export function realmConfigError(code: RealmConfigErrorCode, message: string, field: string): RealmConfigError {
  return Object.assign(new Error(message), { name: 'RealmConfigError', code, field });
}

/** True when `value` is a realm configuration error. */
export function isRealmConfigError(value: unknown): value is RealmConfigError {
  return value instanceof Error && value.name === 'RealmConfigError';
}
