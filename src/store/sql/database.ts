/**
 * The SQL schema as Kysely sees it (tables and columns in snake_case). JSON columns travel as
 * text on both dialects: SQLite stores TEXT, PostgreSQL JSONB read back as text (see the pool).
 */
import type { ColumnType } from 'kysely';

/** The SQL dialects Arbor runs on. */
export type SqlDialectName = 'sqlite' | 'postgres';

/** A BIGINT column: written as a number, read as a number (or a string from a driver that keeps int8 exact). */
export type Int64Column = ColumnType<number | string, number, number>;

/** `managed_objects`: one row per managed object, PK (type, id). */
export interface ManagedObjectsTable {
  type: string;
  id: string;
  rev: Int64Column;
  data: string;
  meta: string;
  created_at: Int64Column;
  updated_at: Int64Column;
}

/** `managed_object_search_indexes`: the (type, attribute) pairs that have an expression index. */
export interface ManagedObjectSearchIndexesTable {
  type: string;
  attribute: string;
  index_name: string;
}

/** `managed_object_unique_indexes`: the (type, attribute) pairs kept unique by a unique expression index. */
export interface ManagedObjectUniqueIndexesTable {
  type: string;
  attribute: string;
  index_name: string;
}

/** `realms`: realm configuration by name. */
export interface RealmsTable {
  name: string;
  config: string;
}

/** `configs`: IDM-style configuration documents by id. */
export interface ConfigsTable {
  id: string;
  value: string;
}

/** `journeys`: the current definition of each journey and its revision, PK (realm, name). */
export interface JourneysTable {
  realm: string;
  name: string;
  definition: string;
  revision: Int64Column;
}

/** `journey_versions`: every version of a journey kept, the current one included, PK (realm, name, revision). */
export interface JourneyVersionsTable {
  realm: string;
  name: string;
  revision: Int64Column;
  definition: string;
  /** When a later revision (or a delete) replaced it; null while it is current. */
  superseded_at: ColumnType<number | string | null, number | null, number | null>;
}

/** `realm_keys`: encrypted realm keys, unique (realm, purpose, kid). */
export interface RealmKeysTable {
  realm: string;
  purpose: string;
  kid: string;
  material: string;
  created_at: Int64Column;
  status: string;
}

/** `realm_key_pairs`: asymmetric realm keys (private key encrypted), unique (realm, kid), one active per (realm, purpose, series). */
export interface RealmKeyPairsTable {
  realm: string;
  purpose: string;
  series: string;
  kid: string;
  material: string;
  /** The public JWK as JSON text. */
  public_jwk: string;
  created_at: Int64Column;
  status: string;
  /** When a retired key stops being published (epoch ms); null while active. */
  published_until: ColumnType<number | string | null, number | null, number | null>;
}

/** `devices`: users' registered devices, PK (realm, user_id, kind, id). */
export interface DevicesTable {
  realm: string;
  user_id: string;
  kind: string;
  id: string;
  device_name: string;
  created_date: Int64Column;
  last_access_date: Int64Column;
  /** The shown fields as JSON text. */
  data: string;
  /** The sealed secret fields; null for devices without secrets. */
  sealed_secret: string | null;
  revision: Int64Column;
}

/** `oidc_records`: the OpenID provider's durable records, PK (realm, model, id). */
export interface OidcRecordsTable {
  realm: string;
  model: string;
  id: string;
  /** The model's payload as JSON text. */
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  /** When it expires (epoch ms); null: never. */
  expires_at: ColumnType<number | string | null, number | null, number | null>;
  /** When it was consumed (epoch ms); null while unconsumed. */
  consumed_at: ColumnType<number | string | null, number | null, number | null>;
}

/** `audit_events`: audit events (migrations 0010, 0011), listed by topic newest first, purged by age. */
export interface AuditEventsTable {
  id: string;
  topic: string;
  /** The event's realm; null for events of no realm. */
  realm: string | null;
  /** When it happened (epoch ms). */
  at: Int64Column;
  /** The whole event as JSON text. */
  event: string;
  /** The indexed fields' values, case-folded (`audit/audit-indexed-fields.ts`); null when the event has none. */
  realm_key: string | null;
  user_id: string | null;
  user_name: string | null;
  outcome: string | null;
  object_id: string | null;
  transaction_id: string | null;
  actor_user_id: string | null;
  actor_username: string | null;
}

/** `ephemeral`: values with an expiry in epoch milliseconds. */
export interface EphemeralTable {
  key: string;
  value: string;
  expires_at: Int64Column;
}

/** Every table Arbor's repositories use. */
export interface Database {
  managed_objects: ManagedObjectsTable;
  managed_object_search_indexes: ManagedObjectSearchIndexesTable;
  managed_object_unique_indexes: ManagedObjectUniqueIndexesTable;
  realms: RealmsTable;
  configs: ConfigsTable;
  journeys: JourneysTable;
  journey_versions: JourneyVersionsTable;
  realm_keys: RealmKeysTable;
  realm_key_pairs: RealmKeyPairsTable;
  devices: DevicesTable;
  oidc_records: OidcRecordsTable;
  audit_events: AuditEventsTable;
  ephemeral: EphemeralTable;
}
