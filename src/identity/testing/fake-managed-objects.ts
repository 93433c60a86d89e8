/** An in-memory `ManagedObjectRepository` for unit tests, with the store's error codes. */
import type { AttributeValue, ManagedObjectRepository, StoredManagedObject } from '../ports.ts';

function storeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'StoreError', code });
}

function matches(actual: unknown, wanted: AttributeValue): boolean {
  if (typeof actual === 'string' && typeof wanted === 'string') return actual.toLowerCase() === wanted.toLowerCase();
  return actual === wanted;
}

/** The fake, plus what tests inspect: searchable attributes and a hook run before each update. */
export interface FakeManagedObjects extends ManagedObjectRepository {
  searchable: Map<string, string[]>;
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

  const fake: FakeManagedObjects = {
    searchable: new Map(),
    updates: 0,
    async create(type, id, data, meta) {
      if (objects.has(keyOf(type, id))) throw storeError('DUPLICATE_ID', `${type}/${id} exists`);
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
    async setSearchableAttributes(type, attributes) {
      fake.searchable.set(type, [...attributes]);
    },
  };
  return fake;
}
