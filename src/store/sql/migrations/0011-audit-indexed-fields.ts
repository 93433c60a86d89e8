/**
 * Audit events searchable by the fields administrators ask for: a column per indexed field
 * (`realm_key`, `user_id`, `user_name`, `outcome`, `object_id`, `transaction_id`,
 * `actor_user_id`, `actor_username`) holding the field's string value case-folded as
 * `_queryFilter` compares strings (null when the event has no string there), each with a partial
 * index `(topic, column, at, id)` so one user's events are found, newest first, among millions.
 * Events stored before are filled in: in SQL for ASCII values (SQLite's `lower` is Arbor's
 * folding; on PostgreSQL only A–Z are mapped, whatever the database's locale), then again in
 * code for the rows with a non-ASCII value. The field list is this migration's own: later
 * changes to the indexed fields are later migrations.
 */
import { type RawBuilder, sql } from 'kysely';
import { valueAtPath } from '../../../identity/query-filter/evaluate-query-filter.ts';
import { foldCase } from '../../../identity/query-filter/fold-case.ts';
import { decodeJsonObject } from '../json-column.ts';
import type { StoreMigration } from './store-migration.ts';

/** Each new column and the event field it holds. */
const COLUMNS = [
  ['realm_key', ['realm']],
  ['user_id', ['userId']],
  ['user_name', ['userName']],
  ['outcome', ['outcome']],
  ['object_id', ['objectId']],
  ['transaction_id', ['transactionId']],
  ['actor_user_id', ['actor', 'userId']],
  ['actor_username', ['actor', 'username']],
] as const;

/** Rows recomputed in code per round trip. */
const BATCH = 500;

/** Adds the indexed-field columns of `audit_events`, fills them, and indexes them. */
export const migration0011AuditIndexedFields: StoreMigration = {
  name: '0011-audit-indexed-fields',
  async up(db, dialect) {
    const key = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
    // One column per statement: SQLite adds one at a time.
    for (const [column] of COLUMNS) await db.schema.alterTable('audit_events').addColumn(column, key).execute();

    const assignments = COLUMNS.map(([column, path]) => {
      if (dialect === 'postgres') {
        const pointer = sql.lit(`{${path.join(',')}}`);
        return sql`${sql.ref(column)} = case when json_typeof(parsed.j #> ${pointer}) = 'string' then translate(parsed.j #>> ${pointer}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') end`;
      }
      const pointer = sql.lit(`$.${path.join('.')}`);
      return sql`${sql.ref(column)} = case when json_type(event, ${pointer}) = 'text' then lower(json_extract(event, ${pointer})) end`;
    });
    if (dialect === 'postgres') {
      await sql`update audit_events set ${sql.join(assignments)} from (select id as parsed_id, event::json as j from audit_events) as parsed where audit_events.id = parsed.parsed_id`.execute(db);
    } else {
      await sql`update audit_events set ${sql.join(assignments)}`.execute(db);
    }

    // Rows with a non-ASCII value: folded here exactly as new events are.
    const nonAscii: RawBuilder<unknown>[] = COLUMNS.map(([column]) =>
      dialect === 'postgres' ? sql`octet_length(${sql.ref(column)}) <> char_length(${sql.ref(column)})` : sql`length(cast(${sql.ref(column)} as blob)) <> length(${sql.ref(column)})`,
    );
    let after = '';
    for (;;) {
      const rows = await sql<{ id: string; event: string }>`select id, event from audit_events where id > ${after} and (${sql.join(nonAscii, sql` or `)}) order by id limit ${BATCH}`.execute(db);
      for (const row of rows.rows) {
        const event = decodeJsonObject(row.event);
        const values = COLUMNS.map(([column, path]) => {
          const value = valueAtPath(event, path);
          return sql`${sql.ref(column)} = ${typeof value === 'string' ? foldCase(value) : null}`;
        });
        await sql`update audit_events set ${sql.join(values)} where id = ${row.id}`.execute(db);
      }
      const last = rows.rows[rows.rows.length - 1];
      if (last === undefined || rows.rows.length < BATCH) break;
      after = last.id;
    }

    for (const [column] of COLUMNS) {
      await sql`create index ${sql.id(`audit_events_by_${column}`)} on audit_events (topic, ${sql.ref(column)}, at, id) where ${sql.ref(column)} is not null`.execute(db);
    }
  },
};
