/**
 * One call of Arbor's REST from the admin app: same origin with the session cookie, a JSON body
 * out and a JSON answer in (an empty or unreadable answer reads as undefined). A network failure
 * throws `failure(0, 'Arbor cannot be reached', undefined)`; a refusal throws
 * `failure(status, message, body)` with the server's own message (else the status line), so that
 * each client raises its own error class with what it reads from the body.
 */
import { isRecord, own } from './json-guards.ts';

/** Makes the error a failed call throws. */
export type RequestFailure = (status: number, message: string, body: unknown) => Error;

/** What a call sends besides its method and path. */
export interface SendOptions {
  body?: unknown;
  /** Headers besides `accept` and `content-type` (`accept-api-version`, `if-match`…). */
  headers?: Record<string, string>;
  /** `no-store` for answers that change under the page though served cacheable. */
  cache?: RequestCache;
  failure: RequestFailure;
}

/** Sends one request; the parsed JSON answer. */
export async function sendJson(method: string, path: string, options: SendOptions): Promise<unknown> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': 'application/json', ...options.headers } };
  if (options.cache !== undefined) init.cache = options.cache;
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw options.failure(0, 'Arbor cannot be reached', undefined);
  }
  const raw = await response.text();
  let json: unknown;
  try {
    json = raw === '' ? undefined : JSON.parse(raw);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const message = isRecord(json) ? own(json, 'message') : undefined;
    throw options.failure(response.status, typeof message === 'string' && message !== '' ? message.slice(0, 2000) : `${response.status} ${response.statusText}`, json);
  }
  return json;
}
