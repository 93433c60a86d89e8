/**
 * The whole Store in memory, for tests: every port with the SQL stores' semantics (the contract
 * suites run on it as on SQLite and PostgreSQL), nothing on disk, no driver. Writes are serialized
 * through one async mutex. A transaction holds the mutex for its whole duration and works on a
 * fork of the committed state, swapped in when the work resolves and dropped when it throws: all
 * of its writes land or none, writes from outside wait their turn (none is lost or interleaved),
 * and reads from outside see the committed state meanwhile. `migrate()` has nothing to do.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock, type StoreClock } from '../store-clock.ts';
import type { DurableRepositories, Store } from '../store.ts';
import { createAsyncMutex } from './async-mutex.ts';
import { memoryAuditStore } from './memory-audit-store.ts';
import { memoryDurableRepositories, type MemoryDurableRepositories } from './memory-durable-repositories.ts';
import { memoryEphemeralStore } from './memory-ephemeral-store.ts';
import type { MemoryManagedObjectRepository } from './memory-managed-object-repository.ts';
import { emptyMemoryState, forkMemoryState, type MemoryState } from './memory-state.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** The memory store: a Store whose managed objects also list their searchable and unique attributes. */
export interface MemoryStore extends Store {
  managedObjects: MemoryManagedObjectRepository;
}

/** Options of `openMemoryStore`. */
export interface MemoryStoreOptions {
  /** The clock of the ephemeral store's expiry and of journey versions' replacement times (default: the wall clock). */
  clock?: StoreClock | undefined;
}

const WAITS_FOR_ITSELF =
  'the memory store was written to outside a transaction from inside that transaction: it would wait for the transaction forever; use the repositories the transaction gives its work';

/** An empty memory store. */
export function openMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const clock = options.clock ?? systemClock;
  const mutex = createAsyncMutex();
  /** Set while a transaction's work runs, in its async call chain. */
  const insideTransaction = new AsyncLocalStorage<boolean>();
  let committed: MemoryState = emptyMemoryState();
  let closed = false;

  const outside: MemoryStateAccess = {
    read: () => committed,
    write(change) {
      if (insideTransaction.getStore() === true) return Promise.reject(new Error(WAITS_FOR_ITSELF));
      return mutex.run(() => change(committed));
    },
  };

  const repositories: MemoryDurableRepositories = memoryDurableRepositories(outside, clock);

  return {
    dialect: 'memory',
    ...repositories,
    ephemeral: memoryEphemeralStore(clock),
    audit: memoryAuditStore(),

    transaction<T>(work: (tx: DurableRepositories) => Promise<T>): Promise<T> {
      if (insideTransaction.getStore() === true) return Promise.reject(new Error(WAITS_FOR_ITSELF));
      return mutex.run(async () => {
        const fork = forkMemoryState(committed);
        let open = true;
        const inside: MemoryStateAccess = {
          read() {
            if (!open) throw new Error('the transaction is over: its repositories can no longer be used');
            return fork;
          },
          async write(change) {
            return change(inside.read());
          },
        };
        try {
          const result = await insideTransaction.run(true, () => work(memoryDurableRepositories(inside, clock)));
          committed = fork;
          return result;
        } finally {
          open = false;
        }
      });
    },

    async migrate() {},

    async health() {
      if (closed) throw new Error('the memory store is closed');
    },

    async close() {
      closed = true;
    },
  };
}
