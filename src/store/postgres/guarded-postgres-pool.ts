/**
 * The pg pool as Kysely sees it, with outages turned into typed errors: a connection that cannot
 * be had, a statement without an answer in time, a connection ended by the server or the network
 * become a `StoreConnectionError` (`STORE_UNAVAILABLE`, stage `use`), which the HTTP layer answers
 * with a 503. A connection found broken is handed back to the pool with the error, so that the
 * pool destroys it instead of lending it again: once the database answers, new connections serve.
 * Other errors (a constraint, a bad query) pass through untouched. With `names`, statements run as
 * named prepared statements (`prepared-statement-names.ts`); a connection whose prepared plan no
 * longer fits its table (another process migrated it: "cached plan must not change result type")
 * runs the statement unnamed and is replaced once handed back.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { serviceAddress, storeConnectionError, type StoreConnectionError } from '../store-connection-error.ts';
import { lostConnection } from './postgres-lost-connection.ts';
import type { PreparedStatementNames } from './prepared-statement-names.ts';

/** The limits the guard reports in its reasons. */
interface GuardTimeouts {
  connectMs: number;
  statementMs: number;
}

/** PostgreSQL's answer to a prepared statement whose table changed shape since it was prepared. */
function isStalePlan(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && error.code === '0A000' && /cached plan/i.test(error.message);
}

/** One checked-out connection: queries mapped, released with the error when it broke. */
class GuardedClient implements PostgresPoolClient {
  #broken: Error | undefined;
  /** Set when the connection's prepared statements are stale: it still serves, then it goes. */
  #retire: Error | undefined;
  readonly #client: pg.PoolClient;
  readonly #unavailable: (error: unknown) => { error: StoreConnectionError; broken: boolean } | undefined;
  readonly #names: PreparedStatementNames | undefined;

  constructor(client: pg.PoolClient, unavailable: (error: unknown) => { error: StoreConnectionError; broken: boolean } | undefined, names: PreparedStatementNames | undefined) {
    this.#client = client;
    this.#unavailable = unavailable;
    this.#names = names;
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
      const result = await this.#send(sql, [...parameters]);
      return { command: result.command as PostgresQueryResult<R>['command'], rowCount: result.rowCount ?? 0, rows: result.rows };
    } catch (error) {
      const lost = this.#unavailable(error);
      if (lost === undefined) throw error;
      if (lost.broken) this.#broken = error instanceof Error ? error : new Error(String(error));
      throw lost.error;
    }
  }

  async #send(sql: string, values: unknown[]): Promise<pg.QueryResult> {
    const name = this.#retire === undefined ? this.#names?.nameOf(sql) : undefined;
    if (name === undefined) return this.#client.query(sql, values);
    try {
      return await this.#client.query({ name, text: sql, values });
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      this.#retire = error;
      return this.#client.query(sql, values);
    }
  }

  release(): void {
    this.#client.release(this.#broken ?? this.#retire);
  }
}

/** Kysely's pool over `pool`; `url` names the server in errors (never its password); `names` runs statements prepared. */
export function guardedPostgresPool(pool: pg.Pool, url: string, timeouts: GuardTimeouts, names?: PreparedStatementNames): PostgresPool {
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
      return new GuardedClient(client, unavailable, names);
    },
    end: () => pool.end(),
  };
}
