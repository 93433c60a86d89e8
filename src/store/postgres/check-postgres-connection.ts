/**
 * Before the pool and the migrations: one connection, with a time limit, to tell an operator in
 * words what is wrong with `ARBOR_DATABASE_URL` (server down, unknown database or role, wrong
 * password, schema of the search_path missing) instead of a driver stack trace or a hang.
 */
import pg from 'pg';
import { storeConnectionError, serviceAddress, withoutPassword } from '../store-connection-error.ts';
import { postgresFailure } from './postgres-failure.ts';

/** How long the first connection may take, by default. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5000;

/** Connects once to `url` and checks a schema is selected; throws a `StoreConnectionError` otherwise. */
export async function checkPostgresConnection(url: string, options: { connectTimeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.connectTimeoutMs ?? POSTGRES_CONNECT_TIMEOUT_MS;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => {}); // a connection lost now is reported by the query that fails
  let row: { schema: string | null; search_path: string } | undefined;
  try {
    await client.connect();
    const result = await client.query<{ schema: string | null; search_path: string }>("SELECT current_schema() AS schema, current_setting('search_path') AS search_path");
    row = result.rows[0];
  } catch (error) {
    throw postgresFailure(error, url, 'connect', timeoutMs) ?? error;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (row !== undefined && row.schema === null) {
    const reason = `no schema of the search_path (${withoutPassword(row.search_path, url)}) exists in this database: create it (CREATE SCHEMA …) or fix ?options=-c search_path=…`;
    throw storeConnectionError({ service: 'PostgreSQL', address: serviceAddress(url, 5432), stage: 'connect', reason });
  }
}
