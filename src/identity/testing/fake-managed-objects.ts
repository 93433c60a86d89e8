/** An in-memory `ManagedObjectRepository` for unit tests, with the store's error codes. */
import type { AttributeValue, ManagedObjectRepository, SortKey, StoredManagedObject } from '../ports.ts';
import { matchesQueryFilter, valueAtPath } from '../query-filter/evaluate-query-filter.ts';
import { compareCodePoints, foldCase } from '../query-filter/fold-case.ts';

function storeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'StoreError', code });
}

function matches(actual: unknown, wanted: AttributeValue): boolean {
  if (typeof actual === 'string' && typeof wanted === 'string') return actual.toLowerCase() === wanted.toLowerCase();
  return actual === wanted;
}

/** The store's sort order: by JSON type (numbers, strings, booleans, arrays/objects, missing), then value. */
function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown): number =>
    typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : v === undefined || v === null ? 4 : 3;
  const order = rank(a) - rank(b);
  if (order !== 0) return order;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(foldCase(a), foldCase(b));
  if ((typeof a === 'number' || typeof a === 'boolean') && (typeof a === typeof b)) return Number(a) - Number(b);
  return 0;
}

function compareObjects(a: StoredManagedObject, b: StoredManagedObject, sortKeys: readonly SortKey[]): number {
  for (const key of sortKeys) {
    if (key.field.length === 1 && key.field[0] === '_id') return (key.descending ? -1 : 1) * compareCodePoints(a.id, b.id);
    const order = compareValues(valueAtPath({ _id: a.id, ...a.data }, key.field), valueAtPath({ _id: b.id, ...b.data }, key.field));
    if (order !== 0) return key.descending ? -order : order;
  }
  return compareCodePoints(a.id, b.id);
}

/** The fake, plus what tests inspect: searchable attributes and a hook run before each update. */
export interface FakeManagedObjects extends ManagedObjectRepository {
  searchable: Map<string, string[]>;
  /** Unique attributes per type: creates and updates duplicating a value (case-insensitively) fail. */
  unique: Map<string, string[]>;
  /** Called before an update is applied (e.g. to simulate a concurrent write). */
  beforeUpdate?: (type: string, id: string) => Promise<void> | void;
  updates: number;
}

/** Builds an empty fake repository. Revisions are "1", "2"…; strings match case-insensitively. */
export function createFakeManagedObjects(): FakeManagedObjects {
  const objects = new Map<string, StoredManagedObject>();
  let revision = 0;
  const keyOf = (type: string, id: string) => `${type}/${id}`;
  const copy = (object: StoredManagedObject): StoredManagedObject => structuredClone(object);
  const byType = (type: string) => [...objects.values()].filter((object) => object.type === type).sort((a, b) => (a.id < b.id ? -1 : 1));

  function assertUnique(type: string, id: string, data: Record<string, unknown>): void {
    for (const attribute of fake.unique.get(type) ?? []) {
      const value = data[attribute];
      if (typeof value !== 'string') continue;
      const taken = byType(type).some((o) => o.id !== id && typeof o.data[attribute] === 'string' && foldCase(o.data[attribute]) === foldCase(value));
      if (taken) throw Object.assign(storeError('UNIQUE_VIOLATION', `managed/${type}: another object already has this ${attribute}`), { attribute });
    }
  }

  const fake: FakeManagedObjects = {
    searchable: new Map(),
    unique: new Map(),
    updates: 0,
    async create(type, id, data, meta) {
      if (objects.has(keyOf(type, id))) throw storeError('DUPLICATE_ID', `${type}/${id} exists`);
      assertUnique(type, id, data);
      const object = { type, id, rev: String(++revision), data: structuredClone(data), meta: structuredClone(meta) };
      objects.set(keyOf(type, id), object);
      return copy(object);
    },
    async get(type, id) {
      const object = objects.get(keyOf(type, id));
      return object === undefined ? undefined : copy(object);
    },
    async findByAttribute(type, attribute, value, limit = 100) {
      return byType(type)
        .filter((object) => matches(object.data[attribute], value))
        .slice(0, limit)
        .map(copy);
    },
    async update(type, id, data, meta, expectedRev) {
      await fake.beforeUpdate?.(type, id);
      const existing = objects.get(keyOf(type, id));
      if (existing === undefined) throw storeError('NOT_FOUND', `${type}/${id} not found`);
      if (expectedRev !== undefined && existing.rev !== expectedRev) throw storeError('REV_MISMATCH', `${type}/${id} changed`);
      assertUnique(type, id, data);
      const object = { type, id, rev: String(++revision), data: structuredClone(data), meta: structuredClone(meta) };
      objects.set(keyOf(type, id), object);
      fake.updates++;
      return copy(object);
    },
    async delete(type, id, expectedRev) {
      const existing = objects.get(keyOf(type, id));
      if (existing === undefined) throw storeError('NOT_FOUND', `${type}/${id} not found`);
      if (expectedRev !== undefined && existing.rev !== expectedRev) throw storeError('REV_MISMATCH', `${type}/${id} changed`);
      objects.delete(keyOf(type, id));
      return copy(existing);
    },
    async list(type, page) {
      const all = byType(type);
      return { items: all.slice(page.offset, page.offset + page.limit).map(copy), total: all.length };
    },
    async query(type, query) {
      if (query.offset !== undefined && query.cookie !== undefined) throw storeError('INVALID_QUERY', 'offset and cookie together');
      const matches = byType(type)
        .filter((object) => matchesQueryFilter(query.filter, { _id: object.id, ...object.data }))
        .sort((a, b) => compareObjects(a, b, query.sortKeys));
      // The fake's cookie is simply the index of the next match.
      const start = query.cookie !== undefined ? Number(Buffer.from(query.cookie, 'base64url').toString()) : (query.offset ?? 0);
      if (!Number.isSafeInteger(start) || start < 0) throw storeError('INVALID_QUERY', 'The paged results cookie is not valid');
      const end = query.pageSize ? start + query.pageSize : matches.length;
      const more = query.pageSize !== undefined && query.pageSize > 0 && end < matches.length;
      return {
        items: matches.slice(start, end).map(copy),
        pagedResultsCookie: more ? Buffer.from(String(end)).toString('base64url') : null,
        totalPagedResults: query.countTotal ? matches.length : -1,
      };
    },
    async setSearchableAttributes(type, attributes) {
      fake.searchable.set(type, [...attributes]);
    },
    async setUniqueAttributes(type, attributes) {
      fake.unique.set(type, [...attributes]);
    },
  };
  return fake;
}
