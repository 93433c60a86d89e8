/**
 * The CREST `_queryFilter` AST. Filters are parsed once into this tree, then translated to SQL
 * per dialect by the store, or evaluated in memory by journey nodes; all three must agree.
 */

/** A JSON pointer as its segments: `/preferences/marketing` → `['preferences', 'marketing']`. */
export type FieldPath = readonly string[];

/** A literal a filter compares with. */
export type FilterValue = string | number | boolean | null;

/** Comparison operators of the CREST grammar. */
export type ComparisonOperator = 'eq' | 'co' | 'sw' | 'lt' | 'le' | 'gt' | 'ge';

/** A parsed `_queryFilter`. */
export type QueryFilter =
  | { op: 'true' }
  | { op: 'false' }
  | { op: 'and'; filters: QueryFilter[] }
  | { op: 'or'; filters: QueryFilter[] }
  | { op: 'not'; filter: QueryFilter }
  | { op: 'pr'; field: FieldPath }
  | { op: ComparisonOperator; field: FieldPath; value: FilterValue }
  /** IDM's `in`: `/userName in '["a","b"]'` — the field equals one of the values. */
  | { op: 'in'; field: FieldPath; values: (string | number | boolean)[] };
