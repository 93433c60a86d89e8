/** The durable repositories on one memory state access: the store's own, or a transaction's. */
import type { StoreClock } from '../store-clock.ts';
import type { DurableRepositories } from '../store.ts';
import { memoryConfigRepository } from './memory-config-repository.ts';
import { memoryDeviceRepository } from './memory-device-repository.ts';
import { memoryJourneyRepository } from './memory-journey-repository.ts';
import { memoryKeyRepository } from './memory-key-repository.ts';
import { memoryManagedObjectRepository, type MemoryManagedObjectRepository } from './memory-managed-object-repository.ts';
import { memoryOidcRecordRepository } from './memory-oidc-record-repository.ts';
import { memoryOutboxRepository } from './memory-outbox-repository.ts';
import { memoryRealmRepository } from './memory-realm-repository.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** The durable repositories of the memory store, managed objects with their index listings. */
export interface MemoryDurableRepositories extends DurableRepositories {
  managedObjects: MemoryManagedObjectRepository;
}

/** Every durable repository on `access`; `clock` dates replaced journey versions. */
export function memoryDurableRepositories(access: MemoryStateAccess, clock: StoreClock): MemoryDurableRepositories {
  return {
    managedObjects: memoryManagedObjectRepository(access),
    realms: memoryRealmRepository(access),
    configs: memoryConfigRepository(access),
    journeys: memoryJourneyRepository(access, clock),
    keys: memoryKeyRepository(access),
    outbox: memoryOutboxRepository(access),
    devices: memoryDeviceRepository(access),
    oidcRecords: memoryOidcRecordRepository(access, clock),
  };
}
