/**
 * A store for bulk import and export tests: the fake managed objects, transactions that apply
 * their creates only on success, an optional unique `userName` as the database would enforce it,
 * and `query` for `true` filters paged by cookie (what export uses).
 */
import type { DurableRepositories, Store } from '../../../store/store.ts';
import type { ManagedObjectQuery, ManagedObjectQueryResult, ManagedObjectRepository } from '../../ports.ts';
import { createFakeManagedObjects } from '../../testing/fake-managed-objects.ts';

/** The fake store and what tests inspect. */
export interface FakeBulkStore extends Pick<Store, 'managedObjects' | 'transaction'> {
  managedObjects: ManagedObjectRepository;
  /** Committed and failed transactions. */
  commits: number;
  rollbacks: number;
  /** Page sizes `query` was called with. */
  queries: number[];
}

function codedError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name: 'StoreError', code, ...extra });
}

/** Repositories of a transaction where only managed objects may be used. */
function onlyManagedObjects(managedObjects: ManagedObjectRepository): DurableRepositories {
  return new Proxy({ managedObjects } as DurableRepositories, {
    get(target, property) {
      if (property === 'managedObjects') return target.managedObjects;
      throw new Error(`${String(property)} is not available in the bulk tests`);
    },
  });
}

/** Builds the fake; `uniqueUserName` makes creates fail with UNIQUE_VIOLATION on a taken userName. */
export function createFakeBulkStore(options: { uniqueUserName?: boolean } = {}): FakeBulkStore {
  const base = createFakeManagedObjects();
  const taken = async (type: string, data: Record<string, unknown>): Promise<boolean> =>
    options.uniqueUserName === true && typeof data.userName === 'string' && (await base.findByAttribute(type, 'userName', data.userName, 1)).length > 0;

  const objects: ManagedObjectRepository = {
    ...base,
    async create(type, id, data, meta) {
      if (await taken(type, data)) throw codedError('UNIQUE_VIOLATION', `userName ${String(data.userName)} is taken`, { attribute: 'userName' });
      return base.create(type, id, data, meta);
    },
    async query(type, query: ManagedObjectQuery): Promise<ManagedObjectQueryResult> {
      if (query.filter.op !== 'true') throw new Error('the fake query only knows the true filter');
      store.queries.push(query.pageSize ?? 0);
      const all = (await base.list(type, { limit: Number.MAX_SAFE_INTEGER, offset: 0 })).items;
      const after = query.cookie === undefined ? all : all.filter((object) => object.id > (query.cookie ?? ''));
      const items = query.pageSize ? after.slice(0, query.pageSize) : after;
      const more = query.pageSize !== undefined && query.pageSize > 0 && after.length > query.pageSize;
      return { items, pagedResultsCookie: more ? (items.at(-1)?.id ?? null) : null, totalPagedResults: query.countTotal ? all.length : -1 };
    },
    async setUniqueAttributes() {},
  };

  const store: FakeBulkStore = {
    managedObjects: objects,
    commits: 0,
    rollbacks: 0,
    queries: [],
    async transaction(work) {
      const staged: Parameters<ManagedObjectRepository['create']>[] = [];
      const tx: ManagedObjectRepository = {
        ...objects,
        async create(type, id, data, meta) {
          if ((await base.get(type, id)) !== undefined || staged.some(([t, i]) => t === type && i === id)) throw codedError('DUPLICATE_ID', `${type}/${id} exists`);
          if (await taken(type, data)) throw codedError('UNIQUE_VIOLATION', `userName ${String(data.userName)} is taken`, { attribute: 'userName' });
          staged.push([type, id, data, meta]);
          return { type, id, rev: '0', data, meta };
        },
      };
      const repositories = onlyManagedObjects(tx);
      let result;
      try {
        result = await work(repositories);
      } catch (error) {
        store.rollbacks += 1;
        throw error;
      }
      for (const args of staged) await base.create(...args);
      store.commits += 1;
      return result;
    },
  };
  return store;
}
