/**
 * One call of Arbor's IDM REST for the Terms and Security questions sections (same origin, the
 * session cookie). A refusal throws an `IdmRequestError` (an `AmRequestError`: the shell signs out
 * on 401) with the server's own message and the field it names (`detail.field`), when it names one.
 */
import { isRecord, own } from './am-client.ts';
import { sendJson } from './send-json.ts';
import { IdmRequestError } from './idm-client.ts';

/** A refused self-service config call: the server's message, and the field or version it names. */
export class ConfigRequestError extends IdmRequestError {
  readonly field: string;
  constructor(status: number, message: string, field: string) {
    super(status, message, []);
    this.field = field;
  }
}

/** Sends `body` (JSON) with `method` to `path`; the JSON answer. */
export function idmRequest(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<unknown> {
  return sendJson(method, path, {
    body,
    failure: (status, message, json) => {
      const detail = isRecord(json) ? own(json, 'detail') : undefined;
      const field = isRecord(detail) ? own(detail, 'field') : undefined;
      return new ConfigRequestError(status, message, typeof field === 'string' ? field : '');
    },
  });
}
