/**
 * Unique attributes in memory, as the SQL unique indexes enforce them: per (type, attribute) the
 * case-folded values of string properties (missing, null, numbers and other types may repeat),
 * each held by one object. A write that would give a second object a held value, or a new unique
 * attribute that existing objects already share, fails with UNIQUE_VIOLATION naming the attribute
 * (and, for a new unique attribute, the shared values and their objects).
 */
import { foldCase } from '../../identity/query-filter/fold-case.ts';
import { storeError, type StoreError } from '../errors.ts';
import type { MemoryObjectRecord, MemoryObjectTable } from './memory-object-table.ts';
import { groupSharedValues, sharedValuesViolation } from '../shared-values.ts';

function violation(type: string, attribute: string, message: string): StoreError {
  return storeError('UNIQUE_VIOLATION', message, { attribute, detail: { type, attribute } });
}

/** The folded value `data` gives `attribute`, when it is a string (own property only). */
function uniqueValue(data: Readonly<Record<string, unknown>>, attribute: string): string | undefined {
  if (!Object.hasOwn(data, attribute)) return undefined;
  const value = data[attribute];
  return typeof value === 'string' ? foldCase(value) : undefined;
}

/** The UNIQUE_VIOLATION writing `data` as object `id` of `type` would cause, if any. */
export function findUniqueConflict(table: MemoryObjectTable, type: string, id: string, data: Readonly<Record<string, unknown>>): StoreError | undefined {
  for (const attribute of table.unique) {
    const value = uniqueValue(data, attribute);
    if (value === undefined) continue;
    const holder = table.uniqueValues.get(attribute)?.get(value);
    if (holder !== undefined && holder !== id) {
      return violation(type, attribute, `managed/${type}: another object already has this ${attribute} (unique, compared case-insensitively)`);
    }
  }
  return undefined;
}

/** Records the unique values of `record` (after checking with `findUniqueConflict`). */
export function indexUniqueValues(table: MemoryObjectTable, record: MemoryObjectRecord): void {
  for (const attribute of table.unique) {
    const value = uniqueValue(record.data, attribute);
    if (value !== undefined) table.uniqueValues.get(attribute)?.set(value, record.id);
  }
}

/** Forgets the unique values of `record` (deleted, or about to be replaced). */
export function unindexUniqueValues(table: MemoryObjectTable, record: MemoryObjectRecord): void {
  for (const attribute of table.unique) {
    const value = uniqueValue(record.data, attribute);
    const values = table.uniqueValues.get(attribute);
    if (value !== undefined && values?.get(value) === record.id) values.delete(value);
  }
}

/** The index of `attribute` over the objects of `table`; UNIQUE_VIOLATION listing the shared values when objects share one. */
export function buildUniqueValues(table: MemoryObjectTable, type: string, attribute: string): Map<string, string> {
  const values = new Map<string, string>();
  const rows: { value: string; id: string }[] = [];
  for (const record of table.records.values()) {
    const value = uniqueValue(record.data, attribute);
    if (value === undefined) continue;
    rows.push({ value, id: record.id });
    values.set(value, record.id);
  }
  if (values.size < rows.length) {
    rows.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.id < b.id ? -1 : 1));
    throw sharedValuesViolation(type, attribute, groupSharedValues(rows));
  }
  return values;
}
