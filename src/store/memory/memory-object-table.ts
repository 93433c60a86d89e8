/**
 * The objects of one managed type in the memory store: records by id, the searchable and unique
 * attributes, and for each unique attribute the index of folded string values, as the SQL unique
 * index keeps it. Records are immutable: a write replaces the record, so a copy of the table
 * (a transaction's) may share them.
 */
import type { StoredManagedObject } from '../../identity/ports.ts';
import { compareCodePoints } from '../../identity/query-filter/fold-case.ts';
import { jsonObjectFromText } from './json-text.ts';

/** One stored managed object. `data` is the parsed `dataText`, read by lookups and queries only, never handed out. */
export interface MemoryObjectRecord {
  readonly type: string;
  readonly id: string;
  /** Counts writes from 1, as the SQL `rev` column. */
  readonly rev: number;
  readonly dataText: string;
  readonly metaText: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The objects of one type and what is configured for it. */
export interface MemoryObjectTable {
  readonly records: Map<string, MemoryObjectRecord>;
  /** The searchable attributes, remembered (there is no index to build). */
  searchable: readonly string[];
  /** The unique attributes, each with its entry in `uniqueValues`. */
  unique: readonly string[];
  /** Per unique attribute: folded string value → the id of the object holding it. */
  uniqueValues: Map<string, Map<string, string>>;
}

/** A table with no objects and nothing configured. */
export function emptyObjectTable(): MemoryObjectTable {
  return { records: new Map(), searchable: [], unique: [], uniqueValues: new Map() };
}

/** A copy whose maps can change without changing `table` (records are shared: they never change). */
export function copyObjectTable(table: MemoryObjectTable): MemoryObjectTable {
  return {
    records: new Map(table.records),
    searchable: [...table.searchable],
    unique: [...table.unique],
    uniqueValues: new Map([...table.uniqueValues].map(([attribute, values]) => [attribute, new Map(values)])),
  };
}

/** A fresh copy of `record` as the port hands objects out. */
export function toStoredObject(record: MemoryObjectRecord): StoredManagedObject {
  return { type: record.type, id: record.id, rev: String(record.rev), data: jsonObjectFromText(record.dataText), meta: jsonObjectFromText(record.metaText) };
}

/** The records of `table` that `keep` keeps (all by default), ordered by id in code point order. */
export function recordsById(table: MemoryObjectTable | undefined, keep?: (record: MemoryObjectRecord) => boolean): MemoryObjectRecord[] {
  if (table === undefined) return [];
  const records = [...table.records.values()];
  return (keep === undefined ? records : records.filter(keep)).sort((a, b) => compareCodePoints(a.id, b.id));
}
