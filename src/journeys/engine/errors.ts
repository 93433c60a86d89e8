/** Typed errors of the journey engine, with stable codes the HTTP layer maps to AM's answers. */

/** Stable codes of journey engine errors. */
export type JourneyErrorCode =
  | 'TREE_NOT_FOUND'
  | 'TREE_DISABLED'
  | 'TREE_INNER_ONLY'
  | 'TREE_INVALID'
  /** The revision of a tree a running journey uses is no longer stored (purged): the journey has to start again. */
  | 'TREE_REVISION_GONE'
  | 'AUTH_ID_MALFORMED'
  | 'AUTH_ID_INVALID'
  | 'AUTH_ID_EXPIRED'
  | 'SUSPENDED_ID_INVALID'
  | 'BAD_SUBMISSION'
  | 'LOOP_GUARD'
  | 'UNKNOWN_OUTCOME'
  /** The realm's `externalLoginUrl` is not an allowed target (written around the REST check): no emailed link. */
  | 'EXTERNAL_LOGIN_URL_REFUSED'
  /** A node needs a capability's service (social sign-in, scripting…) this server was built without. */
  | 'CAPABILITY_MISSING';

/** An engine error; `message` is safe to show to the client. */
export interface JourneyError extends Error {
  code: JourneyErrorCode;
}

/** Makes a journey error. */
export function journeyError(code: JourneyErrorCode, message: string): JourneyError {
  return Object.assign(new Error(message), { code, name: 'JourneyError' });
}

/** True for errors made by `journeyError`. */
export function isJourneyError(error: unknown): error is JourneyError {
  return error instanceof Error && error.name === 'JourneyError' && typeof (error as { code?: unknown }).code === 'string';
}
