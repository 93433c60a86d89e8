/**
 * The cache invalidation channel on PostgreSQL `LISTEN/NOTIFY`, over one dedicated connection
 * (outside the pool: a listening session must stay open) that both listens and notifies. The
 * channel is named after the deployment (`arbor_inv_<scope>`, see `postgres-deployment-scope.ts`):
 * NOTIFY reaches every session of the database, whatever its schema. The first connection is
 * bounded and fails in words; a connection lost later (the server restarted, the session
 * terminated, the network dropped) is opened again with a bounded backoff, and once it listens
 * again `resumed` is reported: notifications sent meanwhile were not queued for it. While it is
 * down, publishing fails at once.
 */
import pg from 'pg';
import type { InvalidationChannel, InvalidationChannelHandlers } from '../../cache/cross-process-invalidation.ts';
import { POSTGRES_CONNECT_TIMEOUT_MS } from './check-postgres-connection.ts';
import { DEPLOYMENT_SCOPE_SQL, deploymentScopeOf } from './postgres-deployment-scope.ts';
import { postgresFailure } from './postgres-failure.ts';
import { storeConnectionError, serviceAddress } from '../store-connection-error.ts';

/** How the channel connects. */
export interface PostgresChannelOptions {
  /** Each connection attempt's and each NOTIFY's time limit (default 5 seconds). */
  connectTimeoutMs?: number;
  /** Longest wait between two reconnection attempts (default 2 seconds). */
  maxBackoffMs?: number;
}

/** The channel of the deployment on `url` (connects on `listen`). */
export function postgresInvalidationChannel(url: string, options: PostgresChannelOptions = {}): InvalidationChannel {
  const timeoutMs = options.connectTimeoutMs ?? POSTGRES_CONNECT_TIMEOUT_MS;
  const maxBackoffMs = options.maxBackoffMs ?? 2000;
  let handlers: InvalidationChannelHandlers | undefined;
  let current: pg.Client | undefined;
  let channel: string | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  /** Opens a connection that listens; it replaces `current` only once it does. */
  const open = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, keepAlive: true, keepAliveInitialDelayMillis: 10_000, application_name: 'arbor-invalidation' });
    let lost = false;
    const drop = (error?: unknown): void => {
      if (lost) return;
      lost = true;
      if (current !== client) return;
      current = undefined;
      if (error !== undefined) handlers?.error(error);
      if (!closed) reconnect(1);
    };
    client.on('error', (error) => drop(error));
    client.on('end', () => drop());
    client.on('notification', (notification) => {
      if (notification.channel === channel && notification.payload !== undefined) handlers?.message(notification.payload);
    });
    try {
      await client.connect();
      const scope = deploymentScopeOf((await client.query<{ database: string; schema: string | null }>(DEPLOYMENT_SCOPE_SQL)).rows[0]);
      const name = `arbor_inv_${scope}`;
      await client.query(`LISTEN ${name}`);
      channel = name;
    } catch (error) {
      lost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
  };

  /** Tries again after a backoff, until a connection listens; then reports `resumed`. */
  const reconnect = (attempt: number): void => {
    clearTimeout(retry);
    retry = setTimeout(
      () => {
        open().then(
          () => {
            if (!closed) handlers?.resumed();
          },
          (error: unknown) => {
            handlers?.error(error);
            if (!closed) reconnect(attempt + 1);
          },
        );
      },
      Math.min(100 * 2 ** (attempt - 1), maxBackoffMs),
    );
  };

  return {
    async listen(listening) {
      handlers = listening;
      try {
        await open();
      } catch (error) {
        const failure = postgresFailure(error, url, 'connect', timeoutMs);
        if (failure !== undefined) throw failure;
        throw storeConnectionError({ service: 'PostgreSQL', address: serviceAddress(url, 5432), stage: 'connect', reason: `cache invalidation channel: ${error instanceof Error ? error.message : String(error)}` }, error);
      }
    },
    async publish(payload) {
      const client = current;
      if (client === undefined || channel === undefined) throw storeConnectionError({ service: 'PostgreSQL', address: serviceAddress(url, 5432), stage: 'use', reason: 'the cache invalidation channel is reconnecting' });
      await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const client = current;
      current = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
