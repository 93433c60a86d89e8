/**
 * In-memory evaluation of a QueryFilter against a JSON object, with the semantics the SQL stores
 * implement (the shared test table keeps all three in agreement): strings compare case-insensitively,
 * values of different JSON types never match, an array of scalars matches when any element does.
 */
import { compareCodePoints, foldCase } from './fold-case.ts';
import type { ComparisonOperator, FieldPath, FilterValue, QueryFilter } from './query-filter.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `field`, walking objects only (a pointer does not index into arrays). */
export function valueAtPath(object: Record<string, unknown>, field: FieldPath): unknown {
  let current: unknown = object;
  for (const segment of field) {
    if (!isObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

/** `pr`: present, not null, and not an empty array. */
function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

/** `_id` is the object's identifier: compared exactly (case-sensitively), as the store's key column. */
function isId(field: FieldPath): boolean {
  return field.length === 1 && field[0] === '_id';
}

function ordered(op: ComparisonOperator, order: number): boolean {
  switch (op) {
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    default:
      return order === 0;
  }
}

/** One scalar against one literal; different JSON types never match. */
function matchesScalar(actual: unknown, op: ComparisonOperator, wanted: FilterValue, exact: boolean): boolean {
  if (typeof wanted === 'string') {
    if (typeof actual !== 'string') return false;
    const a = exact ? actual : foldCase(actual);
    const w = exact ? wanted : foldCase(wanted);
    if (op === 'co') return a.includes(w);
    if (op === 'sw') return a.startsWith(w);
    return ordered(op, compareCodePoints(a, w));
  }
  if (typeof wanted === 'number') {
    if (typeof actual !== 'number' || op === 'co' || op === 'sw') return false;
    return ordered(op, actual < wanted ? -1 : actual > wanted ? 1 : 0);
  }
  if (typeof wanted === 'boolean') return op === 'eq' && actual === wanted;
  return false;
}

/** A field value against a literal: an array of scalars matches when any element does. */
function matchesValue(value: unknown, op: ComparisonOperator, wanted: FilterValue, exact: boolean): boolean {
  if (Array.isArray(value)) return value.some((element) => matchesScalar(element, op, wanted, exact));
  return matchesScalar(value, op, wanted, exact);
}

/**
 * True when `object` (a managed object with `_id` and its properties) satisfies `filter`, with
 * IDM's semantics: `eq null` means "not present"; `!` negates the whole sub-filter.
 */
export function matchesQueryFilter(filter: QueryFilter, object: Record<string, unknown>): boolean {
  switch (filter.op) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and':
      return filter.filters.every((f) => matchesQueryFilter(f, object));
    case 'or':
      return filter.filters.some((f) => matchesQueryFilter(f, object));
    case 'not':
      return !matchesQueryFilter(filter.filter, object);
    case 'pr':
      return isPresent(valueAtPath(object, filter.field));
    case 'in': {
      const value = valueAtPath(object, filter.field);
      return filter.values.some((wanted) => matchesValue(value, 'eq', wanted, isId(filter.field)));
    }
    default: {
      const value = valueAtPath(object, filter.field);
      if (filter.value === null) return filter.op === 'eq' && !isPresent(value);
      return matchesValue(value, filter.op, filter.value, isId(filter.field));
    }
  }
}
