/**
 * The store: every domain port composed into one object, with transactions, migrations, health
 * and shutdown. Domain code receives the ports it needs, never a driver.
 */
import type { AuditStore } from '../audit/audit-store.ts';
import type { ConfigRepository, RealmRepository } from '../config/ports.ts';
import type { DeviceRepository } from '../devices/device-repository.ts';
import type { ManagedObjectRepository } from '../identity/ports.ts';
import type { JourneyRepository } from '../journeys/ports.ts';
import type { OidcRecordRepository } from '../oidc/oidc-records.ts';
import type { KeyRepository } from '../secrets/ports.ts';
import type { OutboxRepository } from '../selfservice/email/ports.ts';
import type { EphemeralStore } from './ephemeral-store.ts';

/** The durable repositories, as seen inside and outside a transaction. */
export interface DurableRepositories {
  managedObjects: ManagedObjectRepository;
  realms: RealmRepository;
  configs: ConfigRepository;
  journeys: JourneyRepository;
  keys: KeyRepository;
  outbox: OutboxRepository;
  /** Users' registered devices (MFA): never among the users' attributes. */
  devices: DeviceRepository;
  /** The OpenID provider's records that must outlive a restart (grants, refresh tokens). */
  oidcRecords: OidcRecordRepository;
}

/** All persistence Arbor uses. */
export interface Store extends DurableRepositories {
  readonly dialect: 'sqlite' | 'postgres' | 'memory';
  ephemeral: EphemeralStore;
  /** Audit events: outside transactions (an event stays recorded whatever the request's writes do). */
  audit: AuditStore;
  /** Runs `work` in one database transaction: all of its writes land, or none. */
  transaction<T>(work: (tx: DurableRepositories) => Promise<T>): Promise<T>;
  /** Applies pending numbered migrations. */
  migrate(): Promise<void>;
  /** Throws when the database (or Redis) does not answer. */
  health(): Promise<void>;
  close(): Promise<void>;
}
