/**
 * A managed object's place in the order of a query, as the SQL stores compute it
 * (`store/sql/sort-key-sql.ts`): each sort key gives three components, the JSON type's rank
 * (numbers, strings, booleans, arrays and objects, then missing or null), a number (the number
 * itself, booleans 1 and 0), and the case-folded string; then `_id` ascending closes the order
 * unless it is a sort key itself. Strings compare by code point, so pages agree with SQL's, and
 * the same list of values is what a paged-results cookie carries.
 */
import type { SortKey } from '../../identity/ports.ts';
import { valueAtPath } from '../../identity/query-filter/evaluate-query-filter.ts';
import { compareCodePoints, foldCase } from '../../identity/query-filter/fold-case.ts';
import type { FieldPath } from '../../identity/query-filter/query-filter.ts';
import { assertSortFields } from './assert-field-names.ts';

/** What a component holds: the type rank, a number/boolean, a folded string, or the id. */
export type SortComponentKind = 'rank' | 'number' | 'string' | 'id';

/** One component of the order: what it holds, from which field, in which direction. */
export interface SortComponent {
  kind: SortComponentKind;
  /** The field it reads (none for `id`). */
  field: FieldPath;
  descending: boolean;
}

/** A position: one value per component. */
export type SortPosition = (string | number)[];

/** The components of `sortKeys` (then `_id` ascending unless `_id` is a key); refuses bad field names (INVALID_ATTRIBUTE). */
export function sortComponents(sortKeys: readonly SortKey[]): SortComponent[] {
  assertSortFields(sortKeys);
  const components: SortComponent[] = [];
  for (const key of sortKeys) {
    if (key.field.length === 1 && key.field[0] === '_id') {
      components.push({ kind: 'id', field: [], descending: key.descending });
      return components; // `_id` is unique: later keys could never decide anything.
    }
    for (const kind of ['rank', 'number', 'string'] as const) components.push({ kind, field: key.field, descending: key.descending });
  }
  components.push({ kind: 'id', field: [], descending: false });
  return components;
}

/** The rank of a JSON value's type in the order. */
function rankOf(value: unknown): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'boolean') return 2;
  if (typeof value === 'object' && value !== null) return 3;
  return 4;
}

function componentValue(component: SortComponent, id: string, data: Readonly<Record<string, unknown>>): string | number {
  if (component.kind === 'id') return id;
  const value = valueAtPath(data, component.field);
  if (component.kind === 'rank') return rankOf(value);
  if (component.kind === 'number') return typeof value === 'number' ? value : value === true ? 1 : 0;
  return typeof value === 'string' ? foldCase(value) : '';
}

/** The position of the object `id` with `data` in the order of `components`. */
export function sortPosition(components: readonly SortComponent[], id: string, data: Readonly<Record<string, unknown>>): SortPosition {
  return components.map((component) => componentValue(component, id, data));
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === 'number' ? -1 : 1; // never for positions of one order
}

/** Negative when `a` comes before `b` in the order of `components`, positive after, 0 at the same place. */
export function comparePositions(components: readonly SortComponent[], a: SortPosition, b: SortPosition): number {
  for (const [i, component] of components.entries()) {
    const order = compareValues(a[i] as string | number, b[i] as string | number);
    if (order !== 0) return component.descending ? -order : order;
  }
  return 0;
}
