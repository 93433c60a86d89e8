/**
 * The pg pool as Kysely sees it, with outages turned into typed errors: a connection that cannot
 * be had, a statement without an answer in time, a connection ended by the server or the network
 * become a `StoreConnectionError` (`STORE_UNAVAILABLE`, stage `use`), which the HTTP layer answers
 * with a 503. A connection found broken is handed back to the pool with the error, so that the
 * pool destroys it instead of lending it again: once the database answers, new connections serve.
 * Other errors (a constraint, a bad query) pass through untouched.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { serviceAddress, storeConnectionError, type StoreConnectionError } from '../store-connection-error.ts';
import { lostConnection } from './postgres-lost-connection.ts';

/** The limits the guard reports in its reasons. */
interface GuardTimeouts {
  connectMs: number;
  statementMs: number;
}

/** One checked-out connection: queries mapped, released with the error when it broke. */
class GuardedClient implements PostgresPoolClient {
  #broken: Error | undefined;
  readonly #client: pg.PoolClient;
  readonly #unavailable: (error: unknown) => { error: StoreConnectionError; broken: boolean } | undefined;

  constructor(client: pg.PoolClient, unavailable: (error: unknown) => { error: StoreConnectionError; broken: boolean } | undefined) {
    this.#client = client;
    this.#unavailable = unavailable;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(statement: string | PostgresCursor<R>, parameters: ReadonlyArray<unknown> = []): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof statement !== 'string') throw new TypeError('cursors are not used by the Arbor store');
    return this.#run<R>(statement, parameters);
  }

  async #run<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    if (this.#broken !== undefined) throw this.#unavailable(this.#broken)?.error ?? this.#broken;
    try {
      const result = await this.#client.query(sql, [...parameters]);
      return { command: result.command as PostgresQueryResult<R>['command'], rowCount: result.rowCount ?? 0, rows: result.rows };
    } catch (error) {
      const lost = this.#unavailable(error);
      if (lost === undefined) throw error;
      if (lost.broken) this.#broken = error instanceof Error ? error : new Error(String(error));
      throw lost.error;
    }
  }

  release(): void {
    this.#client.release(this.#broken);
  }
}

/** Kysely's pool over `pool`; `url` names the server in errors (never its password). */
export function guardedPostgresPool(pool: pg.Pool, url: string, timeouts: GuardTimeouts): PostgresPool {
  const address = serviceAddress(url, 5432);
  const unavailable = (error: unknown): { error: StoreConnectionError; broken: boolean } | undefined => {
    const lost = lostConnection(error, timeouts);
    return lost === undefined ? undefined : { error: storeConnectionError({ service: 'PostgreSQL', address, stage: 'use', reason: lost.reason }, error), broken: lost.broken };
  };
  return {
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw unavailable(error)?.error ?? error;
      }
      return new GuardedClient(client, unavailable);
    },
    end: () => pool.end(),
  };
}
