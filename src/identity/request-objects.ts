/**
 * The managed objects as one request sees them: a view over the real repository, made for one
 * request and never shared, so that what a request reads of a user (the nodes of a journey, its
 * gateways, the credential check, the journey's finish) is read from the store once.
 *
 * - Reads: an object, or the result of a lookup, is read once; later reads in the request get
 *   what was read, with what the request wrote since. Lookups compare strings folded, as the
 *   stores do (`Bob` finds what `bob` found).
 * - Writes (`update`, `create`, `delete`) go to the store at once, guarded by revision as ever:
 *   when another request wrote the object meanwhile, the write fails with REV_MISMATCH and the
 *   request's copy is dropped, so that the caller's retry reads the current object.
 * - `stage` keeps a change for the end of the request: applied to the request's copy at once (so
 *   reads see it), written by `settle`, every staged change of an object in one update. When
 *   another request wrote the object meanwhile, `settle` reads it again and applies the changes
 *   again (they are functions of the object, like every read-modify-write of the identity service).
 *
 * A copy with staged changes has a revision of its own (`<rev>+<n>`): an `update` based on it
 * writes the staged changes with it (they are in its data), while an `update` based on an older
 * copy would drop them and is refused as stale (REV_MISMATCH).
 */
import { foldCase } from './query-filter/fold-case.ts';
import { storeError } from '../store/errors.ts';
import { hasErrorCode, identityError } from './errors.ts';
import type { ManagedObjectRepository, StoredManagedObject } from './ports.ts';

/** A change of an object's data and meta, computed from the object as it is. */
export type ObjectChange = (stored: StoredManagedObject) => Promise<{ data: Record<string, unknown>; meta: Record<string, unknown> }>;

/** The repository of one request, with the writes it keeps for its end. */
export interface RequestObjects extends ManagedObjectRepository {
  /** Applies `change` to the request's copy of the object now and keeps it for `settle`; NOT_FOUND when there is no such object. */
  stage(type: string, id: string, change: ObjectChange): Promise<StoredManagedObject>;
  /** Writes the staged changes (one update per object); CONCURRENT_UPDATE when an object kept changing. */
  settle(): Promise<void>;
}

/** The request's copy of an object: as the store gave it, and with the staged changes applied. */
interface Copy {
  stored: StoredManagedObject | undefined;
  current: StoredManagedObject | undefined;
}

/** A lookup the request made, and what it found. */
interface Lookup {
  type: string;
  attribute: string;
  ids: string[];
}

/** Attempts of one object's staged changes before `settle` gives up. */
const MAX_ATTEMPTS = 8;

function keyOf(type: string, id: string): string {
  return `${type}\u0000${id}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The view of one request over `objects`. */
export function requestObjects(objects: ManagedObjectRepository): RequestObjects {
  const copies = new Map<string, Copy>();
  const staged = new Map<string, { type: string; id: string; changes: ObjectChange[] }>();
  const lookups = new Map<string, Lookup>();

  async function withStaged(stored: StoredManagedObject | undefined, key: string): Promise<StoredManagedObject | undefined> {
    const changes = staged.get(key)?.changes ?? [];
    if (stored === undefined || changes.length === 0) return stored;
    let current = stored;
    for (const change of changes) current = { ...current, ...(await change(current)) };
    return { ...current, rev: `${stored.rev}+${changes.length}` };
  }

  /** Keeps `stored` as the request's copy (with the staged changes on top). */
  async function remember(type: string, id: string, stored: StoredManagedObject | undefined): Promise<Copy> {
    const copy = { stored, current: await withStaged(stored, keyOf(type, id)) };
    copies.set(keyOf(type, id), copy);
    return copy;
  }

  /** Keeps what a write of the request made of the object; lookups whose answer it may change are made again. */
  async function written(type: string, id: string, stored: StoredManagedObject | undefined): Promise<Copy> {
    const before = copies.get(keyOf(type, id))?.current;
    const copy = await remember(type, id, stored);
    for (const [key, lookup] of lookups) {
      if (lookup.type !== type) continue;
      const after = copy.current;
      const unchanged = before !== undefined && after !== undefined && sameValue(before.data[lookup.attribute], after.data[lookup.attribute]);
      if (!unchanged) lookups.delete(key);
    }
    return copy;
  }

  async function copyOf(type: string, id: string): Promise<Copy> {
    return copies.get(keyOf(type, id)) ?? (await remember(type, id, await objects.get(type, id)));
  }

  /** The revision the store knows for a write based on `expectedRev` of the request's copy. */
  function storeRevision(type: string, id: string, expectedRev: string | undefined): string | undefined {
    const key = keyOf(type, id);
    if (!staged.has(key)) return expectedRev;
    const copy = copies.get(key);
    if (copy?.current === undefined || expectedRev !== copy.current.rev) throw storeError('REV_MISMATCH', `managed/${type}/${id} has changed in this request`);
    return copy.stored?.rev;
  }

  /** A write of the object failed: unless it was refused for a reason of its own, the copy is stale. */
  function dropOnConflict(type: string, id: string, error: unknown): never {
    if (hasErrorCode(error, 'REV_MISMATCH') || hasErrorCode(error, 'NOT_FOUND')) copies.delete(keyOf(type, id));
    throw error;
  }

  const view: RequestObjects = {
    async get(type, id) {
      return (await copyOf(type, id)).current;
    },

    async findByAttribute(type, attribute, value, limit) {
      const key = JSON.stringify([type, attribute, typeof value === 'string' ? foldCase(value) : value, limit ?? null]);
      let lookup = lookups.get(key);
      if (lookup === undefined) {
        const found = await objects.findByAttribute(type, attribute, value, limit);
        // What the request already holds of an object (its own writes included) wins over the store's answer.
        for (const stored of found) if (!copies.has(keyOf(type, stored.id))) await remember(type, stored.id, stored);
        lookup = { type, attribute, ids: found.map((stored) => stored.id) };
        lookups.set(key, lookup);
      }
      const matches = await Promise.all(lookup.ids.map((id) => view.get(type, id)));
      return matches.filter((stored) => stored !== undefined);
    },

    async create(type, id, data, meta) {
      const created = await objects.create(type, id, data, meta);
      await written(type, id, created);
      return created;
    },

    async update(type, id, data, meta, expectedRev) {
      const rev = storeRevision(type, id, expectedRev);
      let updated: StoredManagedObject;
      try {
        updated = await objects.update(type, id, data, meta, rev);
      } catch (error) {
        dropOnConflict(type, id, error);
      }
      // The staged changes were in `data` and `meta` (the write was based on the copy that has them).
      staged.delete(keyOf(type, id));
      await written(type, id, updated);
      return updated;
    },

    async delete(type, id, expectedRev) {
      const rev = storeRevision(type, id, expectedRev);
      let deleted: StoredManagedObject;
      try {
        deleted = await objects.delete(type, id, rev);
      } catch (error) {
        dropOnConflict(type, id, error);
      }
      staged.delete(keyOf(type, id));
      await written(type, id, undefined);
      return deleted;
    },

    list: (type, page) => objects.list(type, page),
    query: (type, query) => objects.query(type, query),
    setSearchableAttributes: (type, attributes) => objects.setSearchableAttributes(type, attributes),
    setUniqueAttributes: (type, attributes) => objects.setUniqueAttributes(type, attributes),
    refreshStatistics: () => objects.refreshStatistics(),

    async stage(type, id, change) {
      const key = keyOf(type, id);
      const copy = await copyOf(type, id);
      if (copy.current === undefined) throw storeError('NOT_FOUND', `managed/${type}/${id} not found`);
      const pending = staged.get(key) ?? { type, id, changes: [] };
      pending.changes.push(change);
      staged.set(key, pending);
      const { current } = await written(type, id, copy.stored);
      if (current === undefined) throw storeError('NOT_FOUND', `managed/${type}/${id} not found`);
      return current;
    },

    async settle() {
      for (const [key, { type, id }] of staged) {
        for (let attempt = 1; staged.has(key); attempt++) {
          const { stored, current } = await copyOf(type, id);
          // Deleted meanwhile: what was kept for it has nowhere to go.
          if (stored === undefined || current === undefined) {
            staged.delete(key);
            break;
          }
          try {
            await view.update(type, id, current.data, current.meta, current.rev);
          } catch (error) {
            if (!hasErrorCode(error, 'REV_MISMATCH') && !hasErrorCode(error, 'NOT_FOUND')) throw error;
            if (attempt >= MAX_ATTEMPTS) throw identityError('CONCURRENT_UPDATE', `${type} ${id} kept changing; try again`);
            // Writers racing on one object (the same user signing in on several nodes) step apart before trying again.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
          }
        }
      }
    },
  };
  return view;
}
