/**
 * The store calls one request makes, for tests that count them: the REAL store behind a proxy
 * that writes down every call of a port's method (`managedObjects.findByAttribute`,
 * `ephemeral.increment`…) with its arguments while `record`'s work runs, and forwards it
 * unchanged. The platform's background work (the outbox worker every 10 seconds, the purge every
 * 60) may fall into a recording: `disturbed` says so, and the test does its work again.
 */
import type { Store } from '../../store/store.ts';

/** One call of a store port. */
export interface StoreCall {
  /** The port: `managedObjects`, `ephemeral`, `configs`… */
  port: string;
  method: string;
  args: unknown[];
}

/** A store that records the calls of one piece of work at a time. */
export interface RequestStoreCalls {
  /** Wraps `store` (pass it as the platform's store). */
  wrap(store: Store): Store;
  /**
   * Runs `work` and resolves to its result and the store calls made meanwhile, in order;
   * `disturbed` when background work made calls meanwhile too (the recording is not the work's alone).
   */
  record<T>(work: () => Promise<T>): Promise<{ result: T; calls: StoreCall[]; disturbed: boolean }>;
}

const PORTS = new Set(['managedObjects', 'realms', 'configs', 'journeys', 'keys', 'outbox', 'ephemeral']);

/** Calls per `port.method`, sorted by name (for assertions and for printing). */
export function countsOf(calls: readonly StoreCall[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(`${call.port}.${call.method}`, (counts.get(`${call.port}.${call.method}`) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Calls only background work makes: the outbox worker's pass, the purge of expired entries. */
function isBackground(call: StoreCall): boolean {
  return call.port === 'outbox' || call.method === 'purgeExpired' || call.method === 'purgeVersions' || (call.port === 'configs' && call.args[0] === 'external.email');
}

/** A recorder; nothing is recorded outside `record`. */
export function recordRequestStoreCalls(): RequestStoreCalls {
  let recording: StoreCall[] | undefined;
  const observed = <T extends object>(port: string, target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          recording?.push({ port, method: property, args });
          return Reflect.apply(value, object, args);
        };
      },
    });
  return {
    wrap(store) {
      const ports = new Map<string, unknown>();
      return new Proxy(store, {
        get(object, property) {
          const value: unknown = Reflect.get(object, property);
          if (typeof property === 'string' && PORTS.has(property) && typeof value === 'object' && value !== null) {
            if (!ports.has(property)) ports.set(property, observed(property, value));
            return ports.get(property);
          }
          if (property === 'transaction' && typeof value === 'function') {
            return (...args: unknown[]) => {
              recording?.push({ port: 'store', method: 'transaction', args: [] });
              return Reflect.apply(value, object, args);
            };
          }
          return typeof value === 'function' ? value.bind(object) : value;
        },
      });
    },
    async record(work) {
      const calls: StoreCall[] = [];
      recording = calls;
      try {
        const result = await work();
        return { result, calls, disturbed: calls.some(isBackground) };
      } finally {
        recording = undefined;
      }
    },
  };
}
