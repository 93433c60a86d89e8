/**
 * The audit as the running platform wires it: the service on the store's audit events (settings
 * from the environment), the store wrapper that records activity and config events, the journey
 * service's end-of-journey hook that records authentication events, and the log that hears of a
 * failing audit store (set once the app's logger exists).
 */
import { currentAuditContext } from '../../audit/audit-context.ts';
import { createAuditService, type AuditService } from '../../audit/audit-service.ts';
import { auditSettingsFrom } from '../../audit/audit-settings.ts';
import type { JourneyFinished } from '../../journeys/engine/journey-service.ts';
import type { Store } from '../../store/store.ts';
import { auditWrites } from './audit-writes.ts';

/** A logger with pino's `warn`. */
interface WarnLog {
  warn(object: Record<string, unknown>, message: string): void;
}

/** The platform's audit. */
export interface PlatformAudit {
  service: AuditService;
  /** `store` with its writes recorded. */
  auditWrites(store: Store): Store;
  /** The journey service's `onFinished`. */
  journeyFinished(finished: JourneyFinished): void;
  /** Where failures of the audit store are logged from now on. */
  logTo(log: WarnLog): void;
}

/** Builds the platform's audit on `store.audit`; throws naming the variable when a setting is bad. */
export function createPlatformAudit(store: Pick<Store, 'audit'>, clock: { now(): number }, env: Record<string, string | undefined>): PlatformAudit {
  let log: WarnLog | undefined;
  const service = createAuditService({
    store: store.audit,
    settings: auditSettingsFrom(env),
    clock,
    onStoreError: (error, event) => log?.warn({ err: error, topic: event.topic, auditFailures: service.counters.storeFailures }, 'recording an audit event failed; the request went on'),
  });
  return {
    service,
    auditWrites: (written) => auditWrites(written, service),
    journeyFinished(finished) {
      const context = currentAuditContext();
      service.record({ topic: 'authentication', ...finished, ...(context === undefined ? {} : { transactionId: context.transactionId }) });
    },
    logTo(target) {
      log = target;
    },
  };
}

/**
 * `store` for a CLI command: its managed-object, configuration and journey writes audited as the
 * server audits them (streamed lines go to standard error, the command's output staying clean);
 * closing it waits for the events to be written first.
 */
export function auditedCliStore(store: Store, env: Record<string, string | undefined>): Store {
  const service = createAuditService({
    store: store.audit,
    settings: auditSettingsFrom(env),
    clock: { now: () => Date.now() },
    writeLine: (line) => void process.stderr.write(`${line}\n`),
    onStoreError: (error) => void process.stderr.write(`warning: recording an audit event failed: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  const audited = auditWrites(store, service);
  return {
    ...audited,
    async close() {
      await service.settled();
      await store.close();
    },
  };
}
