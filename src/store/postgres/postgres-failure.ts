/**
 * PostgreSQL failures that are the installation's business (unreachable server, unknown database,
 * role or schema, missing permission, read-only standby…) as a `StoreConnectionError` in words,
 * with the password never shown. Other errors (a bug, a constraint) are left as they are.
 */
import pg from 'pg';
import { errorCodeOf, networkReason, serviceAddress, storeConnectionError, withoutPassword, type StoreConnectionError, type StoreConnectionStage } from '../store-connection-error.ts';

/** SQLSTATE classes and codes that describe the installation rather than Arbor's SQL. */
function isInstallationState(code: string): boolean {
  return /^(08|28|3D|3F|53|57)/.test(code) || code === '42501' || code === '25006';
}

function reasonOf(error: unknown, url: string, timeoutMs: number): string | undefined {
  const code = errorCodeOf(error);
  const network = networkReason(code, timeoutMs);
  if (network !== undefined) return network;
  const message = withoutPassword(error instanceof Error ? error.message : String(error), url);
  if (error instanceof pg.DatabaseError) {
    if (code === undefined || !isInstallationState(code)) return undefined;
    if (code === '42501') return `permission denied: ${message} (the database user must be allowed to create tables and indexes in its schema, and own Arbor's tables)`;
    if (code === '25006') return `the database is read-only (${message}): point ARBOR_DATABASE_URL at the primary, not a standby`;
    return message;
  }
  if (/timeout|timed out/i.test(message)) return `no answer within ${timeoutMs / 1000} seconds`;
  if (/Connection terminated unexpectedly/i.test(message)) return 'the connection was closed by the other side (is it a PostgreSQL server?)';
  return undefined;
}

/**
 * `error` as a `StoreConnectionError` when it says something about the server, the database or
 * the user's rights; undefined for any other error.
 */
export function postgresFailure(error: unknown, url: string, stage: StoreConnectionStage, timeoutMs: number): StoreConnectionError | undefined {
  const reason = reasonOf(error, url, timeoutMs);
  return reason === undefined ? undefined : storeConnectionError({ service: 'PostgreSQL', address: serviceAddress(url, 5432), stage, reason }, error);
}
