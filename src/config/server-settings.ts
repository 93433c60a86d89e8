/**
 * Server settings from the environment, parsed once at start and frozen. Every variable is
 * checked here, before anything is created (directory, database, key file): a bad value stops the
 * start with a `SettingsError` naming the variable. Checks that need the system (the address
 * resolving, the port free, the data directory writable) are `checkStartEnvironment`'s, which
 * runs next, still before anything is written. The one file read here is ARBOR_REDIS_CA_FILE's
 * (`redisCa`), so that every process has its certificates.
 */
import path from 'node:path';
import { decodeMasterKey, MASTER_KEY_ENV } from '../secrets/master-key.ts';
import { isSecretsError } from '../secrets/errors.ts';
import { DEFAULT_STORE_TIMEOUTS, type StoreTimeouts } from '../store/store-timeouts.ts';
import { parseRedisUrl, redisUrlProblem } from '../store/redis/parse-redis-url.ts';
import { isRedisCaFileError, readRedisCaFile, REDIS_CA_FILE_SETTING } from '../store/redis/read-redis-ca-file.ts';
import { parseNodeHeaders } from './node-headers-setting.ts';
import { type OutboundNetworks, OUTBOUND_NETWORKS_VARIABLE, parseOutboundNetworks } from '../net/outbound-networks.ts';

/** How Arbor runs. */
export interface ServerSettings {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; undefined means SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** The PEM certificates of `ARBOR_REDIS_CA_FILE`, read at start: the only CAs trusted for Redis over TLS; undefined: the system's. */
  redisCa: string | undefined;
  /** Public base URL (for links in emails and redirects); defaults to http://localhost:<port>. */
  publicUrl: string;
  cookieName: string;
  /** Marks the session cookie `Secure`: `ARBOR_SECURE_COOKIE`, else true when `publicUrl` is https. */
  secureCookie: boolean;
  /** `lax` by default; `none` for a cross-site single-page app (requires `secureCookie`). */
  cookieSameSite: 'lax' | 'strict' | 'none';
  /** Browser origins allowed to call the REST API with credentials, as browsers send them (`https://app.example.com`). */
  corsOrigins: string[];
  /** Trust `X-Forwarded-*` headers from a reverse proxy. */
  trustProxy: boolean;
  /** Request headers journey nodes may read (`ARBOR_NODE_HEADERS`, lower-case; see `node-headers-setting.ts`). */
  nodeHeaders: string[];
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  adminPassword: string | undefined;
  /** True when `ARBOR_MASTER_KEY` is set (already checked); false means the key file in `dataDir`. */
  masterKeyFromEnv: boolean;
  /** The request log (`ARBOR_LOG`, on by default). */
  log: boolean;
  /** Stack traces after error messages (`ARBOR_DEBUG`, off by default). */
  debug: boolean;
  /** Password hashes (and verifications) running at once (`ARBOR_HASH_CONCURRENCY`, libuv's thread pool size by default). */
  hashConcurrency: number;
  /** Password hashes waiting for a turn before more are refused with 503 (`ARBOR_HASH_QUEUE`, 64 by default). */
  hashQueueLimit: number;
  /** Time limits of the running store (`ARBOR_DATABASE_*_TIMEOUT_MS`, `ARBOR_REDIS_COMMAND_TIMEOUT_MS`). */
  storeTimeouts: Readonly<StoreTimeouts>;
  /** PostgreSQL connections per process (`ARBOR_DATABASE_POOL_SIZE`, 10). */
  databasePoolSize: number;
  /** Statements run as named prepared statements on PostgreSQL (`ARBOR_DATABASE_PREPARED_STATEMENTS`, true; false behind a pooler that cannot keep them). */
  databasePreparedStatements: boolean;
  /** How long `/health/ready` waits for the store before answering 503 (`ARBOR_READY_TIMEOUT_MS`, 2000). */
  readyTimeoutMs: number;
  /** The addresses Arbor may call at URLs administrators configure (`ARBOR_OUTBOUND_NETWORKS`, all but link-local; see `net/outbound-networks.ts`). */
  outboundNetworks: OutboundNetworks;
}

/** A setting that could not be parsed; `variable` names it. */
export class SettingsError extends Error {
  readonly code = 'INVALID_SETTING';
  readonly variable: string | undefined;
  constructor(message: string, variable?: string) {
    super(message);
    this.name = 'SettingsError';
    this.variable = variable;
  }
}

/** True when `value` is a settings error. */
export function isSettingsError(value: unknown): value is SettingsError {
  return value instanceof SettingsError;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) throw new SettingsError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`, name);
  return value;
}

/**
 * A boolean variable: `true`/`1` or `false`/`0` (any case), `fallback` when unset or empty;
 * anything else is an error (a typo must not silently mean "off").
 */
export function booleanSetting(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new SettingsError(`${name} must be true or false (or 1 or 0), got "${raw}"`, name);
}

/** libuv's thread pool size, where argon2 runs: `UV_THREADPOOL_SIZE` (1 to 1024), 4 when unset. */
function threadPoolSize(env: Env): number {
  const size = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1024) : 4;
}

/** A host name or an IP address, without scheme, port or path. */
function host(env: Env): string {
  const raw = env.HOST;
  if (raw === undefined || raw === '') return '0.0.0.0';
  const hostname = /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
  const ipv6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?$/;
  if (!hostname.test(raw) && !ipv6.test(raw)) {
    throw new SettingsError(`HOST must be a host name or an IP address (no scheme, port or path; the port is PORT), got "${raw}"`, 'HOST');
  }
  return raw;
}

/** `postgres://…`/`redis://…`: the scheme, and a URL at all. The URL itself is never echoed (it may hold a password). */
function serviceUrl(env: Env, name: string, schemes: RegExp, expected: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!schemes.test(raw)) throw new SettingsError(`${name} must be a ${expected} URL${name === 'ARBOR_DATABASE_URL' ? ' (leave it unset for the embedded SQLite store)' : ''}`, name);
  if (!URL.canParse(raw)) throw new SettingsError(`${name} is not a valid URL (a password with @, :, / or # must be percent-encoded)`, name);
  return raw;
}

/** One browser origin as a browser sends it: `scheme://host[:port]`, lowercase, default port left out. */
function origin(raw: string): string {
  const problem = `ARBOR_CORS_ORIGINS: "${raw}" is not an origin: write scheme://host[:port], without path, query or trailing /`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SettingsError(problem, 'ARBOR_CORS_ORIGINS');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SettingsError(`ARBOR_CORS_ORIGINS: "${raw}" is not an http or https origin`, 'ARBOR_CORS_ORIGINS');
  const bare = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@]+$/.test(raw);
  if (!bare || url.username !== '' || url.password !== '') throw new SettingsError(problem, 'ARBOR_CORS_ORIGINS');
  return url.origin;
}

function corsOrigins(env: Env): string[] {
  const raw = env.ARBOR_CORS_ORIGINS ?? '';
  if (raw.trim() === '') return [];
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new SettingsError(`ARBOR_CORS_ORIGINS has an empty entry (two commas, or a comma at an end): "${raw}"`, 'ARBOR_CORS_ORIGINS');
  if (items.includes('*')) throw new SettingsError('ARBOR_CORS_ORIGINS cannot be *: credentials are allowed, so list each origin', 'ARBOR_CORS_ORIGINS');
  return [...new Set(items.map(origin))];
}

function publicUrl(env: Env, port: number): string {
  const raw = env.ARBOR_PUBLIC_URL;
  const value = (raw || `http://localhost:${port}`).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError(`ARBOR_PUBLIC_URL is not a URL: "${raw ?? ''}"`, 'ARBOR_PUBLIC_URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SettingsError(`ARBOR_PUBLIC_URL must be an http or https URL, got "${raw ?? ''}"`, 'ARBOR_PUBLIC_URL');
  if (url.search !== '' || url.hash !== '') throw new SettingsError(`ARBOR_PUBLIC_URL must not have a query or fragment, got "${raw ?? ''}"`, 'ARBOR_PUBLIC_URL');
  return value;
}

/** Checks the master key's format when it is given in the environment (the key itself is never echoed). */
function masterKeyFromEnv(env: Env): boolean {
  const raw = env[MASTER_KEY_ENV];
  if (raw === undefined || raw === '') return false;
  try {
    decodeMasterKey(raw, MASTER_KEY_ENV);
  } catch (error) {
    if (isSecretsError(error, 'INVALID_MASTER_KEY')) throw new SettingsError(error.message, MASTER_KEY_ENV);
    throw error;
  }
  return true;
}

/** The running store's time limits, each in milliseconds (see `StoreTimeouts` and docs/configuration.md). */
function storeTimeouts(env: Env): Readonly<StoreTimeouts> {
  return Object.freeze({
    connectMs: integer(env, 'ARBOR_DATABASE_CONNECT_TIMEOUT_MS', DEFAULT_STORE_TIMEOUTS.connectMs, 100, 60_000),
    statementMs: integer(env, 'ARBOR_DATABASE_STATEMENT_TIMEOUT_MS', DEFAULT_STORE_TIMEOUTS.statementMs, 100, 3_600_000),
    idleMs: integer(env, 'ARBOR_DATABASE_IDLE_TIMEOUT_MS', DEFAULT_STORE_TIMEOUTS.idleMs, 1000, 3_600_000),
    redisCommandMs: integer(env, 'ARBOR_REDIS_COMMAND_TIMEOUT_MS', DEFAULT_STORE_TIMEOUTS.redisCommandMs, 100, 60_000),
  });
}

/**
 * ARBOR_REDIS_CA_FILE's certificates, read here (the one setting whose file is read with the
 * settings, so that every process and CLI command has the same CAs); only with a TLS ARBOR_REDIS_URL.
 */
function redisCa(env: Env, cwd: string, redisUrl: string | undefined): string | undefined {
  const raw = env[REDIS_CA_FILE_SETTING];
  if (raw === undefined || raw === '') return undefined;
  if (redisUrl === undefined || !parseRedisUrl(redisUrl).tls) {
    throw new SettingsError(`${REDIS_CA_FILE_SETTING} is set, but ARBOR_REDIS_URL ${redisUrl === undefined ? 'is not' : 'does not use TLS (rediss://, rediss+sentinel:// or rediss+cluster://)'}`, REDIS_CA_FILE_SETTING);
  }
  try {
    return readRedisCaFile(path.resolve(cwd, raw));
  } catch (error) {
    if (isRedisCaFileError(error)) throw new SettingsError(error.message, REDIS_CA_FILE_SETTING);
    throw error;
  }
}

/** Reads the settings from `env` (normally `process.env`); throws a `SettingsError` for the first bad variable. */
export function loadServerSettings(env: Env, cwd: string): Readonly<ServerSettings> {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const databaseUrl = serviceUrl(env, 'ARBOR_DATABASE_URL', /^postgres(ql)?:\/\//i, 'postgres://');
  const redisUrl = env.ARBOR_REDIS_URL || undefined;
  const redisProblem = redisUrl === undefined ? undefined : redisUrlProblem(redisUrl);
  if (redisProblem !== undefined) throw new SettingsError(redisProblem, 'ARBOR_REDIS_URL');
  const sameSiteRaw = env.ARBOR_COOKIE_SAMESITE || 'lax';
  const sameSite = sameSiteRaw.toLowerCase();
  if (sameSite !== 'lax' && sameSite !== 'strict' && sameSite !== 'none') throw new SettingsError(`ARBOR_COOKIE_SAMESITE must be lax, strict or none, got "${sameSiteRaw}"`, 'ARBOR_COOKIE_SAMESITE');
  const publicBase = publicUrl(env, port);
  // Secure by default when clients reach Arbor over https; an explicit ARBOR_SECURE_COOKIE wins.
  const secureCookie = booleanSetting(env, 'ARBOR_SECURE_COOKIE', new URL(publicBase).protocol === 'https:');
  if (sameSite === 'none' && !secureCookie) throw new SettingsError('ARBOR_COOKIE_SAMESITE=none needs a Secure cookie: an https ARBOR_PUBLIC_URL, or ARBOR_SECURE_COOKIE=true (browsers refuse it otherwise)', 'ARBOR_COOKIE_SAMESITE');
  const cookieName = env.ARBOR_COOKIE_NAME || 'iPlanetDirectoryPro';
  if (!/^[A-Za-z0-9_-]+$/.test(cookieName)) throw new SettingsError(`ARBOR_COOKIE_NAME may hold letters, digits, - and _ only, got "${cookieName}"`, 'ARBOR_COOKIE_NAME');
  const nodeHeaders = parseNodeHeaders(env.ARBOR_NODE_HEADERS, cookieName);
  if ('problem' in nodeHeaders) throw new SettingsError(nodeHeaders.problem, 'ARBOR_NODE_HEADERS');
  const outbound = parseOutboundNetworks(env[OUTBOUND_NETWORKS_VARIABLE]);
  if ('problem' in outbound) throw new SettingsError(outbound.problem, OUTBOUND_NETWORKS_VARIABLE);
  return Object.freeze({
    port,
    host: host(env),
    dataDir: path.resolve(cwd, env.ARBOR_DATA_DIR || 'data'),
    databaseUrl,
    redisUrl,
    redisCa: redisCa(env, cwd, redisUrl),
    publicUrl: publicBase,
    cookieName,
    secureCookie,
    cookieSameSite: sameSite,
    corsOrigins: corsOrigins(env),
    trustProxy: booleanSetting(env, 'ARBOR_TRUST_PROXY', false),
    nodeHeaders: nodeHeaders.headers,
    bodyLimit: integer(env, 'ARBOR_BODY_LIMIT', 256 * 1024, 1024, 64 * 1024 * 1024),
    adminPassword: env.ARBOR_ADMIN_PASSWORD || undefined,
    masterKeyFromEnv: masterKeyFromEnv(env),
    log: booleanSetting(env, 'ARBOR_LOG', true),
    debug: booleanSetting(env, 'ARBOR_DEBUG', false),
    hashConcurrency: integer(env, 'ARBOR_HASH_CONCURRENCY', threadPoolSize(env), 1, 1024),
    hashQueueLimit: integer(env, 'ARBOR_HASH_QUEUE', 64, 0, 100_000),
    storeTimeouts: storeTimeouts(env),
    databasePoolSize: integer(env, 'ARBOR_DATABASE_POOL_SIZE', 10, 1, 1000),
    databasePreparedStatements: booleanSetting(env, 'ARBOR_DATABASE_PREPARED_STATEMENTS', true),
    readyTimeoutMs: integer(env, 'ARBOR_READY_TIMEOUT_MS', 2000, 100, 60_000),
    outboundNetworks: outbound.networks,
  });
}
