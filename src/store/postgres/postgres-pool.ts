/** The pg pool behind the PostgreSQL store, with the type parsing the repositories expect. */
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

/** A pool on `connectionString` (`postgres://…`; `?options=-c search_path=…` selects a schema). */
export function createPostgresPool(connectionString: string, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types: { getTypeParser } as pg.CustomTypesConfig });
  // An idle client losing its connection emits 'error' on the pool; unhandled it would end the
  // process. The next query reports the failure (and health() does).
  pool.on('error', () => {});
  return pool;
}
