/**
 * The typed error of a database or Redis that cannot be reached or used, when the store opens or
 * later while serving: one sentence naming the service, its address (never the password) and the
 * reason in words, e.g. `cannot connect to Redis at 127.0.0.1:6390: connection refused`. Whoever
 * knows which setting named the service (`openPlatformStore`) adds it with `withSetting`. The HTTP
 * layer answers it with a bare 503: the sentence goes to the log, never to a client.
 */

/** The services a store connects to. */
export type StoreService = 'PostgreSQL' | 'Redis';

/**
 * What failed: reaching the service when the store opens, setting it up once reached (migrations,
 * permissions), or using it later, while serving (a lost connection, no answer in time).
 */
export type StoreConnectionStage = 'connect' | 'setup' | 'use';

/** A store that could not be opened: an `Error` with the stable code `STORE_UNAVAILABLE`. */
export interface StoreConnectionError extends Error {
  readonly code: 'STORE_UNAVAILABLE';
  readonly service: StoreService;
  /** `host:port`, without user or password. */
  readonly address: string;
  readonly stage: StoreConnectionStage;
  /** The reason in words (`connection refused`, `database "x" does not exist`). */
  readonly reason: string;
  /** The environment variable that named the service, once known. */
  readonly setting: string | undefined;
}

function messageOf(fields: Omit<StoreConnectionError, keyof Error | 'code'>): string {
  const verb = fields.stage === 'connect' ? 'cannot connect to' : fields.stage === 'setup' ? 'cannot set up' : 'cannot use';
  return `${verb} ${fields.service} at ${fields.address}${fields.setting === undefined ? '' : ` (${fields.setting})`}: ${fields.reason}`;
}

/** Makes the error; `cause` is kept for ARBOR_DEBUG's stack trace. */
export function storeConnectionError(
  fields: { service: StoreService; address: string; stage: StoreConnectionStage; reason: string; setting?: string | undefined },
  cause?: unknown,
): StoreConnectionError {
  const complete = { ...fields, setting: fields.setting };
  return Object.assign(new Error(messageOf(complete), cause === undefined ? undefined : { cause }), { name: 'StoreConnectionError', code: 'STORE_UNAVAILABLE' as const }, complete);
}

/** True when `value` is a store connection error. */
export function isStoreConnectionError(value: unknown): value is StoreConnectionError {
  return value instanceof Error && value.name === 'StoreConnectionError' && 'code' in value && value.code === 'STORE_UNAVAILABLE';
}

/** The same error, its message naming `setting` (`ARBOR_REDIS_URL`). */
export function withSetting(error: StoreConnectionError, setting: string): StoreConnectionError {
  return storeConnectionError({ service: error.service, address: error.address, stage: error.stage, reason: error.reason, setting }, error.cause);
}

/** `host:port` of a service URL, defaulting the port; never its credentials. */
export function serviceAddress(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${parsed.port || defaultPort}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** `text` with the URL's password (and its percent-decoded form) replaced by `***`. */
export function withoutPassword(text: string, url: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return text;
  }
  if (password === '') return text;
  let result = text.split(password).join('***');
  try {
    const decoded = decodeURIComponent(password);
    if (decoded !== '') result = result.split(decoded).join('***');
  } catch {
    // A malformed escape: the raw form is already hidden.
  }
  return result;
}

/** The code of a Node.js system error or a driver error (`ECONNREFUSED`, `3D000`), if any. */
export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Words for the network errors every service shares; undefined for others. */
export function networkReason(code: string | undefined, timeoutMs: number): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'host not found';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return `no answer within ${timeoutMs / 1000} seconds`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was closed by the other side';
    case 'EACCES':
    case 'EPERM':
      return 'connection not permitted';
    default:
      return undefined;
  }
}
