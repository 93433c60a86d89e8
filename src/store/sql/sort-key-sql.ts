/**
 * The ORDER BY of a managed object query as a list of never-NULL SQL expressions ("components"),
 * so the same list serves ORDER BY, the cookie's values and the keyset condition of the next page.
 * A field sorts by JSON type first (numbers, strings, booleans, arrays and objects, then missing or
 * null), then by value: numbers numerically, strings case-insensitively in code point order.
 * `_id` ascending is appended as the final, unique key.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { SortKey } from '../../identity/ports.ts';
import type { SqlDialectName } from './database.ts';
import { jsonFieldSql } from './json-field-sql.ts';

/** What a component holds: the type rank, a number/boolean, a folded string, or the id. */
export type SortComponentKind = 'rank' | 'number' | 'string' | 'id';

/** One ORDER BY expression with its direction. */
export interface SortComponent {
  kind: SortComponentKind;
  expression: RawBuilder<unknown>;
  descending: boolean;
}

function fieldComponents(dialect: SqlDialectName, key: SortKey): SortComponent[] {
  const field = jsonFieldSql(dialect, key.field);
  const t = field.jsonType;
  const descending = key.descending;
  if (dialect === 'postgres') {
    return [
      { kind: 'rank', descending, expression: sql`(case ${t} when 'number' then 0 when 'string' then 1 when 'boolean' then 2 when 'array' then 3 when 'object' then 3 else 4 end)` },
      { kind: 'number', descending, expression: sql`(case when ${t} in ('number', 'boolean') then ${field.raw} else cast('0' as jsonb) end)` },
      { kind: 'string', descending, expression: sql`((case when ${t} = 'string' then ${field.folded} else '' end) collate "C")` },
    ];
  }
  return [
    { kind: 'rank', descending, expression: sql`(case ${t} when 'integer' then 0 when 'real' then 0 when 'text' then 1 when 'true' then 2 when 'false' then 2 when 'array' then 3 when 'object' then 3 else 4 end)` },
    { kind: 'number', descending, expression: sql`(case ${t} when 'integer' then ${field.raw} when 'real' then ${field.raw} when 'true' then 1 else 0 end)` },
    { kind: 'string', descending, expression: sql`(case when ${t} = 'text' then ${field.folded} else '' end)` },
  ];
}

/** The components of `sortKeys` (then `_id` ascending, unless `_id` is already a key); checks field names. */
export function sortComponents(dialect: SqlDialectName, sortKeys: readonly SortKey[]): SortComponent[] {
  const components: SortComponent[] = [];
  let hasId = false;
  for (const key of sortKeys) {
    if (key.field.length === 1 && key.field[0] === '_id') {
      components.push({ kind: 'id', expression: sql`id`, descending: key.descending });
      hasId = true;
      break; // `_id` is unique: later keys could never decide anything.
    }
    components.push(...fieldComponents(dialect, key));
  }
  if (!hasId) components.push({ kind: 'id', expression: sql`id`, descending: false });
  return components;
}

/** A value as the keyset condition binds it (PostgreSQL's numbers and booleans are jsonb text). */
function bound(dialect: SqlDialectName, component: SortComponent, value: string | number): RawBuilder<unknown> {
  return dialect === 'postgres' && component.kind === 'number' ? sql`cast(${value} as jsonb)` : sql`${value}`;
}

/**
 * Rows strictly after `values` in the order of `components`:
 * `c0 > v0 or (c0 = v0 and c1 > v1) or …`, with `<` for descending components.
 */
export function afterPositionSql(dialect: SqlDialectName, components: readonly SortComponent[], values: readonly (string | number)[]): RawBuilder<SqlBool> {
  const branches = components.map((component, i) => {
    const equal = components.slice(0, i).map((previous, j) => sql`${previous.expression} = ${bound(dialect, previous, values[j] as string | number)}`);
    const beyond = sql`${component.expression} ${sql.raw(component.descending ? '<' : '>')} ${bound(dialect, component, values[i] as string | number)}`;
    return sql`(${sql.join([...equal, beyond], sql.raw(' and '))})`;
  });
  return sql<SqlBool>`(${sql.join(branches, sql.raw(' or '))})`;
}
