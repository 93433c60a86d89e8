/**
 * Translates a QueryFilter into a SQL predicate over `managed_objects`, for SQLite and PostgreSQL,
 * with the in-memory evaluator's semantics: strings case-insensitive, JSON types never mixed, an
 * array of scalars matching when any element does, `_id` compared exactly on the key column.
 * Values are bound parameters; field names are checked and quoted. `NOT` sees only TRUE or FALSE.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { foldCase } from '../../identity/query-filter/fold-case.ts';
import type { ComparisonOperator, FieldPath, FilterValue, QueryFilter } from '../../identity/query-filter/query-filter.ts';
import type { SqlDialectName } from './database.ts';
import { jsonFieldSql, type JsonFieldSql, type JsonValueSql, type SqlComparison } from './json-field-sql.ts';

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;
const ORDERING: Record<Exclude<ComparisonOperator, 'co' | 'sw'>, SqlComparison> = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' };
/** PostgreSQL's byte-order (code point) text operators, which `text_pattern_ops` indexes serve. */
const PATTERN_OPERATORS: Record<SqlComparison, string> = { '=': '=', '<': '~<~', '<=': '~<=~', '>': '~>~', '>=': '~>=~' };
const LIKE_ESCAPE = sql.raw(`escape '\\'`);

/** `value` with LIKE's metacharacters (`%`, `_` and the escape `\`) escaped. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** The least string greater than every string starting with `prefix` (code point order), if any. */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = [...prefix].map((ch) => ch.codePointAt(0) ?? 0);
  while (points.length > 0) {
    const last = points.pop() as number;
    if (last < 0x10ffff) {
      points.push(last === 0xd7ff ? 0xe000 : last + 1);
      return String.fromCodePoint(...points);
    }
  }
  return undefined;
}

function joined(filters: RawBuilder<SqlBool>[], operator: 'and' | 'or'): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(filters, sql.raw(` ${operator} `))})`;
}

/** A range `lower <= x < upper` that is exactly "x starts with lower" in code point order. */
function startsWithRange(expression: RawBuilder<string>, prefix: string): RawBuilder<SqlBool> {
  const upper = prefixUpperBound(prefix);
  const from = sql<SqlBool>`${expression} >= ${prefix}`;
  return upper === undefined ? from : sql<SqlBool>`(${from} and ${expression} < ${upper})`;
}

/** One JSON value against one literal; undefined when the pair can never match (different types). */
function scalarSql(dialect: SqlDialectName, view: JsonValueSql, op: ComparisonOperator, value: FilterValue): RawBuilder<SqlBool> | undefined {
  if (typeof value === 'boolean') return op === 'eq' ? view.isBoolean(value) : undefined;
  if (typeof value === 'number') return op === 'co' || op === 'sw' ? undefined : sql<SqlBool>`(${view.isNumber} and ${view.compareNumber(ORDERING[op], value)})`;
  if (value === null) return undefined;
  const text = dialect === 'postgres' ? sql<string>`lower(cast(${value} as text))` : sql<string>`lower(${value})`;
  let test: RawBuilder<SqlBool>;
  if (op === 'co') {
    const pattern = `%${escapeLike(value)}%`;
    test = sql<SqlBool>`${view.folded} like lower(${dialect === 'postgres' ? sql`cast(${pattern} as text)` : pattern}) ${LIKE_ESCAPE}`;
  } else if (op === 'sw' && dialect === 'postgres') {
    // LIKE 'prefix%' becomes a range on the text_pattern_ops search index.
    test = sql<SqlBool>`${view.folded} like lower(cast(${`${escapeLike(value)}%`} as text)) ${LIKE_ESCAPE}`;
  } else if (op === 'sw') {
    // SQLite does not turn LIKE into a range on an expression index; the range is exact and indexed.
    test = startsWithRange(view.folded, foldCase(value));
  } else {
    const comparison = ORDERING[op];
    test = sql<SqlBool>`${view.folded} ${sql.raw(dialect === 'postgres' ? PATTERN_OPERATORS[comparison] : comparison)} ${text}`;
  }
  return sql<SqlBool>`(${view.isString} and ${test})`;
}

/** `_id` on the key column: exact, case-sensitive, code point order (the primary key serves it). */
function idSql(dialect: SqlDialectName, op: ComparisonOperator, value: string): RawBuilder<SqlBool> {
  if (op === 'co') return dialect === 'postgres' ? sql<SqlBool>`strpos(id, ${value}) > 0` : sql<SqlBool>`instr(id, ${value}) > 0`;
  if (op === 'sw') return startsWithRange(sql<string>`id`, value);
  return sql<SqlBool>`id ${sql.raw(ORDERING[op])} ${value}`;
}

function isId(field: FieldPath): boolean {
  return field.length === 1 && field[0] === '_id';
}

/** A translated sub-filter; `typed` when it already implies `type = <type>`; `never` when it is FALSE whatever the row. */
interface Translated {
  sql: RawBuilder<SqlBool>;
  typed: boolean;
  never?: boolean;
}

/** The JSON type classes of a field, in the order a sort key ranks them (see `sort-key-sql.ts`). */
export type JsonTypeClass = 'number' | 'string' | 'boolean' | 'composite' | 'absent';

/**
 * What the caller guarantees about one top-level field for every row the predicate will see:
 * its JSON type class. Comparisons on that field then keep only the branch that can match.
 */
export interface KnownFieldClass {
  attribute: string;
  class: JsonTypeClass;
}

const NEVER: Translated = { sql: FALSE, typed: true, never: true };

/** The translation of one sub-filter over the rows of `type`. */
function translator(dialect: SqlDialectName, type: string, known?: KnownFieldClass) {
  const typed = (predicate: RawBuilder<SqlBool>): RawBuilder<SqlBool> => sql<SqlBool>`(type = ${type} and ${predicate})`;
  const restricted = (t: Translated): RawBuilder<SqlBool> => (t.typed ? t.sql : typed(t.sql));

  /**
   * A comparison on a data field: the value itself, or any element of an array. Each branch
   * carries `type = …` so the planner serves each from its own index (multi-index OR / BitmapOr).
   */
  function field(path: FieldPath, op: ComparisonOperator, value: FilterValue): Translated {
    const view: JsonFieldSql = jsonFieldSql(dialect, path);
    if (value === null) return op === 'eq' ? { sql: sql<SqlBool>`not ${view.isPresent}`, typed: false } : NEVER;
    const scalar = scalarSql(dialect, view, op, value);
    if (scalar === undefined) return NEVER;
    if (known !== undefined && path.length === 1 && path[0] === known.attribute) {
      // Only the branch the known JSON type can satisfy: a plain range for the planner.
      if (known.class === 'composite') return { sql: typed(view.someElement((element) => scalarSql(dialect, element, op, value) ?? FALSE)), typed: true };
      const valueClass: JsonTypeClass = typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
      return valueClass === known.class ? { sql: typed(scalar), typed: true } : NEVER;
    }
    const some = view.someElement((element) => scalarSql(dialect, element, op, value) ?? FALSE);
    return { sql: sql<SqlBool>`(${typed(scalar)} or ${typed(some)})`, typed: true };
  }

  function comparison(path: FieldPath, op: ComparisonOperator, value: FilterValue): Translated {
    if (!isId(path)) return field(path, op, value);
    return typeof value === 'string' ? { sql: typed(idSql(dialect, op, value)), typed: true } : NEVER;
  }

  function translate(filter: QueryFilter): Translated {
    switch (filter.op) {
      case 'true':
        return { sql: TRUE, typed: false };
      case 'false':
        return NEVER;
      case 'and': {
        // One conjunct implying the type is enough; the others must not offer a bare `type = ?`,
        // which SQLite's planner (without statistics) would prefer over the attribute indexes.
        const parts = filter.filters.map(translate);
        if (parts.some((p) => p.never === true)) return NEVER;
        return { sql: parts.length === 0 ? TRUE : joined(parts.map((p) => p.sql), 'and'), typed: parts.some((p) => p.typed) };
      }
      case 'or': {
        const parts = filter.filters.map(translate).filter((p) => p.never !== true);
        return parts.length === 0 ? NEVER : { sql: joined(parts.map(restricted), 'or'), typed: true };
      }
      case 'not':
        // NULL (a missing field) must count as FALSE before negation, as in the evaluator.
        return { sql: sql<SqlBool>`not coalesce(${translate(filter.filter).sql}, false)`, typed: false };
      case 'pr':
        return isId(filter.field) ? { sql: TRUE, typed: false } : { sql: jsonFieldSql(dialect, filter.field).isPresent, typed: false };
      case 'in':
        return translate({ op: 'or', filters: filter.values.map((value) => ({ op: 'eq', field: filter.field, value })) });
      default:
        return comparison(filter.field, filter.op, filter.value);
    }
  }

  return { translate, restricted };
}

/**
 * The SQL predicate selecting the objects of managed type `type` that satisfy `filter` (it
 * includes the type condition); throws INVALID_ATTRIBUTE for a field SQL cannot name.
 */
export function queryFilterSql(filter: QueryFilter, dialect: SqlDialectName, type: string): RawBuilder<SqlBool> {
  const { translate, restricted } = translator(dialect, type);
  return restricted(translate(filter));
}

/**
 * The predicate of `filter` over the rows of `type` whose field `known.attribute` is of JSON type
 * class `known.class` (the caller adds that condition), or undefined when no such row can match.
 */
export function queryFilterSqlKnowing(filter: QueryFilter, dialect: SqlDialectName, type: string, known: KnownFieldClass): RawBuilder<SqlBool> | undefined {
  const { translate, restricted } = translator(dialect, type, known);
  const translated = translate(filter);
  return translated.never === true ? undefined : restricted(translated);
}
