/** Small helpers shared by the store contract suites. */
import { randomUUID } from 'node:crypto';
import { isStoreError, type StoreErrorCode } from '../errors.ts';

/** A name no other test (or earlier run on a shared database) uses. */
export function unique(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/** An `assert.rejects` matcher for a store error with `code`. */
export function storeErrorWith(code: StoreErrorCode): (error: unknown) => boolean {
  return (error) => isStoreError(error, code);
}

/** The store error code of a settled promise's rejection, or `fulfilled`. */
export function outcome(result: PromiseSettledResult<unknown>): string {
  if (result.status === 'fulfilled') return 'fulfilled';
  return isStoreError(result.reason) ? result.reason.code : `unexpected: ${String(result.reason)}`;
}
