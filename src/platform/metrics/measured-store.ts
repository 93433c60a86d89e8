/**
 * The store with every repository call timed and every failure counted
 * (`arbor_store_operation_duration_seconds`, `arbor_store_errors_total`), repositories inside a
 * transaction too. It forwards each call unchanged; the labels are the repository's and the
 * method's names, a closed set.
 */
import { isStoreConnectionError } from '../../store/store-connection-error.ts';
import { isStoreError } from '../../store/errors.ts';
import type { DurableRepositories, Store } from '../../store/store.ts';
import type { ArborMetrics } from './arbor-metrics.ts';
import { secondsSince } from './arbor-metrics.ts';

type StoreMetrics = Pick<ArborMetrics, 'storeSeconds' | 'storeErrors'>;

/** The repositories measured, as the store names them. */
const REPOSITORIES = ['managedObjects', 'realms', 'configs', 'journeys', 'keys', 'outbox', 'devices', 'oidcRecords', 'ephemeral', 'audit'] as const;

function errorKind(error: unknown): 'unavailable' | 'refused' | 'other' {
  if (isStoreConnectionError(error)) return 'unavailable';
  return isStoreError(error) ? 'refused' : 'other';
}

/** Times `call` as `repository.operation`, counting a rejection or a throw. */
function timed<T>(metrics: StoreMetrics, repository: string, operation: string, call: () => T): T {
  const start = performance.now();
  const failed = (error: unknown): never => {
    metrics.storeErrors.inc({ repository, operation, kind: errorKind(error) });
    throw error;
  };
  const done = (): void => metrics.storeSeconds.observe({ repository, operation }, secondsSince(start));
  let result: T;
  try {
    result = call();
  } catch (error) {
    done();
    return failed(error);
  }
  if (!(result instanceof Promise)) {
    done();
    return result;
  }
  return result.then(
    (value: unknown) => {
      done();
      return value;
    },
    (error: unknown) => {
      done();
      return failed(error);
    },
  ) as T;
}

/** `repository` whose methods are timed under `name`. */
function measuredRepository<T extends object>(repository: T, name: string, metrics: StoreMetrics): T {
  const wrapped = new Map<string, unknown>();
  return new Proxy(repository, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      let method = wrapped.get(property);
      if (method === undefined) {
        method = (...args: unknown[]) => timed(metrics, name, property, () => Reflect.apply(value, target, args));
        wrapped.set(property, method);
      }
      return method;
    },
  });
}

function measuredRepositories<R extends Partial<Record<(typeof REPOSITORIES)[number], object>>>(repositories: R, metrics: StoreMetrics): R {
  const measured: R = { ...repositories };
  for (const name of REPOSITORIES) {
    const repository = repositories[name];
    if (repository !== undefined) Object.assign(measured, { [name]: measuredRepository(repository, name, metrics) });
  }
  return measured;
}

/** `store` with its calls measured on `metrics`. */
export function measuredStore(store: Store, metrics: StoreMetrics): Store {
  return {
    ...measuredRepositories(store, metrics),
    dialect: store.dialect,
    transaction: <T>(work: (tx: DurableRepositories) => Promise<T>): Promise<T> =>
      timed(metrics, 'store', 'transaction', () => store.transaction((tx) => work(measuredRepositories(tx, metrics)))),
    migrate: () => store.migrate(),
    health: () => timed(metrics, 'store', 'health', () => store.health()),
    close: () => store.close(),
  };
}
