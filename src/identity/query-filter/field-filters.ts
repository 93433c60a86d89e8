/**
 * The parts of a `_queryFilter` that test a field (`pr`, the comparisons, `in`), found by walking
 * its `and`, `or` and `not`: what every check of the fields a filter reads goes through.
 */
import type { QueryFilter } from './query-filter.ts';

/** A filter that tests a field. */
export type FieldFilter = Extract<QueryFilter, { field: unknown }>;

function collect(filter: QueryFilter, into: FieldFilter[]): void {
  switch (filter.op) {
    case 'true':
    case 'false':
      return;
    case 'and':
    case 'or':
      for (const part of filter.filters) collect(part, into);
      return;
    case 'not':
      collect(filter.filter, into);
      return;
    default:
      into.push(filter);
  }
}

/** The field tests of `filter`, in the order they are written. */
export function fieldFilters(filter: QueryFilter): FieldFilter[] {
  const found: FieldFilter[] = [];
  collect(filter, found);
  return found;
}
