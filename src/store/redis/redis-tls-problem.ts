/**
 * What went wrong in a TLS connection to Redis, in words: a certificate not signed by a trusted
 * CA, one that does not name the host, one expired, a server that does not speak TLS on that port
 * or that wants a client certificate. Read from Node's error code or, where ioredis kept only the
 * message (the last error of the sentinels), from the message. When ioredis kept neither (a
 * sentinel or a cluster node whose handshake failed leaves only "Connection is closed."),
 * `probeRedisTls` asks the hosts themselves with one bounded TLS handshake each, with the same
 * options, so that a start over TLS never fails with a reason that hides the certificate problem.
 */
import { type ConnectionOptions, connect, type TLSSocket } from 'node:tls';
import { errorCodeOf } from '../store-connection-error.ts';
import type { RedisHost } from './parse-redis-url.ts';

/** Hosts asked at most by one probe. */
const MAX_PROBED_HOSTS = 8;

/** Codes (or messages) of a certificate no trusted CA signed. */
const UNTRUSTED =
  /SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|CERT_SIGNATURE_FAILURE|CERT_UNTRUSTED|self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate|certificate signature failure/i;

/** The words for `error` when it is a TLS failure, else undefined; `caGiven`: ARBOR_REDIS_CA_FILE is set. */
export function redisTlsProblem(error: unknown, caGiven: boolean): string | undefined {
  const code = errorCodeOf(error) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const text = `${code} ${message}`;
  if (/ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames/i.test(text)) {
    const detail = /altnames: (.{1,300})$/.exec(message)?.[1];
    return `the server's TLS certificate is not for the name or address connected to${detail === undefined ? '' : ` (${detail})`}`;
  }
  if (UNTRUSTED.test(text)) {
    return caGiven ? "the server's TLS certificate is not signed by a CA of ARBOR_REDIS_CA_FILE" : "the server's TLS certificate is not signed by a CA this system trusts (set ARBOR_REDIS_CA_FILE to a private CA's certificate)";
  }
  if (/CERT_HAS_EXPIRED|certificate has expired/i.test(text)) return "the server's TLS certificate has expired";
  if (/CERT_NOT_YET_VALID|certificate is not yet valid/i.test(text)) return "the server's TLS certificate is not valid yet";
  if (/certificate required/i.test(text)) return 'the server requires a client certificate, which Arbor does not send (set tls-auth-clients to no or optional on the server)';
  if (/wrong version number|packet length too long|unknown protocol|ERR_SSL_WRONG_VERSION_NUMBER|ERR_SSL_PACKET_LENGTH_TOO_LONG/i.test(text)) {
    return 'the server does not answer in TLS on that port (is it its TLS port?)';
  }
  if (/^ERR_SSL_|^ERR_TLS_/.test(code) || /SSL routines/.test(message)) return `the TLS handshake failed (${opensslReason(error, message)})`;
  return undefined;
}

/** OpenSSL's short reason (`sslv3 alert handshake failure`), without its source file and line. */
function opensslReason(error: unknown, message: string): string {
  const reason = typeof error === 'object' && error !== null && Object.hasOwn(error, 'reason') && 'reason' in error ? error.reason : undefined;
  if (typeof reason === 'string' && reason !== '') return reason.slice(0, 200);
  return (/SSL routines:[^:]*:([^:]{1,200})/.exec(message)?.[1] ?? message).slice(0, 200);
}

/** The TLS problem of one handshake with `host`, or undefined when it succeeds, fails otherwise, or takes longer than `timeoutMs`. */
function probe(host: RedisHost, tls: ConnectionOptions, timeoutMs: number, caGiven: boolean): Promise<string | undefined> {
  return new Promise((resolve) => {
    let socket: TLSSocket;
    try {
      // As ioredis connects: SNI only when `tls` names a server, the certificate checked against that name or the host.
      socket = connect({ ...tls, host: host.host, port: host.port });
    } catch {
      resolve(undefined);
      return;
    }
    let settled = false;
    const done = (problem: string | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.once('secureConnect', () => done(undefined));
    // Kept after the first error too: a late one must not become an unhandled 'error' event.
    socket.on('error', (error: unknown) => done(redisTlsProblem(error, caGiven)));
  });
}

/** The first TLS problem a handshake with each of `hosts` (the first few, at once) shows, and its host; undefined when none shows one. */
export async function probeRedisTls(hosts: readonly RedisHost[], tls: ConnectionOptions, timeoutMs: number, caGiven: boolean): Promise<{ host: RedisHost; problem: string } | undefined> {
  const probed = hosts.slice(0, MAX_PROBED_HOSTS);
  const problems = await Promise.all(probed.map((host) => probe(host, tls, timeoutMs, caGiven)));
  const index = problems.findIndex((problem) => problem !== undefined);
  const host = probed[index];
  const problem = problems[index];
  return host === undefined || problem === undefined ? undefined : { host, problem };
}
