/**
 * The outbox keeps a message's body apart from its envelope, in `body` (sealed by the email module
 * with the master key), so that it can be dropped once the message is delivered or given up.
 * Messages already sent or failed lose their body (text and HTML, with their links) now; those
 * still waiting keep theirs in the envelope's JSON until they are delivered.
 */
import { sql } from 'kysely';
import type { StoreMigration } from './store-migration.ts';

/** Adds `email_outbox.body` and empties the delivered messages. */
export const migration0005OutboxSealedBody: StoreMigration = {
  name: '0005-outbox-sealed-body',
  async up(db, dialect) {
    await db.schema.alterTable('email_outbox').addColumn('body', 'text').execute();
    // The content type (text/html when there was an HTML body) stays, as new messages keep it.
    const withoutBody =
      dialect === 'postgres'
        ? sql`(message - 'text' - 'html') || jsonb_build_object('contentType', case when message ? 'html' then 'text/html' else 'text/plain' end)`
        : sql`json_set(json_remove(message, '$.text', '$.html'), '$.contentType', case when json_type(message, '$.html') is not null then 'text/html' else 'text/plain' end)`;
    await sql`update email_outbox set message = ${withoutBody} where status in ('sent', 'failed')`.execute(db);
  },
};
