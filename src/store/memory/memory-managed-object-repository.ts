/**
 * ManagedObjectRepository in memory, with the SQL repository's semantics: revisions counting writes
 * from 1 (any other text is a stale revision), DUPLICATE_ID before any other check of a create,
 * NOT_FOUND / REV_MISMATCH before UNIQUE_VIOLATION of an update, lookups on top-level attributes
 * only (strings folded, numbers and booleans by JSON type), ids in code point order, refused
 * attribute names, and documents copied in (as JSON text, when the call is made) and out.
 */
import type { AttributeValue, ManagedObjectRepository, StoredManagedObject } from '../../identity/ports.ts';
import { foldCase } from '../../identity/query-filter/fold-case.ts';
import { storeError, type StoreError } from '../errors.ts';
import { assertAttributeName } from './assert-field-names.ts';
import { jsonObjectFromText, toJsonText } from './json-text.ts';
import { recordsById, toStoredObject, type MemoryObjectRecord } from './memory-object-table.ts';
import { readableTable, writableTable, type MemoryState } from './memory-state.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';
import { runMemoryQuery } from './run-memory-query.ts';
import { buildUniqueValues, findUniqueConflict, indexUniqueValues, unindexUniqueValues } from './unique-values.ts';

/** The repository, plus what the memory store can tell about a type's indexes (SQL keeps them in tables). */
export interface MemoryManagedObjectRepository extends ManagedObjectRepository {
  /** The searchable attributes of `type`, sorted. */
  searchableAttributes(type: string): Promise<string[]>;
  /** The unique attributes of `type`, sorted. */
  uniqueAttributes(type: string): Promise<string[]>;
}

/** A document as it is written: its JSON text, taken when the call is made, and that text parsed. */
interface Written {
  dataText: string;
  metaText: string;
  data: Record<string, unknown>;
}

function written(data: Record<string, unknown>, meta: Record<string, unknown>): Written {
  const dataText = toJsonText(data);
  const metaText = toJsonText(meta);
  jsonObjectFromText(metaText);
  return { dataText, metaText, data: jsonObjectFromText(dataText) };
}

/** Revisions are decimal integers; anything else can never match and is simply stale. */
function parseRev(rev: string): number | undefined {
  return /^[0-9]{1,15}$/.test(rev) ? Number(rev) : undefined;
}

/** The object `id` of `type` as a conditional write expects it: NOT_FOUND, or REV_MISMATCH when `expectedRev` is stale. */
function current(state: MemoryState, type: string, id: string, expectedRev: string | undefined): MemoryObjectRecord {
  const record = readableTable(state, type)?.records.get(id);
  if (record === undefined) throw storeError('NOT_FOUND', `managed/${type}/${id} not found`);
  if (expectedRev !== undefined && parseRev(expectedRev) !== record.rev) {
    throw storeError('REV_MISMATCH', `managed/${type}/${id} has changed (rev ${record.rev})`);
  }
  return record;
}

function matchesAttribute(data: Readonly<Record<string, unknown>>, attribute: string, value: AttributeValue): boolean {
  if (!Object.hasOwn(data, attribute)) return false;
  const actual = data[attribute];
  if (typeof value === 'string') return typeof actual === 'string' && foldCase(actual) === foldCase(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return false;
  return actual === value;
}

function throwIf(error: StoreError | undefined): void {
  if (error !== undefined) throw error;
}

/** Managed objects in the state `access` reaches. */
export function memoryManagedObjectRepository(access: MemoryStateAccess): MemoryManagedObjectRepository {
  const attributesOf = (type: string, which: 'searchable' | 'unique'): string[] => [...(readableTable(access.read(), type)?.[which] ?? [])].sort();

  return {
    async create(type, id, data, meta) {
      const document = written(data, meta);
      return access.write((state): StoredManagedObject => {
        if (readableTable(state, type)?.records.has(id) === true) throw storeError('DUPLICATE_ID', `managed/${type}/${id} already exists`);
        const table = writableTable(state, type);
        throwIf(findUniqueConflict(table, type, id, document.data));
        const record: MemoryObjectRecord = { type, id, rev: 1, ...document };
        table.records.set(id, record);
        indexUniqueValues(table, record);
        return toStoredObject(record);
      });
    },

    async get(type, id) {
      const record = readableTable(access.read(), type)?.records.get(id);
      return record === undefined ? undefined : toStoredObject(record);
    },

    async findByAttribute(type, attribute, value, limit) {
      assertAttributeName(attribute);
      const found = recordsById(readableTable(access.read(), type), (record) => matchesAttribute(record.data, attribute, value));
      return (limit === undefined ? found : found.slice(0, Math.max(0, limit))).map(toStoredObject);
    },

    async update(type, id, data, meta, expectedRev) {
      const document = written(data, meta);
      return access.write((state): StoredManagedObject => {
        const existing = current(state, type, id, expectedRev);
        const table = writableTable(state, type);
        throwIf(findUniqueConflict(table, type, id, document.data));
        const record: MemoryObjectRecord = { type, id, rev: existing.rev + 1, ...document };
        unindexUniqueValues(table, existing);
        table.records.set(id, record);
        indexUniqueValues(table, record);
        return toStoredObject(record);
      });
    },

    async delete(type, id, expectedRev) {
      return access.write((state): StoredManagedObject => {
        const existing = current(state, type, id, expectedRev);
        const table = writableTable(state, type);
        unindexUniqueValues(table, existing);
        table.records.delete(id);
        return toStoredObject(existing);
      });
    },

    async list(type, page) {
      const all = recordsById(readableTable(access.read(), type));
      return { items: all.slice(page.offset, page.offset + page.limit).map(toStoredObject), total: all.length };
    },

    async query(type, query) {
      return runMemoryQuery(readableTable(access.read(), type), query);
    },

    async setSearchableAttributes(type, attributes) {
      for (const attribute of attributes) assertAttributeName(attribute);
      const wanted = [...new Set(attributes)];
      await access.write((state) => {
        writableTable(state, type).searchable = wanted;
      });
    },

    async setUniqueAttributes(type, attributes) {
      for (const attribute of attributes) assertAttributeName(attribute);
      const wanted = [...new Set(attributes)];
      await access.write((state) => {
        const table = writableTable(state, type);
        // Every index is built (or kept) before anything changes: a shared value changes nothing.
        const uniqueValues = new Map(wanted.map((attribute) => [attribute, table.uniqueValues.get(attribute) ?? buildUniqueValues(table, type, attribute)]));
        table.unique = wanted;
        table.uniqueValues = uniqueValues;
      });
    },

    // Nothing plans from statistics here.
    async refreshStatistics() {},

    async searchableAttributes(type) {
      return attributesOf(type, 'searchable');
    },

    async uniqueAttributes(type) {
      return attributesOf(type, 'unique');
    },
  };
}
