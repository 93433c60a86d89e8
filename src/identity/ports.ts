/**
 * Storage port for managed objects (users and any other managed type). Objects are JSON documents
 * with `_id` and `_rev`; `_meta` is kept beside the document, as IDM keeps it outside the object.
 */

/** A managed object as stored. `data` holds every property, the password hash included. */
export interface StoredManagedObject {
  type: string;
  id: string;
  /** Opaque revision, changed by every write. */
  rev: string;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** A scalar an attribute lookup compares with. */
export type AttributeValue = string | number | boolean;

/** Typed access to managed objects. Writes with `expectedRev` fail with REV_MISMATCH when stale. */
export interface ManagedObjectRepository {
  /** Inserts a new object; fails with DUPLICATE_ID when the id is taken. */
  create(type: string, id: string, data: Record<string, unknown>, meta: Record<string, unknown>): Promise<StoredManagedObject>;
  get(type: string, id: string): Promise<StoredManagedObject | undefined>;
  /**
   * Objects whose top-level `attribute` equals `value`; strings compare case-insensitively, as
   * IDM's repositories do. Uses the attribute's index when it is searchable.
   */
  findByAttribute(type: string, attribute: string, value: AttributeValue, limit?: number): Promise<StoredManagedObject[]>;
  /** Replaces data and meta; fails with NOT_FOUND, or REV_MISMATCH when `expectedRev` is stale. */
  update(
    type: string,
    id: string,
    data: Record<string, unknown>,
    meta: Record<string, unknown>,
    expectedRev?: string,
  ): Promise<StoredManagedObject>;
  /** Deletes and returns the object; fails with NOT_FOUND, or REV_MISMATCH when `expectedRev` is stale. */
  delete(type: string, id: string, expectedRev?: string): Promise<StoredManagedObject>;
  /** A page of objects ordered by id, and the total count. */
  list(type: string, page: { limit: number; offset: number }): Promise<{ items: StoredManagedObject[]; total: number }>;
  /** Makes the set of indexed (searchable) top-level attributes of `type` exactly `attributes`. */
  setSearchableAttributes(type: string, attributes: string[]): Promise<void>;
}
