/**
 * The port of the OpenID provider's durable records (`oidc_records`): the records `oidc-provider`
 * must find again after a restart (grants, refresh tokens), one table per store, with an in-memory
 * adapter and SQL adapters (SQLite, PostgreSQL) that pass the same contract suite
 * (`src/store/contract/oidc-record-repository.contract.ts`). The port stores what it is given: the
 * adapter (`oidc-adapter.ts`) decides the ids (hashes of the provider's) and the payload.
 * Expired records are never returned; `purgeExpired` removes them.
 */

/** The secondary lookups a record may have. */
export type OidcRecordLookup = 'grantId' | 'userCode' | 'uid';

/** One stored record of an `oidc-provider` model. */
export interface OidcRecord {
  realm: string;
  /** The provider's model name (`Grant`, `RefreshToken`…). */
  model: string;
  id: string;
  /** The model's payload (a JSON object). */
  payload: Record<string, unknown>;
  grantId?: string;
  userCode?: string;
  uid?: string;
  /** When it expires (epoch ms); absent: never. */
  expiresAt?: number;
  /** When it was consumed (epoch ms); absent while unconsumed. */
  consumedAt?: number;
}

/** Stores the OpenID provider's durable records. */
export interface OidcRecordRepository {
  /** Adds or replaces the record (realm, model, id), every field included (`consumedAt` too). */
  upsert(record: OidcRecord): Promise<void>;
  /** The live (unexpired) record, or undefined. */
  find(realm: string, model: string, id: string): Promise<OidcRecord | undefined>;
  /** A live record of `model` whose `lookup` is `value` (the smallest id when several are), or undefined. */
  findBy(realm: string, model: string, lookup: OidcRecordLookup, value: string): Promise<OidcRecord | undefined>;
  /**
   * Marks the live record consumed now, in one atomic step: true for the call that did it, false
   * when it was consumed already, is expired or absent (of two concurrent calls exactly one is true).
   */
  consume(realm: string, model: string, id: string): Promise<boolean>;
  /** Removes the record; false when there was none. */
  destroy(realm: string, model: string, id: string): Promise<boolean>;
  /** Removes every record of `model` issued under the grant; how many there were. */
  revokeByGrantId(realm: string, model: string, grantId: string): Promise<number>;
  /** Removes every expired record (all realms and models); how many there were. */
  purgeExpired(): Promise<number>;
}
