/** Store errors of managed-object writes, as CREST answers them. */
import { hasErrorCode } from '../errors.ts';
import type { ManagedObjectSchema } from '../managed-schema.ts';
import { crestError, isCrestError } from './errors.ts';
import { uniqueViolationFailure } from './unique-violation.ts';

/** The CREST error for a store error of a write on `managed/<type>/<id>`; other errors come back as they are. */
export function crestFailureOf(error: unknown, type: string, id: string, schema: ManagedObjectSchema): unknown {
  if (isCrestError(error)) return error;
  if (hasErrorCode(error, 'NOT_FOUND')) return crestError('NOT_FOUND', `Object ${id} not found in managed/${type}`);
  if (hasErrorCode(error, 'REV_MISMATCH')) return staleRevision(type, id);
  if (hasErrorCode(error, 'DUPLICATE_ID')) return idTaken(id);
  return uniqueViolationFailure(error, schema) ?? error;
}

/** True for the store errors a read-modify-write without `If-Match` retries (a concurrent write won). */
export function isRetriableRace(error: unknown): boolean {
  return hasErrorCode(error, 'REV_MISMATCH') || hasErrorCode(error, 'DUPLICATE_ID') || hasErrorCode(error, 'NOT_FOUND');
}

/** PRECONDITION_FAILED for an `If-Match` revision that is not the current one. */
export function staleRevision(type: string, id: string): Error {
  return crestError('PRECONDITION_FAILED', `Revision does not match the current revision of managed/${type}/${id}`);
}

/** PRECONDITION_FAILED for a create whose id is taken. */
export function idTaken(id: string): Error {
  return crestError('PRECONDITION_FAILED', `The resource with ID '${id}' could not be created because there is already another resource with the same ID`);
}
