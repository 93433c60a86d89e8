/**
 * Domain errors of the IDM surface as Common REST answers: each typed code has its status
 * (400, 403 with the policy result as `detail`, 404, 409, 412); anything else stays a 500.
 */
import type { CrestErrorCode } from '../../identity/crest/errors.ts';
import { isCrestError } from '../../identity/crest/errors.ts';
import type { IdentityErrorCode } from '../../identity/errors.ts';
import { hasErrorCode, isIdentityError } from '../../identity/errors.ts';
import { isQueryFilterError } from '../../identity/query-filter/errors.ts';
import { httpError, isHttpError } from '../errors.ts';

const CREST_STATUS: Record<CrestErrorCode, number> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  PRECONDITION_FAILED: 412,
  POLICY_VALIDATION_FAILED: 403,
  FORBIDDEN: 403,
  CONFLICT: 409,
  CONCURRENT_UPDATE: 409,
};

const IDENTITY_STATUS: Partial<Record<IdentityErrorCode, number>> = {
  PASSWORD_TOO_LONG: 400,
  KBA_ANSWER_TOO_LONG: 400,
  KBA_ANSWER_NOT_ACCEPTED: 400,
  POLICY_VALIDATION_FAILED: 403,
  INVALID_MANAGED_CONFIG: 400,
  UNKNOWN_MANAGED_TYPE: 404,
  UNSUPPORTED_IDENTITY_RESOURCE: 404,
  OBJECT_NOT_FOUND: 404,
  CONCURRENT_UPDATE: 409,
  INVALID_ATTRIBUTE_NAME: 400,
};

// Store errors a client causes: a malformed paged-results cookie, an attribute name that cannot be one.
const CLIENT_STORE_CODES = ['INVALID_QUERY', 'INVALID_ATTRIBUTE'];

function detailOf(detail: unknown): Record<string, unknown> | undefined {
  return typeof detail === 'object' && detail !== null && !Array.isArray(detail) ? (detail as Record<string, unknown>) : undefined;
}

/** The HTTP error for `error`, or `error` itself when it is not a client's fault (then a 500). */
export function toHttpError(error: unknown): unknown {
  if (isHttpError(error)) return error;
  if (isCrestError(error)) return httpError(CREST_STATUS[error.code], error.message, error.detail);
  if (isIdentityError(error)) {
    const status = IDENTITY_STATUS[error.code];
    return status === undefined ? error : httpError(status, error.message, detailOf(error.detail));
  }
  if (isQueryFilterError(error)) return httpError(400, error.message);
  if (error instanceof Error && CLIENT_STORE_CODES.some((code) => hasErrorCode(error, code))) return httpError(400, error.message);
  return error;
}
