/**
 * Words for why a first connection to Redis failed, on any ARBOR_REDIS_URL form: what the network
 * said (`connection refused`), what the sentinels said (`no sentinel knows a master named x`), an
 * authentication or TLS failure (`the server's TLS certificate is not signed by …`), never a
 * password. Over TLS, when ioredis kept no reason (a sentinel or cluster node whose handshake
 * failed leaves only "Connection is closed."), the hosts of the URL are asked with one TLS
 * handshake each (`probeRedisTls`), so that a certificate problem is named rather than hidden.
 */
import { errorCodeOf, networkReason, withoutPassword } from '../store-connection-error.ts';
import { redisTlsOptions } from './create-redis-client.ts';
import { type RedisHost, redisHostText, type RedisTarget } from './parse-redis-url.ts';
import { probeRedisTls, redisTlsProblem } from './redis-tls-problem.ts';

/**
 * `no answer within N seconds`; over TLS, with the likeliest cause: a plain port (Redis waits for
 * a command that never ends in the TLS handshake it is sent, and the handshake for its answer).
 */
export function redisTimeoutReason(target: RedisTarget, timeoutMs: number): string {
  return `no answer within ${timeoutMs / 1000} seconds${target.tls ? " (over TLS: is that the server's TLS port?)" : ''}`;
}

/** A reason, and whether it says all there is (else a TLS handshake may tell more). */
interface Reason {
  words: string;
  conclusive: boolean;
}

/** The words for `error` as ioredis reported it. */
function describe(error: unknown, target: RedisTarget, timeoutMs: number, caGiven: boolean): Reason {
  const network = networkReason(errorCodeOf(error), timeoutMs);
  if (network !== undefined) return { words: network, conclusive: true };
  const tls = target.tls ? redisTlsProblem(error, caGiven) : undefined;
  if (tls !== undefined) return { words: tls, conclusive: true };
  const message = error instanceof Error ? error.message : String(error);
  if (/All sentinels are unreachable/i.test(message)) {
    // ioredis names the last network error, or none when sentinels answered without an address.
    const last = /Last error: (.*)$/.exec(message)?.[1] ?? '';
    if (target.kind === 'sentinel' && (last === '' || /No such master/i.test(last))) return { words: `no sentinel knows a master named ${target.name}`, conclusive: true };
    const lastTls = target.tls ? redisTlsProblem(new Error(last), caGiven) : undefined;
    if (lastTls !== undefined) return { words: `no sentinel answers over TLS (${lastTls})`, conclusive: true };
    const network = networkReason(/\b(E[A-Z_]+)\b/.exec(last)?.[1], timeoutMs);
    return network === undefined ? { words: 'no sentinel answers', conclusive: false } : { words: `no sentinel answers (${network})`, conclusive: true };
  }
  if (/Failed to refresh slots cache|None of startup nodes is available/i.test(message)) {
    const lastNodeError = typeof error === 'object' && error !== null && Object.hasOwn(error, 'lastNodeError') && 'lastNodeError' in error ? error.lastNodeError : undefined;
    const nodeTls = target.tls && lastNodeError !== undefined ? redisTlsProblem(lastNodeError, caGiven) : undefined;
    if (nodeTls !== undefined) return { words: `no node of the cluster answers over TLS (${nodeTls})`, conclusive: true };
    return { words: 'no node of the cluster answers', conclusive: false };
  }
  if (/NOAUTH|WRONGPASS|invalid password|invalid username-password/i.test(message)) return { words: 'authentication failed (check the user name and password in the URL)', conclusive: true };
  if (/timeout|timed out|no answer within/i.test(message)) return { words: redisTimeoutReason(target, timeoutMs), conclusive: true };
  if (/Unknown RESP type|Protocol error/i.test(message)) return { words: 'the server there does not speak the Redis protocol', conclusive: true };
  return { words: hidden(message, target), conclusive: false };
}

/** `text` without the passwords `target` holds. */
function hidden(text: string, target: RedisTarget): string {
  if (target.kind === 'single') return withoutPassword(text, target.url);
  const secrets = [target.password, target.kind === 'sentinel' ? target.sentinelPassword : undefined];
  return secrets.reduce<string>((result, secret) => (secret === undefined || secret === '' ? result : result.split(secret).join('***')), text);
}

/** The hosts Arbor connects to first: the server, the sentinels or the cluster's nodes listed. */
function firstHosts(target: RedisTarget): RedisHost[] {
  if (target.kind === 'sentinel') return target.sentinels;
  if (target.kind === 'cluster') return target.nodes;
  const url = new URL(target.url);
  return [{ host: url.hostname.replace(/^\[|\]$/g, '') || 'localhost', port: url.port === '' ? 6379 : Number(url.port) }];
}

/**
 * Words for why the first connection to `target` failed with `error` (the last error ioredis
 * reported); `ca` is ARBOR_REDIS_CA_FILE's certificates, used again when a TLS handshake is tried.
 */
export async function redisConnectReason(error: unknown, target: RedisTarget, timeoutMs: number, ca?: string): Promise<string> {
  const reason = describe(error, target, timeoutMs, ca !== undefined);
  if (reason.conclusive || !target.tls) return reason.words;
  const found = await probeRedisTls(firstHosts(target), redisTlsOptions(target, ca), timeoutMs, ca !== undefined);
  if (found === undefined) return reason.words;
  if (target.kind === 'single') return found.problem;
  return `${target.kind === 'sentinel' ? 'no sentinel answers' : 'no node of the cluster answers'} over TLS (${redisHostText(found.host)}: ${found.problem})`;
}
