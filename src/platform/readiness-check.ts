/**
 * What `/health/ready` asks of a running Arbor: the database (and Redis) answer, and the master key
 * still opens every stored realm key (a database restored from elsewhere, or a realm key written
 * by a process with another master key, would otherwise fail every sign-in with a 500 while the
 * process reported itself ready).
 */
import { checkMasterKey } from '../secrets/check-master-key.ts';
import type { Store } from '../store/store.ts';

/** The readiness check over `store` for the master key `masterKey`. */
export function readinessCheck(store: Pick<Store, 'health' | 'keys' | 'realms'>, masterKey: Uint8Array): () => Promise<void> {
  return async () => {
    await store.health();
    const realms = await store.realms.list();
    await checkMasterKey(
      store.keys,
      masterKey,
      realms.map((realm) => realm.name),
    );
  };
}
