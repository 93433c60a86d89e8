/** Every schema migration, in order. Append new ones; never edit or reorder an applied one. */
import { migration0001Initial } from './0001-initial.ts';
import { migration0002QueryIndexes } from './0002-query-indexes.ts';
import { migration0003EmailOutbox } from './0003-email-outbox.ts';
import { migration0004SearchIndexOrder } from './0004-search-index-order.ts';
import { migration0005OutboxSealedBody } from './0005-outbox-sealed-body.ts';
import { migration0006JourneyVersions } from './0006-journey-versions.ts';
import { migration0007RealmKeyPairs } from './0007-realm-key-pairs.ts';
import { migration0008Devices } from './0008-devices.ts';
import { migration0009OidcRecords } from './0009-oidc-records.ts';
import { migration0010Audit } from './0010-audit.ts';
import { migration0011AuditIndexedFields } from './0011-audit-indexed-fields.ts';
import type { StoreMigration } from './store-migration.ts';

/** The numbered migrations, oldest first. */
export const allMigrations: readonly StoreMigration[] = [migration0001Initial, migration0002QueryIndexes, migration0003EmailOutbox, migration0004SearchIndexOrder, migration0005OutboxSealedBody, migration0006JourneyVersions, migration0007RealmKeyPairs, migration0008Devices, migration0009OidcRecords, migration0010Audit, migration0011AuditIndexedFields];
