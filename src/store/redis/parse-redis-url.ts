/**
 * Reads ARBOR_REDIS_URL into what a Redis client needs, in one of three forms:
 * - `redis://[user:pass@]host[:port][/db]`: one server, kept as given;
 * - `redis+sentinel://[user:pass@]host1[:26379],host2[:26379]/<master-name>[?db=N&sentinelUsername=u&sentinelPassword=p]`:
 *   the master named `<master-name>`, found through the sentinels listed; the user and password
 *   are those of the data nodes, the sentinels' own go in the query;
 * - `redis+cluster://[user:pass@]host1[:6379],host2[:6379],…`: a Redis Cluster, discovered from
 *   the nodes listed (database 0 only, as Cluster has no other).
 * Each has a TLS form, its scheme with `rediss` for `redis` (`rediss://`, `rediss+sentinel://`,
 * `rediss+cluster://`): `tls` is then true, and every connection (to the sentinels too) is TLS.
 * The scheme is read in any case: `REDISS://` is TLS as well. `servername` is the name sent in
 * TLS (SNI) and checked against each certificate: a single server's host name; for Sentinel and
 * Cluster, the `servername` query parameter when given (one name for every node: a cluster that
 * announces its nodes by address but certifies them under one name, as Azure Cache for Redis
 * does), else none, each certificate being checked against the host or address connected to.
 * A bad URL is a `RedisUrlError` (`INVALID_REDIS_URL`) whose message names ARBOR_REDIS_URL and
 * never repeats the password (nor any part of the URL, which could hold a mistyped password).
 */

import { isIP } from 'node:net';

/** One host of a host list. */
export interface RedisHost {
  host: string;
  port: number;
}

/** What credentials the data nodes want. */
interface Credentials {
  username: string | undefined;
  password: string | undefined;
}

/** TLS or not, and the name sent in TLS and checked against certificates (undefined: the host connected to). */
interface Transport {
  tls: boolean;
  servername: string | undefined;
}

/** A parsed ARBOR_REDIS_URL. `address` names the target in messages, without credentials. */
export type RedisTarget =
  | ({ kind: 'single'; url: string; address: string } & Transport)
  | ({ kind: 'sentinel'; sentinels: RedisHost[]; name: string; db: number; sentinelUsername: string | undefined; sentinelPassword: string | undefined; address: string } & Credentials & Transport)
  | ({ kind: 'cluster'; nodes: RedisHost[]; address: string } & Credentials & Transport);

/** A bad ARBOR_REDIS_URL. */
export interface RedisUrlError extends Error {
  readonly code: 'INVALID_REDIS_URL';
}

/** True when `value` is a `RedisUrlError`. */
export function isRedisUrlError(value: unknown): value is RedisUrlError {
  return value instanceof Error && value.name === 'RedisUrlError' && 'code' in value && value.code === 'INVALID_REDIS_URL';
}

const SETTING = 'ARBOR_REDIS_URL';
const MAX_URL_LENGTH = 4096;
const MAX_HOSTS = 64;
const SUPPORTED = 'redis://, redis+sentinel:// or redis+cluster:// URL (rediss://, rediss+sentinel://, rediss+cluster:// for TLS)';
const ENCODE_HINT = 'a user name or password with @, :, /, ?, # or , must be percent-encoded';

function fail(problem: string): never {
  throw Object.assign(new Error(`${SETTING} ${problem}`), { name: 'RedisUrlError', code: 'INVALID_REDIS_URL' as const });
}

/** `host:port` for messages, brackets around IPv6. */
export function redisHostText({ host, port }: RedisHost): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Percent-decoded `raw`, or a failure naming `what`. */
function decoded(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return fail(`has a malformed percent-encoding in its ${what}`);
  }
}

/** The `user:pass` before `@`, decoded; empty parts are absent. */
function credentials(userinfo: string | undefined): Credentials {
  if (userinfo === undefined) return { username: undefined, password: undefined };
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const pass = colon < 0 ? '' : userinfo.slice(colon + 1);
  return { username: user === '' ? undefined : decoded(user, 'user name'), password: pass === '' ? undefined : decoded(pass, 'password') };
}

/** The comma-separated `host[:port]` list; each entry is named by its position only. */
function hosts(list: string, defaultPort: number): RedisHost[] {
  const entries = list.split(',');
  if (list === '') fail('lists no host: write at least one host[:port] after //');
  if (entries.length > MAX_HOSTS) fail(`lists more than ${MAX_HOSTS} hosts`);
  return entries.map((entry, index) => {
    const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+))(?::(\d{1,5}))?$/.exec(entry);
    const port = match?.[3] === undefined ? defaultPort : Number(match[3]);
    const host = match?.[1] ?? match?.[2];
    if (host === undefined || port < 1 || port > 65535) fail(`host ${index + 1} of the list is not host[:port] (${ENCODE_HINT})`);
    return { host, port };
  });
}

/** The query's parameters, each at most once and only those in `allowed`. */
function query(search: string | undefined, allowed: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (search === undefined || search === '') return found;
  for (const pair of search.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = equals < 0 ? pair : pair.slice(0, equals);
    if (!allowed.includes(name)) fail(allowed.length === 0 ? 'takes no query parameters here' : `has an unknown query parameter (allowed: ${allowed.join(', ')})`);
    if (found.has(name)) fail(`gives the query parameter ${name} twice`);
    found.set(name, decoded(equals < 0 ? '' : pair.slice(equals + 1), `query parameter ${name}`));
  }
  return found;
}

/** The query's parameters (`query`) for a Sentinel or Cluster URL: `servername` on the TLS forms only. */
function formQuery(search: string | undefined, allowed: readonly string[], tls: boolean): Map<string, string> {
  if (tls) return query(search, [...allowed, 'servername']);
  if ((search ?? '').split('&').some((pair) => pair === 'servername' || pair.startsWith('servername='))) {
    fail('has servername, which is for TLS only (rediss+sentinel://, rediss+cluster://)');
  }
  return query(search, allowed);
}

/** The `servername` parameter: a host name (without it, each certificate is checked against the host or address connected to). */
function servername(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const name = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(raw) && isIP(raw) === 0;
  if (!name) fail('has a servername that is not a host name (letters, digits, - and dots; not an IP address)');
  return raw.toLowerCase();
}

/** The database number: digits, 0 to 15 by Redis's default configuration, bounded here to 0–9999. */
function database(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,4}$/.test(raw)) fail('has a db that is not a number from 0 to 9999');
  return Number(raw);
}

/** Parses `url` (the value of ARBOR_REDIS_URL); throws a `RedisUrlError` when it is unusable. */
export function parseRedisUrl(url: string): RedisTarget {
  if (url.length > MAX_URL_LENGTH) fail(`is longer than ${MAX_URL_LENGTH} characters`);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'redis' || scheme === 'rediss') {
    if (!URL.canParse(url)) fail('is not a valid URL (a password with @, :, / or # must be percent-encoded)');
    const tls = scheme === 'rediss';
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return { kind: 'single', url, tls, servername: tls && host !== '' && isIP(host) === 0 ? host.toLowerCase() : undefined, address: single(url) };
  }
  const form = /^(rediss?)\+(sentinel|cluster)$/.exec(scheme ?? '');
  if (form === null) fail(`must be a ${SUPPORTED}`);
  const tls = form[1] === 'rediss';
  // scheme://[userinfo@]hosts[/path][?query]; the userinfo ends at the last @ before any / ? #.
  const match = /^[^:]+:\/\/(?:([^/?#]*)@)?([^/?#@]*)(\/[^?#]*)?(?:\?([^#]*))?$/.exec(url);
  if (match === null) fail(`is not a valid URL (${ENCODE_HINT})`);
  const [, userinfo, hostList = '', path = '', search] = match;
  if (form[2] === 'sentinel') {
    const name = decoded(path.replace(/^\//, ''), 'master name');
    if (name === '') fail(`needs the master name as its path: ${form[0]}://host1:26379,host2:26379/mymaster`);
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(name)) fail('has a master name that is not letters, digits, ., _ or - (at most 128)');
    const sentinels = hosts(hostList, 26379);
    const params = formQuery(search, ['db', 'sentinelUsername', 'sentinelPassword'], tls);
    const sentinelUsername = params.get('sentinelUsername') || undefined;
    const sentinelPassword = params.get('sentinelPassword') || undefined;
    const address = `master ${name} via sentinels ${sentinels.map(redisHostText).join(',')}`;
    const transport = { tls, servername: servername(params.get('servername')) };
    return { kind: 'sentinel', sentinels, name, db: database(params.get('db')), sentinelUsername, sentinelPassword, ...credentials(userinfo), ...transport, address };
  }
  if (path !== '' && path !== '/' && path !== '/0') fail(`cannot select a database with ${form[0]}:// (Redis Cluster has database 0 only)`);
  const nodes = hosts(hostList, 6379);
  const params = formQuery(search, [], tls);
  const transport = { tls, servername: servername(params.get('servername')) };
  return { kind: 'cluster', nodes, ...credentials(userinfo), ...transport, address: `cluster ${nodes.map(redisHostText).join(',')}` };
}

/** `host:port` of a single-server URL. */
function single(url: string): string {
  const parsed = new URL(url);
  const host = parsed.hostname || 'localhost';
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${parsed.port || 6379}`;
}

/** The message of what is wrong with `url`, or undefined when it is usable (for settings checks). */
export function redisUrlProblem(url: string): string | undefined {
  try {
    parseRedisUrl(url);
    return undefined;
  } catch (error) {
    if (isRedisUrlError(error)) return error.message;
    throw error;
  }
}
