/**
 * The pg pool behind the PostgreSQL store: the type parsing the repositories expect, time limits
 * on connecting, on each statement and on idle connections, and a listener for every connection's
 * `'error'` event, pooled or checked out: a connection the server ends or the network drops
 * emits `'error'`, which unhandled would end the process. The query that meets the failure
 * reports it; the pool replaces the connection.
 */
import pg from 'pg';

const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/**
 * JSON and JSONB come back as text (parsed at the repository edge, as on SQLite, so a stored JSON
 * string stays a string); BIGINT as a number (epoch milliseconds, revisions and counts are safe).
 */
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === JSON_OID || oid === JSONB_OID) return (value) => value;
  if (oid === INT8_OID) return (value) => Number(value);
  return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
}

/** How a pool behaves. */
export interface PostgresPoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  /** Opening a connection, or waiting for a free one; undefined waits for ever. */
  connectMs?: number;
  /** `statement_timeout` and the client's deadline for each answer; undefined for none (migrations, index builds). */
  statementMs?: number;
  /** An idle connection is closed after this long (default 30 s). */
  idleMs?: number;
}

/** A pool on `connectionString` (`postgres://…`; `?options=-c search_path=…` selects a schema). */
export function createPostgresPool(connectionString: string, options: PostgresPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types: { getTypeParser } as pg.CustomTypesConfig,
    application_name: 'arbor',
    idleTimeoutMillis: options.idleMs ?? 30_000,
    // A peer that vanishes without closing (a dead host, a dropped route) is noticed by TCP.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(options.connectMs === undefined ? {} : { connectionTimeoutMillis: options.connectMs }),
    ...(options.statementMs === undefined ? {} : { statement_timeout: options.statementMs, query_timeout: options.statementMs }),
  });
  // An idle connection that breaks emits 'error' on the pool (and leaves it).
  pool.on('error', () => {});
  // A checked-out connection that breaks between two queries emits 'error' on itself, where the
  // pool listens only while it is idle: listen for the connection's whole life.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}
