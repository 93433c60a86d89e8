/**
 * The field names the memory store refuses, exactly those the SQL stores refuse (they would be
 * quoted into SQL there, `store/shared/`): a lookup's or index's attribute must be a plain
 * identifier, each segment of a query's field pointer letters, digits, `_` or `-`. Both fail with
 * INVALID_ATTRIBUTE, so a test on the memory store sees what production would answer.
 */
import type { SortKey } from '../../identity/ports.ts';
import { fieldFilters } from '../../identity/query-filter/field-filters.ts';
import type { FieldPath, QueryFilter } from '../../identity/query-filter/query-filter.ts';
import { assertFieldPath } from '../shared/assert-field-path.ts';

export { assertAttributeName } from '../shared/assert-attribute-name.ts';

function isId(field: FieldPath): boolean {
  return field.length === 1 && field[0] === '_id';
}

/**
 * Checks every field `filter` names, as the SQL translation does: `_id` is the key, not a field;
 * `in` with no values names nothing (it is `false`).
 */
export function assertFilterFields(filter: QueryFilter): void {
  for (const test of fieldFilters(filter)) {
    if (isId(test.field) || (test.op === 'in' && test.values.length === 0)) continue;
    assertFieldPath(test.field);
  }
}

/** Checks the fields of `sortKeys` up to `_id`, which ends the order (later keys never decide anything). */
export function assertSortFields(sortKeys: readonly SortKey[]): void {
  for (const key of sortKeys) {
    if (isId(key.field)) return;
    assertFieldPath(key.field);
  }
}
