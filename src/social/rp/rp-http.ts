/**
 * The relying party's only way to talk to a provider: one HTTP(S) request with a deadline, a size
 * limit, no redirects followed, an optional trust store and an optional TLS client certificate
 * (mTLS client authentication). Built on `node:http`/`node:https` rather than `fetch` because the
 * global `fetch` cannot present a client certificate or trust an extra CA without an undici
 * `Agent`, and undici is not a dependency of Arbor.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { socialRpError } from './errors.ts';

/** How the relying party reaches providers. */
export interface RpHttpOptions {
  /** Deadline of each request, connection included (default 10 s). */
  timeoutMs: number;
  /** The largest answer accepted (default 1 MiB). */
  maxResponseBytes: number;
  /** Extra CA certificates (PEM) trusted for providers' TLS, beside the system's (`useCustomTrustStore`). */
  trustedCaPem?: readonly string[];
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

/** Default options: 10 s, 1 MiB. */
export const DEFAULT_RP_HTTP_OPTIONS: RpHttpOptions = { timeoutMs: 10_000, maxResponseBytes: 1024 * 1024 };

/** Sends one request; provider-side failures become SocialRpErrors (unreachable, timeout, too large). */
export function sendRpRequest(options: RpHttpOptions, request: RpHttpRequest): Promise<RpHttpResponse> {
  const url = new URL(request.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return Promise.reject(socialRpError('CONFIGURATION_INVALID', `the ${request.what} URL is neither http nor https`));
  }
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
    const outgoing = send(url, { method: request.method, headers, agent: false, ...tls }, (incoming) => {
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
