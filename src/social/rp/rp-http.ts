/**
 * The relying party's only way to talk to a provider: one HTTP(S) request with a deadline, a size
 * limit, no redirects followed, an optional trust store and an optional TLS client certificate
 * (mTLS client authentication), to the addresses `ARBOR_OUTBOUND_NETWORKS` allows (an IP literal
 * judged before anything is sent, a host name by the connection's own lookup, so the address
 * judged is the address connected to). Built on `node:http`/`node:https` rather than `fetch`
 * because the global `fetch` cannot present a client certificate or trust an extra CA without an
 * undici `Agent` per provider.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { guardedLookup } from '../../net/guarded-lookup.ts';
import { DEFAULT_OUTBOUND_NETWORKS, isOutboundAddressError, literalHostRefusal, type OutboundNetworks } from '../../net/outbound-networks.ts';
import { socialRpError } from './errors.ts';

/** How the relying party reaches providers. */
export interface RpHttpOptions {
  /** Deadline of each request, connection included (default 10 s). */
  timeoutMs: number;
  /** The largest answer accepted (default 1 MiB). */
  maxResponseBytes: number;
  /** Extra CA certificates (PEM) trusted for providers' TLS, beside the system's (`useCustomTrustStore`). */
  trustedCaPem?: readonly string[];
  /** The addresses providers may be at (`ARBOR_OUTBOUND_NETWORKS`; all but link-local by default). */
  outboundNetworks: OutboundNetworks;
}

/** A TLS client certificate and its private key, PEM. */
export interface RpTlsClientCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/** One request to a provider. */
export interface RpHttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  clientCertificate?: RpTlsClientCertificate | undefined;
  /** What is being called, for error messages (`token endpoint`, `JWKS`…). */
  what: string;
}

/** A provider's answer. */
export interface RpHttpResponse {
  status: number;
  /** The media type, lower case, without parameters (`application/json`), or an empty string. */
  contentType: string;
  text: string;
  header(name: string): string | undefined;
}

/** Default options: 10 s, 1 MiB, every address but link-local ones. */
export const DEFAULT_RP_HTTP_OPTIONS: RpHttpOptions = { timeoutMs: 10_000, maxResponseBytes: 1024 * 1024, outboundNetworks: DEFAULT_OUTBOUND_NETWORKS };

/**
 * Sends one request; provider-side failures become SocialRpErrors (unreachable, timeout, too
 * large). An address `ARBOR_OUTBOUND_NETWORKS` does not allow is `PROVIDER_UNREACHABLE`, saying so.
 */
export function sendRpRequest(options: RpHttpOptions, request: RpHttpRequest): Promise<RpHttpResponse> {
  const url = new URL(request.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return Promise.reject(socialRpError('CONFIGURATION_INVALID', `the ${request.what} URL is neither http nor https`));
  }
  const networks = options.outboundNetworks;
  const refusal = literalHostRefusal(networks, url.hostname);
  if (refusal !== undefined) return Promise.reject(socialRpError('PROVIDER_UNREACHABLE', `the ${request.what} at ${url.origin} could not be reached: ${refusal.message}`, refusal));
  const lookup = networks === 'all' ? {} : { lookup: guardedLookup(networks) };
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  const headers: Record<string, string> = { ...request.headers };
  if (body !== undefined) headers['content-length'] = String(body.byteLength);
  const tls: https.RequestOptions =
    url.protocol === 'https:'
      ? {
          ...(options.trustedCaPem === undefined ? {} : { ca: [...options.trustedCaPem] }),
          ...(request.clientCertificate === undefined ? {} : { cert: request.clientCertificate.certificatePem, key: request.clientCertificate.privateKeyPem }),
        }
      : {};
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outgoing.destroy();
      reject(error);
    };
    const outgoing = send(url, { method: request.method, headers, agent: false, ...lookup, ...tls }, (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > options.maxResponseBytes) {
          fail(socialRpError('PROVIDER_RESPONSE_TOO_LARGE', `the ${request.what} answered more than ${options.maxResponseBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      incoming.on('error', (error) => fail(socialRpError('PROVIDER_UNREACHABLE', `the ${request.what} connection failed: ${error.message}`)));
      incoming.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        const rawType = incoming.headers['content-type'] ?? '';
        resolve({
          status: incoming.statusCode ?? 0,
          contentType: (rawType.split(';')[0] ?? '').trim().toLowerCase(),
          text: Buffer.concat(chunks).toString('utf8'),
          header: (name) => {
            const value = incoming.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : value;
          },
        });
      });
    });
    const deadline = setTimeout(
      () => fail(socialRpError('PROVIDER_TIMEOUT', `the ${request.what} at ${url.origin} did not answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    outgoing.on('error', (error) =>
      fail(socialRpError('PROVIDER_UNREACHABLE', `the ${request.what} at ${url.origin} could not be reached: ${errorCode(error)}`)),
    );
    outgoing.end(body);
  });
}

function errorCode(error: Error): string {
  if (isOutboundAddressError(error)) return error.message;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? `${code} (${error.message})` : error.message;
}

/** Parses a JSON object answer; undefined when it is not one. (`JSON.parse` defines own data properties only, `__proto__` included, so the result has no prototype surprises.) */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}
