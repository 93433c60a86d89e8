/**
 * SQL over one JSON value of `managed_objects.data`, per dialect: a field reached by a pointer, or
 * an element of the array that field holds. Top-level fields read exactly as `attributeExpressions`
 * does (`lower(json_extract(data, '$."userName"'))`, `lower(data ->> 'userName')`), so the search
 * indexes serve `_queryFilter`. Field names are checked, then quoted into the SQL text.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { FieldPath } from '../../identity/query-filter/query-filter.ts';
import { assertFieldPath } from '../shared/assert-field-path.ts';
import type { SqlDialectName } from './database.ts';

/** Comparison operators as SQL spells them. */
export type SqlComparison = '=' | '<' | '<=' | '>' | '>=';

/** SQL predicates and expressions over one JSON value. Predicates are NULL when the value is missing. */
export interface JsonValueSql {
  isString: RawBuilder<SqlBool>;
  isNumber: RawBuilder<SqlBool>;
  /** Is the JSON boolean `value`. */
  isBoolean(value: boolean): RawBuilder<SqlBool>;
  /** The lower-cased text of a string value. */
  folded: RawBuilder<string>;
  /** A number value compared with `value` (guard with `isNumber`). */
  compareNumber(op: SqlComparison, value: number): RawBuilder<SqlBool>;
  /** The JSON type as this dialect names it (`text`/`string`, `integer`/`number`…), NULL when missing. */
  jsonType: RawBuilder<string>;
}

/** A field of `data`: its value, and its elements when it holds an array. */
export interface JsonFieldSql extends JsonValueSql {
  isArray: RawBuilder<SqlBool>;
  /** Present: not missing, not null, not an empty array (never NULL). */
  isPresent: RawBuilder<SqlBool>;
  /** Some element of the array the field holds satisfies `predicate` (false for a non-array). */
  someElement(predicate: (element: JsonValueSql) => RawBuilder<SqlBool>): RawBuilder<SqlBool>;
  /** The JSON value itself, for sorting numbers and booleans (SQLite: the number, booleans 1/0; PostgreSQL: jsonb). */
  raw: RawBuilder<unknown>;
}

function sqliteValue(typeOf: RawBuilder<string>, value: RawBuilder<unknown>): JsonValueSql {
  return {
    jsonType: typeOf,
    isString: sql<SqlBool>`${typeOf} = 'text'`,
    isNumber: sql<SqlBool>`${typeOf} in ('integer', 'real')`,
    isBoolean: (wanted) => sql<SqlBool>`${typeOf} = ${sql.lit(wanted ? 'true' : 'false')}`,
    folded: sql<string>`lower(${value})`,
    compareNumber: (op, wanted) => sql<SqlBool>`${value} ${sql.raw(op)} ${wanted}`,
  };
}

function postgresValue(member: RawBuilder<unknown>, text: RawBuilder<string>): JsonValueSql {
  return {
    jsonType: sql<string>`jsonb_typeof(${member})`,
    isString: sql<SqlBool>`jsonb_typeof(${member}) = 'string'`,
    isNumber: sql<SqlBool>`jsonb_typeof(${member}) = 'number'`,
    isBoolean: (wanted) => sql<SqlBool>`${member} = cast(${sql.lit(String(wanted))} as jsonb)`,
    folded: sql<string>`lower(${text})`,
    // jsonb compares numbers numerically (42 = 42.0) and never errors on other types.
    compareNumber: (op, wanted) => sql<SqlBool>`${member} ${sql.raw(op)} cast(${JSON.stringify(wanted)} as jsonb)`,
  };
}

/** SQLite: `json_type` / `json_extract` with a quoted-key path (quoted keys never index into arrays). */
function sqliteField(field: FieldPath): JsonFieldSql {
  const path = sql.raw(`'$.${field.map((segment) => `"${segment}"`).join('.')}'`);
  const typeOf = sql<string>`json_type(data, ${path})`;
  const value = sql<unknown>`json_extract(data, ${path})`;
  return {
    ...sqliteValue(typeOf, value),
    raw: value,
    isArray: sql<SqlBool>`${typeOf} = 'array'`,
    isPresent: sql<SqlBool>`(coalesce(${typeOf}, 'null') <> 'null' and (${typeOf} <> 'array' or json_array_length(data, ${path}) > 0))`,
    someElement: (predicate) =>
      sql<SqlBool>`(${typeOf} = 'array' and exists (select 1 from json_each(data, ${path}) as e where ${predicate(sqliteValue(sql`e.type`, sql`e.value`))}))`,
  };
}

/** PostgreSQL: `->` per segment (a text key never indexes into an array), `->>` for the last as text. */
function postgresField(field: FieldPath): JsonFieldSql {
  const keys = field.map((segment) => `'${segment}'`);
  const parent = ['data', ...keys.slice(0, -1)].join(' -> ');
  const last = keys[keys.length - 1] as string;
  const member = sql.raw(`${parent} -> ${last}`);
  const text = sql.raw<string>(`${parent} ->> ${last}`);
  return {
    ...postgresValue(member, text),
    raw: member,
    isArray: sql<SqlBool>`jsonb_typeof(${member}) = 'array'`,
    isPresent: sql<SqlBool>`(coalesce(jsonb_typeof(${member}), 'null') <> 'null' and ${member} <> cast('[]' as jsonb))`,
    // jsonb_array_elements fails on a non-array, and SQL does not promise to evaluate the guard first.
    someElement: (predicate) =>
      sql<SqlBool>`(jsonb_typeof(${member}) = 'array' and exists (select 1 from jsonb_array_elements(case when jsonb_typeof(${member}) = 'array' then ${member} else cast('[]' as jsonb) end) as e(value) where ${predicate(postgresValue(sql`e.value`, sql<string>`e.value #>> '{}'`))}))`,
  };
}

/** The SQL view of `field` in `dialect`; throws INVALID_ATTRIBUTE for a segment that cannot be quoted. */
export function jsonFieldSql(dialect: SqlDialectName, field: FieldPath): JsonFieldSql {
  assertFieldPath(field);
  return dialect === 'postgres' ? postgresField(field) : sqliteField(field);
}
