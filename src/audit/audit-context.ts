/**
 * What an audit event knows of the request it happens in, without the domain seeing the request:
 * the HTTP layer runs each request in an `AuditContext` (async local storage), and recorders read
 * the transaction id, client address and actor from it. Outside a request (the CLI) there is none.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditActor } from './audit-event.ts';

/** The request behind the events being recorded. */
export interface AuditContext {
  /** The request id (the transaction id of its events). */
  transactionId: string;
  clientIp: string;
  /** Who is calling, read on first use (undefined: nobody signed in). */
  actor(): Promise<AuditActor | undefined>;
  /** The managed objects this request read, by `type/id`: the "before" of its updates, without another read. */
  readonly seen: Map<string, Record<string, unknown>>;
}

const storage = new AsyncLocalStorage<AuditContext>();

/** Runs `work` with `context` as the current audit context. */
export function runWithAuditContext<T>(context: AuditContext, work: () => T): T {
  return storage.run(context, work);
}

/** The audit context of the running request, if any. */
export function currentAuditContext(): AuditContext | undefined {
  return storage.getStore();
}
