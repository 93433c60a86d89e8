/**
 * Storage port for managed objects (users and any other managed type). Objects are JSON documents
 * with `_id` and `_rev`; `_meta` is kept beside the document, as IDM keeps it outside the object.
 */
import type { FieldPath, QueryFilter } from './query-filter/query-filter.ts';

/** A managed object as stored. `data` holds every property, the password hash included. */
export interface StoredManagedObject {
  type: string;
  id: string;
  /** Opaque revision, changed by every write. */
  rev: string;
  data: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** A sort key: a field and its direction. */
export interface SortKey {
  field: FieldPath;
  descending: boolean;
}

/** A query over one managed type, as CREST's `_queryFilter`, paging and sorting parameters ask. */
export interface ManagedObjectQuery {
  filter: QueryFilter;
  /** Sort order; `_id` ascending is appended as the final, unique key. */
  sortKeys: SortKey[];
  /** Page size; undefined or 0 returns everything. */
  pageSize?: number;
  /** Skip this many results (`_pagedResultsOffset`); not with `cookie`. */
  offset?: number;
  /** The opaque `pagedResultsCookie` of the previous page; not with `offset`. */
  cookie?: string;
  /** `_totalPagedResultsPolicy=EXACT`: count every match. */
  countTotal: boolean;
}

/** One page of a query. */
export interface ManagedObjectQueryResult {
  items: StoredManagedObject[];
  /** Cookie for the next page, null on the last page or without paging. */
  pagedResultsCookie: string | null;
  /** Total matches when counted, else -1. */
  totalPagedResults: number;
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
  /**
   * Runs a parsed `_queryFilter`: strings compare case-insensitively, as IDM's repositories do;
   * uses the attribute indexes. Throws INVALID_QUERY for a malformed cookie.
   */
  query(type: string, query: ManagedObjectQuery): Promise<ManagedObjectQueryResult>;
  /** Makes the set of indexed (searchable) top-level attributes of `type` exactly `attributes`. */
  setSearchableAttributes(type: string, attributes: string[]): Promise<void>;
  /**
   * Makes the set of top-level string attributes of `type` that the database keeps unique
   * (case-insensitively) exactly `attributes`. Creates and updates that would duplicate a value
   * fail with UNIQUE_VIOLATION naming the attribute, even when two writes race.
   */
  setUniqueAttributes(type: string, attributes: string[]): Promise<void>;
  /**
   * Brings what the database's planner knows of the objects up to date after many writes (a bulk
   * import): PostgreSQL's `ANALYZE`, so that lookups and sorted pages use the search indexes at
   * once rather than when autovacuum gets to it; nothing where there are no statistics to keep.
   */
  refreshStatistics(): Promise<void>;
}
