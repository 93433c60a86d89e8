/**
 * The field pointers every store accepts in a query's filter and sort keys: each segment letters,
 * digits, `_` or `-`, which the SQL stores quote into SQL. The memory store refuses exactly the
 * same, so a test on it sees what production would answer.
 */
import type { FieldPath } from '../../identity/query-filter/query-filter.ts';
import { storeError } from '../errors.ts';

/** What a field-path segment may contain to be quoted into SQL. */
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Throws INVALID_ATTRIBUTE unless `field` has segments and each is letters, digits, `_` or `-`. */
export function assertFieldPath(field: FieldPath): void {
  if (field.length === 0 || !field.every((segment) => SEGMENT.test(segment))) {
    throw storeError('INVALID_ATTRIBUTE', `invalid field ${JSON.stringify('/' + field.join('/'))}: each segment must match ${SEGMENT.source}`);
  }
}
