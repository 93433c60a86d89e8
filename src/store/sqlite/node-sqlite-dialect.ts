/**
 * Kysely's SQLite dialect over Node's built-in `node:sqlite` (no native addon to compile). Kysely
 * expects a better-sqlite3-like database; `adaptDatabaseSync` provides one.
 */
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Dialect,
  type Driver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import { foldCase } from '../../identity/query-filter/fold-case.ts';

/** Prepared statements kept per SQL text; Kysely prepares on every query otherwise. */
const STATEMENT_CACHE_SIZE = 256;

/** A Kysely parameter as node:sqlite binds it: booleans as 0/1, whole numbers as INTEGER. */
export function toSqliteParameter(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  // node:sqlite binds every JS number as REAL; 5 would come back from CAST(… AS TEXT) as "5.0".
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'bigint' || value instanceof Uint8Array) return value;
  throw new TypeError(`cannot bind a ${typeof value} parameter to SQLite`);
}

/** Wraps a node:sqlite database in the interface Kysely's SQLite driver calls. */
export function adaptDatabaseSync(db: DatabaseSync): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached !== undefined) return cached;
      const stmt = db.prepare(sql);
      const bind = (parameters: readonly unknown[]): SQLInputValue[] => parameters.map(toSqliteParameter);
      const statement: SqliteStatement = {
        // A statement returns rows when it has result columns (SELECT, PRAGMA, … RETURNING).
        reader: stmt.columns().length > 0,
        all: (parameters) => stmt.all(...bind(parameters)),
        run: (parameters) => stmt.run(...bind(parameters)),
        iterate: (parameters) => stmt.iterate(...bind(parameters)),
      };
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
      cache.set(sql, statement);
      return statement;
    },
  };
}

/**
 * Replaces SQLite's ASCII-only `lower` with the Unicode case folding `_queryFilter` uses in memory
 * and PostgreSQL applies (`ÉLODIE` → `élodie`). Deterministic, so expression indexes may use it;
 * every connection Arbor opens has it. Indexes on `lower(…)` are therefore Arbor's: a write through
 * another SQLite client would compute different keys for non-ASCII text.
 */
export function replaceLower(db: DatabaseSync): void {
  db.function('lower', { deterministic: true, varargs: false }, (value) => (typeof value === 'string' ? foldCase(value) : value));
}

/** Opens `file` (`:memory:` for a private in-memory database) with WAL, a busy timeout and foreign keys. */
export function openDatabaseSync(file: string, options: { busyTimeoutMs?: number } = {}): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA busy_timeout = ${Math.floor(options.busyTimeoutMs ?? 5000)}`);
  if (file !== ':memory:') {
    // WAL: readers never block the writer; NORMAL sync is durable across crashes of the process.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
  }
  db.exec('PRAGMA foreign_keys = ON');
  replaceLower(db);
  return db;
}

/**
 * Kysely opens SQLite transactions DEFERRED: a second process then fails to upgrade its read lock
 * (SQLITE_BUSY) instead of waiting. IMMEDIATE takes the write lock up front, under busy_timeout.
 */
function withImmediateTransactions(driver: SqliteDriver): Driver {
  return {
    init: () => driver.init(),
    acquireConnection: () => driver.acquireConnection(),
    beginTransaction: async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    },
    commitTransaction: (connection) => driver.commitTransaction(connection),
    rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
    savepoint: (connection, name, compile) => driver.savepoint(connection, name, compile),
    rollbackToSavepoint: (connection, name, compile) => driver.rollbackToSavepoint(connection, name, compile),
    releaseSavepoint: (connection, name, compile) => driver.releaseSavepoint(connection, name, compile),
    releaseConnection: () => driver.releaseConnection(),
    destroy: () => driver.destroy(),
  };
}

/** The Kysely dialect for the SQLite database in `file`, opened on first use. */
export function nodeSqliteDialect(file: string): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => withImmediateTransactions(new SqliteDriver({ database: async () => adaptDatabaseSync(openDatabaseSync(file)) })),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
}
