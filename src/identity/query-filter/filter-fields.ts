/**
 * The fields a filter reads, and the searchable rule: a `_queryFilter` may only compare properties
 * the managed object schema marks searchable (they are the indexed ones), plus `_id`.
 */
import { fieldNotSearchable } from './errors.ts';
import { fieldFilters } from './field-filters.ts';
import type { QueryFilter } from './query-filter.ts';

/** The distinct top-level property names `filter` reads (`/preferences/marketing` → `preferences`), in order. */
export function fieldsOf(filter: QueryFilter): string[] {
  const fields = new Set<string>();
  for (const { field } of fieldFilters(filter)) {
    const top = field[0];
    if (top !== undefined) fields.add(top);
  }
  return [...fields];
}

/** Throws QUERY_FIELD_NOT_SEARCHABLE naming the first field of `filter` outside `searchable` (`_id` always is). */
export function assertSearchable(filter: QueryFilter, searchable: ReadonlySet<string>): void {
  for (const field of fieldsOf(filter)) {
    if (field !== '_id' && !searchable.has(field)) throw fieldNotSearchable(field);
  }
}
