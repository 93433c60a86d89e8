/** Registers every store contract suite (durable repositories and the Store) on one backend. */
import type { StoreClock } from '../store-clock.ts';
import type { Store } from '../store.ts';
import { auditStoreContract } from './audit-store.contract.ts';
import { configRepositoryContract } from './config-repository.contract.ts';
import { deviceRepositoryContract } from './device-repository.contract.ts';
import { journeyRepositoryContract } from './journey-repository.contract.ts';
import { keyRepositoryContract } from './key-repository.contract.ts';
import { managedObjectLookupContract } from './managed-object-lookup.contract.ts';
import { managedObjectQueryPagingContract } from './managed-object-query-paging.contract.ts';
import { managedObjectQueryContract } from './managed-object-query.contract.ts';
import { managedObjectRepositoryContract } from './managed-object-repository.contract.ts';
import { managedObjectUniqueContract } from './managed-object-unique.contract.ts';
import { oidcRecordRepositoryContract } from './oidc-record-repository.contract.ts';
import { outboxRepositoryContract } from './outbox-repository.contract.ts';
import { realmRepositoryContract } from './realm-repository.contract.ts';
import { storeContract } from './store.contract.ts';

/** Runs every durable-repository contract and the Store contract on stores made by `makeStore` (on the wall clock unless given one). */
export function allStoreContracts(makeStore: (clock?: StoreClock) => Promise<Store>, dialect: Store['dialect']): void {
  storeContract(makeStore, dialect);
  managedObjectRepositoryContract(makeStore);
  managedObjectLookupContract(makeStore);
  managedObjectQueryContract(makeStore);
  managedObjectQueryPagingContract(makeStore);
  managedObjectUniqueContract(makeStore);
  realmRepositoryContract(makeStore);
  configRepositoryContract(makeStore);
  journeyRepositoryContract(makeStore);
  keyRepositoryContract(makeStore);
  outboxRepositoryContract(makeStore);
  deviceRepositoryContract(makeStore);
  oidcRecordRepositoryContract(makeStore);
  auditStoreContract(makeStore);
}
