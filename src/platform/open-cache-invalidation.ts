/**
 * The cache invalidation a server uses, chosen by its settings: on PostgreSQL shared with other
 * Arbor processes, through Redis pub/sub when `ARBOR_REDIS_URL` is set, else PostgreSQL's
 * `LISTEN/NOTIFY` (the channel named after the deployment: database and schema); on SQLite (one
 * process) within this process. The drivers are loaded only when used.
 */
import type { CacheInvalidation } from '../cache/cache-invalidation.ts';
import { createCacheInvalidation } from '../cache/cache-invalidation.ts';
import { crossProcessInvalidation } from '../cache/cross-process-invalidation.ts';
import type { ServerSettings } from '../config/server-settings.ts';
import { isStoreConnectionError, withSetting } from '../store/store-connection-error.ts';

/** An opened invalidation, and how it reaches other processes. */
export interface OpenedCacheInvalidation {
  invalidation: CacheInvalidation;
  /** `Redis pub/sub`, `PostgreSQL LISTEN/NOTIFY` or `this process only`. */
  transport: string;
  close(): Promise<void>;
}

/** Opens the invalidation for `settings`; `onError` hears the channel's later failures (it keeps retrying). */
export async function openCacheInvalidation(
  settings: Pick<ServerSettings, 'databaseUrl' | 'redisUrl'> & Partial<Pick<ServerSettings, 'redisCa'>>,
  options: { onError?: (error: unknown) => void; connectTimeoutMs?: number } = {},
): Promise<OpenedCacheInvalidation> {
  const databaseUrl = settings.databaseUrl;
  if (databaseUrl === undefined || databaseUrl === '') return { invalidation: createCacheInvalidation(), transport: 'this process only', close: async () => {} };
  const onError = options.onError ?? (() => {});
  const timeout = options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs };
  const redisUrl = settings.redisUrl;
  try {
    if (redisUrl !== undefined && redisUrl !== '') {
      const [{ readPostgresDeploymentScope }, { redisInvalidationChannel }, { POSTGRES_CONNECT_TIMEOUT_MS }] = await Promise.all([
        import('../store/postgres/postgres-deployment-scope.ts'),
        import('../store/redis/redis-invalidation-channel.ts'),
        import('../store/postgres/check-postgres-connection.ts'),
      ]);
      const scope = await readPostgresDeploymentScope(databaseUrl, options.connectTimeoutMs ?? POSTGRES_CONNECT_TIMEOUT_MS);
      const invalidation = await crossProcessInvalidation(redisInvalidationChannel(redisUrl, { channel: `arbor:invalidate:${scope}`, ...timeout, ca: settings.redisCa }), { onError });
      return { invalidation, transport: 'Redis pub/sub', close: () => invalidation.close() };
    }
    const { postgresInvalidationChannel } = await import('../store/postgres/postgres-invalidation-channel.ts');
    const invalidation = await crossProcessInvalidation(postgresInvalidationChannel(databaseUrl, timeout), { onError });
    return { invalidation, transport: 'PostgreSQL LISTEN/NOTIFY', close: () => invalidation.close() };
  } catch (error) {
    if (!isStoreConnectionError(error) || error.setting !== undefined) throw error;
    throw withSetting(error, error.service === 'Redis' ? 'ARBOR_REDIS_URL' : 'ARBOR_DATABASE_URL');
  }
}
