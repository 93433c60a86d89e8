/**
 * Which PostgreSQL failures, met while serving, mean "the database is out" rather than "this query
 * is wrong": a connection ended by the server (`pg_terminate_backend`, a restart) or by the
 * network, no answer in time, no connection to be had. Each comes with the reason in words and
 * whether the connection it happened on is still usable (a statement cancelled by
 * `statement_timeout` leaves it usable; a lost or silent one is not).
 */
import pg from 'pg';
import { errorCodeOf, networkReason } from '../store-connection-error.ts';

/** A failure that makes the store unavailable. */
export interface LostConnection {
  reason: string;
  /** True when the connection must not be used again. */
  broken: boolean;
}

const CLIENT_MESSAGES: readonly { pattern: RegExp; reason: (seconds: { connect: number; statement: number }) => string; broken: boolean }[] = [
  { pattern: /^Query read timeout$/, reason: (s) => `no answer within ${s.statement} seconds`, broken: true },
  { pattern: /^timeout exceeded when trying to connect$/, reason: (s) => `no free connection within ${s.connect} seconds`, broken: false },
  { pattern: /^Connection terminated due to connection timeout$/, reason: (s) => `no connection within ${s.connect} seconds`, broken: true },
  { pattern: /^Connection terminated/, reason: () => 'the connection was closed', broken: true },
  { pattern: /is not queryable$/, reason: () => 'the connection was lost', broken: true },
  { pattern: /^Cannot use a pool after calling end on the pool$/, reason: () => 'the store is closing', broken: false },
];

/** `error` as a lost connection, or undefined for an error of the query itself. */
export function lostConnection(error: unknown, timeouts: { connectMs: number; statementMs: number }): LostConnection | undefined {
  const code = errorCodeOf(error);
  if (error instanceof pg.DatabaseError) {
    if (code === '57014') return { reason: `the statement took more than ${timeouts.statementMs / 1000} seconds (statement_timeout)`, broken: false };
    if (code !== undefined && (code.startsWith('08') || code.startsWith('57P'))) return { reason: `the server ended the connection (${error.message})`, broken: true };
    // Met when a new connection opens: the role or the database went away, or the password changed.
    if (code !== undefined && (code.startsWith('28') || code.startsWith('3D'))) return { reason: `the server refused the connection (${error.message})`, broken: true };
    if (code !== undefined && code.startsWith('53')) return { reason: `the server is out of resources (${error.message})`, broken: false };
    return undefined;
  }
  const network = networkReason(code, timeouts.connectMs);
  if (network !== undefined) return { reason: network, broken: true };
  if (!(error instanceof Error)) return undefined;
  const seconds = { connect: timeouts.connectMs / 1000, statement: timeouts.statementMs / 1000 };
  const known = CLIENT_MESSAGES.find((candidate) => candidate.pattern.test(error.message));
  return known === undefined ? undefined : { reason: known.reason(seconds), broken: known.broken };
}
