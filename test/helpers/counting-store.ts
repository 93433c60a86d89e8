/**
 * The real store behind a counting proxy: while recording, every call of a repository method
 * (`managedObjects.findByAttribute`, `ephemeral.increment`, `outbox.enqueue`…) and of the store's
 * own methods (`transaction`) is written down, in order, then forwarded unchanged. What the store
 * does is the real backend's (SQLite, PostgreSQL, Redis); the proxy only watches.
 */
import type { Store } from '../../src/store/store.ts';

const REPOSITORIES = new Set(['managedObjects', 'realms', 'configs', 'journeys', 'keys', 'outbox', 'ephemeral']);

/** A store that records its calls, and the recording. */
export interface CountingStore {
  /** Wraps `store` (pass it as `wrapStore`); the last store wrapped is the one recorded. */
  wrap(store: Store): Store;
  /** Records the calls `work` causes; resolves to them (`repository.method`, in call order). */
  record(work: () => Promise<unknown>): Promise<string[]>;
}

/** `target`'s methods, each recording `name.method` when called. */
function counted<T extends object>(target: T, name: string, log: (call: string) => void): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        log(`${name}.${property}`);
        return Reflect.apply(value, object, args);
      };
    },
  });
}

/** A counting store; nothing is recorded outside `record`. */
export function countingStore(): CountingStore {
  let calls: string[] | undefined;
  const log = (call: string): void => void calls?.push(call);
  return {
    wrap(store) {
      const wrapped = new Map<string, unknown>();
      return new Proxy(store, {
        get(object, property) {
          const value: unknown = Reflect.get(object, property);
          if (typeof property !== 'string') return value;
          if (REPOSITORIES.has(property) && typeof value === 'object' && value !== null) {
            if (!wrapped.has(property)) wrapped.set(property, counted(value, property, log));
            return wrapped.get(property);
          }
          if (typeof value === 'function' && property === 'transaction') {
            return (...args: unknown[]) => {
              log('store.transaction');
              return Reflect.apply(value, object, args);
            };
          }
          return typeof value === 'function' ? value.bind(object) : value;
        },
      });
    },
    async record(work) {
      calls = [];
      try {
        await work();
        return calls;
      } finally {
        calls = undefined;
      }
    },
  };
}
