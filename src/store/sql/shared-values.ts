/**
 * The values of a top-level string attribute that several managed objects of a type share, case
 * folded as the unique indexes compare them, with the objects holding each: what an operator must
 * resolve before the attribute can be made unique. Read before a unique index is first created.
 */
import { sql, type Kysely } from 'kysely';
import { groupSharedValues, MAX_LISTED, type SharedValue } from '../shared-values.ts';
import { attributeExpressions } from './attribute-expression.ts';
import type { Database, SqlDialectName } from './database.ts';

/** How many objects are named per shared value (beyond that, the first ones). */
const IDS_PER_VALUE = 20;

/** The shared values of `attribute` in `type` (at most `MAX_LISTED` + 1, to tell there are more); `[]` when none. The attribute name is checked by the caller. */
export async function sharedValues(db: Kysely<Database>, dialect: SqlDialectName, type: string, attribute: string): Promise<SharedValue[]> {
  const folded = sql.raw(attributeExpressions[dialect].folded(attribute));
  const isString = dialect === 'postgres' ? sql.raw(`jsonb_typeof(data -> '${attribute}') = 'string'`) : sql.raw(`json_type(data, '$."${attribute}"') = 'text'`);
  const shared = await sql<{ value: string }>`select ${folded} as value from managed_objects where type = ${type} and ${isString} group by ${folded} having count(*) > 1 order by 1 limit ${MAX_LISTED + 1}`.execute(db);
  if (shared.rows.length === 0) return [];
  const rows: { value: string; id: string }[] = [];
  for (const { value } of shared.rows) {
    const holders = await sql<{ id: string }>`select id from managed_objects where type = ${type} and ${isString} and ${folded} = ${value} order by id limit ${IDS_PER_VALUE}`.execute(db);
    for (const { id } of holders.rows) rows.push({ value, id });
  }
  return groupSharedValues(rows);
}
