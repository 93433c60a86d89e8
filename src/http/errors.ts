/**
 * ForgeRock's error body `{code, reason, message, detail?}` and an error type that carries it.
 * Every HTTP error Arbor answers goes through here; nothing else writes error bodies.
 */

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** The body of every error response. */
export interface ErrorBody {
  code: number;
  reason: string;
  message: string;
  detail?: Record<string, unknown>;
}

/** The HTTP reason phrase of a status. */
export function reasonOf(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

/** Builds an error body. */
export function errorBody(status: number, message: string, detail?: Record<string, unknown>): ErrorBody {
  return detail === undefined ? { code: status, reason: reasonOf(status), message } : { code: status, reason: reasonOf(status), message, detail };
}

/** An error that becomes exactly this HTTP answer. */
export interface HttpError extends Error {
  status: number;
  body: ErrorBody;
}

/** Makes an HttpError. */
export function httpError(status: number, message: string, detail?: Record<string, unknown>): HttpError {
  return Object.assign(new Error(message), { name: 'HttpError', status, body: errorBody(status, message, detail) });
}

/** True for errors made by `httpError`. */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof Error && error.name === 'HttpError' && 'body' in error;
}
