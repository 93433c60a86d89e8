/** The durable repositories on one Kysely handle: the store's own, or a transaction's. */
import type { Kysely } from 'kysely';
import type { StoreClock } from '../store-clock.ts';
import type { DurableRepositories } from '../store.ts';
import type { Database, SqlDialectName } from './database.ts';
import { sqlConfigRepository } from './sql-config-repository.ts';
import { sqlDeviceRepository } from './sql-device-repository.ts';
import { sqlJourneyRepository } from './sql-journey-repository.ts';
import { sqlKeyRepository } from './sql-key-repository.ts';
import { sqlManagedObjectRepository } from './sql-managed-object-repository.ts';
import { sqlOidcRecordRepository } from './sql-oidc-record-repository.ts';
import { sqlOutboxRepository } from './sql-outbox-repository.ts';
import { sqlRealmRepository } from './sql-realm-repository.ts';

/**
 * Every durable repository bound to `db`; inside `transaction()` `db` is the transaction. Index
 * builds go through `schemaDb` (the store's connection without a statement time limit).
 */
export function sqlDurableRepositories(db: Kysely<Database>, dialect: SqlDialectName, clock: StoreClock, schemaDb: Kysely<Database> = db): DurableRepositories {
  return {
    managedObjects: sqlManagedObjectRepository(db, dialect, clock, schemaDb),
    realms: sqlRealmRepository(db),
    configs: sqlConfigRepository(db),
    journeys: sqlJourneyRepository(db, clock),
    keys: sqlKeyRepository(db),
    outbox: sqlOutboxRepository(db, dialect),
    devices: sqlDeviceRepository(db),
    oidcRecords: sqlOidcRecordRepository(db, clock),
  };
}
