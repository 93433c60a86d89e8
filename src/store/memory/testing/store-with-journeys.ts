/** A memory store holding given journeys: the starting point of journey import, export and install tests. */
import type { JourneyDefinition } from '../../../journeys/engine/tree-model.ts';
import { openMemoryStore, type MemoryStore } from '../open-memory-store.ts';

/** A new memory store after putting each `journey` into its `realm`. */
export async function storeWithJourneys(journeys: readonly { realm: string; journey: JourneyDefinition }[] = []): Promise<MemoryStore> {
  const store = openMemoryStore();
  for (const { realm, journey } of journeys) await store.journeys.put(realm, journey);
  return store;
}
