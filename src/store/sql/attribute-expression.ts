/**
 * The SQL expressions over a managed object's top-level attribute, one set per dialect. Lookups,
 * search and unique indexes, and `_queryFilter` translation (`json-field-sql.ts`) must all use
 * exactly these texts: an expression index is only used when the query repeats its expression.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AttributeValue } from '../../identity/ports.ts';
import { assertAttributeName } from '../shared/assert-attribute-name.ts';
import type { SqlDialectName } from './database.ts';

/** Attribute names are checked (plain identifiers, spliced into SQL) by the rule every store shares. */
export { assertAttributeName };

/** How one dialect reads a top-level attribute of `managed_objects.data`. */
export interface AttributeExpressions {
  /** SQL text of the lower-cased attribute: the expression search indexes are built on. */
  folded(attribute: string): string;
  /** Attribute equals `value`: strings case-insensitively (through `folded`), numbers and booleans exactly. */
  equals(attribute: string, value: AttributeValue): RawBuilder<SqlBool>;
}

function sqliteFolded(attribute: string): string {
  assertAttributeName(attribute);
  return `lower(json_extract(data, '$."${attribute}"'))`;
}

function postgresFolded(attribute: string): string {
  assertAttributeName(attribute);
  return `lower(data ->> '${attribute}')`;
}

/** SQLite: JSON stored as TEXT, read with json_extract; json_type tells 1 from true. */
const sqliteExpressions: AttributeExpressions = {
  folded: sqliteFolded,
  equals(attribute, value) {
    const folded = sql.raw(sqliteFolded(attribute));
    const path = sql.raw(`'$."${attribute}"'`);
    if (typeof value === 'string') return sql<SqlBool>`(json_type(data, ${path}) = 'text' and ${folded} = lower(${value}))`;
    // json_extract turns true into 1: the JSON type is what tells a boolean from a number.
    if (typeof value === 'boolean') return sql<SqlBool>`(json_type(data, ${path}) = ${sql.lit(value ? 'true' : 'false')})`;
    if (!Number.isFinite(value)) return sql<SqlBool>`(1 = 0)`;
    return sql<SqlBool>`(json_type(data, ${path}) in ('integer', 'real') and json_extract(data, ${path}) = ${value})`;
  },
};

/** PostgreSQL: JSONB; `->>` for the text form, jsonb equality (typed) for numbers and booleans. */
const postgresExpressions: AttributeExpressions = {
  folded: postgresFolded,
  equals(attribute, value) {
    const folded = sql.raw(postgresFolded(attribute));
    const member = sql.raw(`data -> '${attribute}'`);
    if (typeof value === 'string') return sql<SqlBool>`(jsonb_typeof(${member}) = 'string' and ${folded} = lower(cast(${value} as text)))`;
    if (typeof value === 'number' && !Number.isFinite(value)) return sql<SqlBool>`(1 = 0)`;
    // jsonb equality compares type and value: 42 = 42.0, but never 42 = "42" or true = 1.
    return sql<SqlBool>`(${member} = cast(${JSON.stringify(value)} as jsonb))`;
  },
};

/** The attribute expressions of each dialect. */
export const attributeExpressions: Record<SqlDialectName, AttributeExpressions> = {
  sqlite: sqliteExpressions,
  postgres: postgresExpressions,
};
