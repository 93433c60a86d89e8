/**
 * The field names the memory store refuses, exactly those the SQL stores refuse (they would be
 * quoted into SQL there): a lookup's or index's attribute must be a plain identifier, each segment
 * of a query's field pointer letters, digits, `_` or `-`. Both fail with INVALID_ATTRIBUTE, so a
 * test on the memory store sees what production would answer.
 */
import type { SortKey } from '../../identity/ports.ts';
import type { FieldPath, QueryFilter } from '../../identity/query-filter/query-filter.ts';
import { storeError } from '../errors.ts';

/** Attribute names of lookups, search and unique indexes. */
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What a field-path segment of a query may contain. */
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Throws INVALID_ATTRIBUTE unless `attribute` is a plain identifier. */
export function assertAttributeName(attribute: string): void {
  if (!ATTRIBUTE_NAME.test(attribute)) {
    throw storeError('INVALID_ATTRIBUTE', `invalid attribute name ${JSON.stringify(attribute)}: expected ${ATTRIBUTE_NAME.source}`);
  }
}

/** Throws INVALID_ATTRIBUTE unless `field` has segments and each is letters, digits, `_` or `-`. */
export function assertFieldPath(field: FieldPath): void {
  if (field.length === 0 || !field.every((segment) => SEGMENT.test(segment))) {
    throw storeError('INVALID_ATTRIBUTE', `invalid field ${JSON.stringify('/' + field.join('/'))}: each segment must match ${SEGMENT.source}`);
  }
}

function isId(field: FieldPath): boolean {
  return field.length === 1 && field[0] === '_id';
}

/**
 * Checks every field `filter` names, as the SQL translation does: `_id` is the key, not a field;
 * `in` with no values names nothing (it is `false`).
 */
export function assertFilterFields(filter: QueryFilter): void {
  switch (filter.op) {
    case 'true':
    case 'false':
      return;
    case 'and':
    case 'or':
      for (const part of filter.filters) assertFilterFields(part);
      return;
    case 'not':
      assertFilterFields(filter.filter);
      return;
    case 'in':
      if (filter.values.length > 0 && !isId(filter.field)) assertFieldPath(filter.field);
      return;
    default:
      if (!isId(filter.field)) assertFieldPath(filter.field);
  }
}

/** Checks the fields of `sortKeys` up to `_id`, which ends the order (later keys never decide anything). */
export function assertSortFields(sortKeys: readonly SortKey[]): void {
  for (const key of sortKeys) {
    if (isId(key.field)) return;
    assertFieldPath(key.field);
  }
}
