/**
 * The error every outage test expects of a store while its service is out: `STORE_UNAVAILABLE`,
 * raised while serving (stage `use`), naming the service that failed.
 */
import assert from 'node:assert/strict';
import { isStoreConnectionError, type StoreService } from '../store-connection-error.ts';

/** Fails unless `error` is STORE_UNAVAILABLE of `service`, at the `use` stage. */
export function assertStoreUnavailable(error: unknown, service: StoreService): void {
  assert.ok(isStoreConnectionError(error), `STORE_UNAVAILABLE expected, got ${String(error)}`);
  assert.equal(error.stage, 'use');
  assert.equal(error.service, service);
}
