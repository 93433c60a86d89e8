/**
 * Typed errors of the self-service configuration (KBA, terms, consent). Each names the field or
 * version at fault, so that an administrator's PUT answers a 400 that says what to fix.
 */

/** Stable codes of self-service configuration errors. */
export type SelfServiceConfigErrorCode =
  /** `selfservice.kba` does not have IDM's shape, or its minimums are inconsistent. */
  | 'INVALID_KBA_CONFIG'
  /** `selfservice.terms` does not have IDM's shape (`versions`, `active`, `uiConfig`). */
  | 'INVALID_TERMS_CONFIG'
  /** The consent document does not have Arbor's shape (`mappings[]`). */
  | 'INVALID_CONSENT_CONFIG'
  /** A Self Service Trees body without a `treeMapping` of endpoint → tree name strings. */
  | 'INVALID_SELF_SERVICE_TREES'
  /** A published terms version cannot change: its text is what users accepted. */
  | 'TERMS_VERSION_PUBLISHED'
  /** No terms version has that name. */
  | 'TERMS_VERSION_NOT_FOUND'
  /** A terms version of that name already exists. */
  | 'TERMS_VERSION_EXISTS'
  /** Only a published terms version can be made active. */
  | 'TERMS_VERSION_NOT_PUBLISHED'
  /** A security answer longer than can be hashed. */
  | 'KBA_ANSWER_TOO_LONG';

/** A self-service configuration error: an `Error` with a stable `code` and the field it is about. */
export interface SelfServiceConfigError extends Error {
  readonly code: SelfServiceConfigErrorCode;
  /** The field path (`minimumAnswersToVerify`, `versions[1].termsTranslations.en`) or terms version at fault. */
  readonly field?: string;
}

/** Makes a self-service configuration error. */
export function selfServiceConfigError(code: SelfServiceConfigErrorCode, message: string, field?: string): SelfServiceConfigError {
  const extra = field === undefined ? { code } : { code, field };
  return Object.assign(new Error(message), { name: 'SelfServiceConfigError' }, extra);
}

/** True when `value` is a self-service configuration error (with `code`, when given). */
export function isSelfServiceConfigError(value: unknown, code?: SelfServiceConfigErrorCode): value is SelfServiceConfigError {
  return (
    value instanceof Error &&
    value.name === 'SelfServiceConfigError' &&
    typeof (value as Partial<SelfServiceConfigError>).code === 'string' &&
    (code === undefined || (value as Partial<SelfServiceConfigError>).code === code)
  );
}
