/**
 * A store seen through a proxy that counts how its transactions end (committed or rolled back),
 * for tests of code that must write in transactions. Every call goes to the real store.
 */
import type { Store } from '../../store.ts';

/** The proxied store and the counts so far. */
export interface CountedTransactions<S> {
  store: S;
  /** Transactions whose work resolved (all writes landed). */
  commits(): number;
  /** Transactions whose work, or commit, failed (no write landed). */
  rollbacks(): number;
}

/** `store` with its `transaction` counted; everything else untouched. */
export function countTransactions<S extends Pick<Store, 'transaction'>>(store: S): CountedTransactions<S> {
  let commits = 0;
  let rollbacks = 0;
  const transaction: Store['transaction'] = async (work) => {
    try {
      const result = await store.transaction(work);
      commits += 1;
      return result;
    } catch (error) {
      rollbacks += 1;
      throw error;
    }
  };
  const counted = new Proxy(store, {
    get(target, property) {
      return property === 'transaction' ? transaction : Reflect.get(target, property);
    },
  });
  return { store: counted, commits: () => commits, rollbacks: () => rollbacks };
}
