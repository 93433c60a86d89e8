/**
 * The load generator's HTTP client: one undici `Pool` of keep-alive connections to the proxy,
 * JSON in and out, every request's latency (send to whole body read) handed to `onLatency`. A
 * request that gets no answer rejects with a `SoakRequestError` naming why (its undici or socket
 * code), which the journeys count as an error of that kind.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

/** An answer: its status and its body as JSON (an empty object when it is not a JSON object). */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

/** What a request sends besides its method and path. */
export interface RequestOptions {
  headers?: Record<string, string>;
  body?: unknown;
}

/** A request that got no answer. */
export class SoakRequestError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SoakRequestError';
    this.code = code;
  }
}

/** The client. */
export interface SoakClient {
  send(method: 'GET' | 'POST' | 'PUT', path: string, options?: RequestOptions): Promise<Answer>;
  close(): Promise<void>;
}

/** A JSON object parsed from `text`, or an empty object. */
export function jsonObject(text: string): Record<string, unknown> {
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown';
}

/** A client of `origin` with at most `connections` connections, timing out after `timeoutMs` without an answer. */
export function createSoakClient(origin: string, options: { connections: number; timeoutMs: number; onLatency(ms: number): void }): SoakClient {
  const pool = new Pool(origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  return {
    async send(method, path, request = {}) {
      const headers: Record<string, string> = { 'accept-api-version': 'protocol=1.0,resource=2.1', ...request.headers };
      if (request.body !== undefined) headers['content-type'] = 'application/json';
      const started = performance.now();
      try {
        const answer = await pool.request({ method, path, headers, ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }) });
        const text = await answer.body.text();
        options.onLatency(performance.now() - started);
        return { status: answer.statusCode, body: jsonObject(text), text };
      } catch (error) {
        throw new SoakRequestError(codeOf(error), error instanceof Error ? error.message : String(error));
      }
    },
    close: () => pool.close(),
  };
}
