/**
 * `httpClient.send` on the host: only to hosts on the realm's allow-list (`http-allow-list.ts`),
 * with a timeout, no redirects followed (a 3xx is the script's answer), and an answer body read
 * up to a size limit. Refusals are `ScriptHostError`s the script can catch; one by
 * `ARBOR_OUTBOUND_NETWORKS` says why (the address and the setting), for the administrator.
 */
import { lookup } from 'node:dns/promises';
import type { Dispatcher } from 'undici';
import { publicAddressDispatcher } from './public-address-dispatcher.ts';
import { isIP } from 'node:net';
import { isOutboundAddressError, type OutboundAddressError } from '../net/outbound-networks.ts';
import { isPrivateAddress, matchAllowList } from './http-allow-list.ts';
import { scriptHostError } from './script-host.ts';

/** How the host reaches other servers for scripts. */
export interface ScriptHttpOptions {
  fetch: typeof fetch;
  allowList: readonly string[];
  timeoutMs: number;
  maxResponseBytes: number;
  /** The addresses of a host name (DNS unless a test gives its own). */
  resolve?: (host: string) => Promise<string[]>;
  /** Connects requests of wildcard entries to public addresses only (`publicAddressDispatcher` unless a test gives its own). */
  publicDispatcher?: Dispatcher;
}

/** What the script gets back. */
export interface ScriptHttpAnswer {
  status: number;
  headers: Record<string, string[]>;
  body: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

async function systemResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((entry) => entry.address);
}

function headersOf(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return headers;
  for (const [name, values] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) continue;
    const list: unknown[] = Array.isArray(values) ? values : [values];
    headers[name] = list.filter((entry) => typeof entry === 'string').join(', ');
  }
  return headers;
}

async function readLimited(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw scriptHostError('HTTP_RESPONSE_TOO_LARGE', `the answer is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The `ARBOR_OUTBOUND_NETWORKS` refusal behind a failed fetch (the error itself, or its cause), if it is one. */
function outboundRefusalOf(error: unknown): OutboundAddressError | undefined {
  if (isOutboundAddressError(error)) return error;
  return error instanceof Error && isOutboundAddressError(error.cause) ? error.cause : undefined;
}

/** Sends a script's request (`{url, method, headers, body}`); refused hosts and failures are `ScriptHostError`s. */
export async function sendScriptRequest(args: Record<string, unknown>, options: ScriptHttpOptions): Promise<ScriptHttpAnswer> {
  let url: URL;
  try {
    url = new URL(typeof args.url === 'string' ? args.url : '');
  } catch {
    throw scriptHostError('HTTP_URL_INVALID', 'the URL is not an absolute http or https URL');
  }
  const match = matchAllowList(url, options.allowList);
  if (match === undefined) throw scriptHostError('HTTP_HOST_REFUSED', `${url.host} is not on the realm's scripting.httpAllowList`);
  if (url.username !== '' || url.password !== '') throw scriptHostError('HTTP_URL_INVALID', 'credentials in the URL are not allowed');
  if (!match.exact) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) !== 0 ? [host] : await (options.resolve ?? systemResolve)(host).catch(() => []);
    if (addresses.length === 0) throw scriptHostError('HTTP_HOST_UNKNOWN', `${url.hostname} does not resolve`);
    if (addresses.some(isPrivateAddress)) throw scriptHostError('HTTP_HOST_REFUSED', `${url.hostname} is a private address: list it exactly to allow it`);
  }
  const method = typeof args.method === 'string' && METHODS.has(args.method) ? args.method : 'GET';
  const body = typeof args.body === 'string' && method !== 'GET' && method !== 'HEAD' ? args.body : undefined;
  let response: Response;
  try {
    // A wildcard entry: the connection itself refuses a name that now resolves to a private address.
    const pinned = match.exact ? {} : { dispatcher: options.publicDispatcher ?? publicAddressDispatcher() };
    response = await options.fetch(url, {
      ...pinned,
      method,
      headers: headersOf(args.headers),
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const refusal = outboundRefusalOf(error);
    if (refusal !== undefined) throw scriptHostError('HTTP_FAILED', `the request to ${url.host} was refused: ${refusal.message}`);
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw scriptHostError(timedOut ? 'HTTP_TIMEOUT' : 'HTTP_FAILED', timedOut ? `no answer within ${options.timeoutMs} ms` : `the request to ${url.host} failed`);
  }
  const headers: Record<string, string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = [...(headers[name] ?? []), value];
  });
  const text = await readLimited(response, options.maxResponseBytes).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'ScriptHostError') throw error;
    throw scriptHostError('HTTP_FAILED', `reading the answer of ${url.host} failed`);
  });
  return { status: response.status, headers, body: text };
}
