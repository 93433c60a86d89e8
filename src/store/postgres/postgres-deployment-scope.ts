/**
 * What identifies one Arbor deployment on PostgreSQL: its database and schema, as the server
 * itself names them (so nodes reaching it through different host names or proxies agree). Cache
 * invalidation channels are named after it, so that deployments (and test runs, each in a schema
 * of its own) sharing a PostgreSQL server or a Redis do not hear each other.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { postgresFailure } from './postgres-failure.ts';

/** The query that names the deployment, run on any connection of it. */
export const DEPLOYMENT_SCOPE_SQL = 'SELECT current_database() AS database, current_schema() AS schema';

/** A short, channel-safe name (16 lowercase hex digits) for the row `DEPLOYMENT_SCOPE_SQL` returned. */
export function deploymentScopeOf(row: { database?: unknown; schema?: unknown } | undefined): string {
  const name = `${String(row?.database ?? '')}\u0000${String(row?.schema ?? '')}`;
  return createHash('sha256').update(name).digest('hex').slice(0, 16);
}

/** Connects once to `url` and resolves to its deployment scope. */
export async function readPostgresDeploymentScope(url: string, timeoutMs: number): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => {}); // reported by the query that fails
  try {
    await client.connect();
    const result = await client.query<{ database: string; schema: string | null }>(DEPLOYMENT_SCOPE_SQL);
    return deploymentScopeOf(result.rows[0]);
  } catch (error) {
    throw postgresFailure(error, url, 'connect', timeoutMs) ?? error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
