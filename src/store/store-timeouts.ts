/**
 * How long the running store waits for PostgreSQL and Redis before it gives up on a request:
 * a database that stops answering, or a connection lost mid-request, must turn into a fast
 * `STORE_UNAVAILABLE` (a 503), never into a request that hangs. The defaults keep a request that
 * needs the store under 5 seconds while the store is out: at most `connectMs` to get a connection,
 * then at most `statementMs` for the statement.
 */

/** Time limits of the running store, in milliseconds. */
export interface StoreTimeouts {
  /** Opening a new database connection, or waiting for a free one of the pool. */
  connectMs: number;
  /** One SQL statement: PostgreSQL's `statement_timeout`, and the client's own deadline for an answer. */
  statementMs: number;
  /** A pooled database connection unused for this long is closed. */
  idleMs: number;
  /** One Redis command. */
  redisCommandMs: number;
}

/** The defaults: 2 s to connect, 2 s per statement, 30 s idle, 2 s per Redis command. */
export const DEFAULT_STORE_TIMEOUTS: Readonly<StoreTimeouts> = Object.freeze({ connectMs: 2000, statementMs: 2000, idleMs: 30_000, redisCommandMs: 2000 });
