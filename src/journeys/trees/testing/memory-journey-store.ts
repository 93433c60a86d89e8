/**
 * Test double of the journey store: journeys in memory, and a transaction that applies its writes
 * only when the work resolves. `crashAfterPuts` makes a put throw, like a database going away.
 */
import type { JourneyDefinition } from '../../engine/tree-model.ts';
import type { JourneyRepository } from '../../ports.ts';
import type { JourneyStore } from '../journey-store.ts';

type Journeys = Map<string, Map<string, JourneyDefinition>>;

/** A journey store kept in memory, with counters for tests. */
export interface MemoryJourneyStore extends JourneyStore {
  /** Committed journeys, by realm then name. */
  readonly committed: Journeys;
  /** Transactions begun. */
  transactions: number;
  /** When set, puts after this many (inside transactions or not) throw. */
  crashAfterPuts: number | undefined;
  /** A JSON copy of everything committed, to compare before and after. */
  snapshot(): string;
}

function repository(data: Journeys, onPut: () => void): JourneyRepository {
  return {
    async get(realm, name) {
      const found = data.get(realm)?.get(name);
      return found === undefined ? undefined : structuredClone(found);
    },
    async put(realm, definition) {
      onPut();
      const journeys = data.get(realm) ?? new Map<string, JourneyDefinition>();
      journeys.set(definition.tree._id, structuredClone(definition));
      data.set(realm, journeys);
    },
    async list(realm) {
      return [...(data.get(realm)?.keys() ?? [])].sort();
    },
    async delete(realm, name) {
      return data.get(realm)?.delete(name) ?? false;
    },
  };
}

function copy(data: Journeys): Journeys {
  return new Map([...data].map(([realm, journeys]) => [realm, new Map([...journeys].map(([name, j]) => [name, structuredClone(j)]))]));
}

/** A memory store holding `initial` (realm, journey) pairs. */
export function createMemoryJourneyStore(initial: readonly { realm: string; journey: JourneyDefinition }[] = []): MemoryJourneyStore {
  const committed: Journeys = new Map();
  let puts = 0;
  const onPut = (): void => {
    puts += 1;
    if (store.crashAfterPuts !== undefined && puts > store.crashAfterPuts) throw new Error('simulated crash during put');
  };
  const store: MemoryJourneyStore = {
    committed,
    transactions: 0,
    crashAfterPuts: undefined,
    journeys: repository(committed, onPut),
    async transaction(work) {
      store.transactions += 1;
      const pending = copy(committed);
      const result = await work({ journeys: repository(pending, onPut) });
      committed.clear();
      for (const [realm, journeys] of pending) committed.set(realm, journeys);
      return result;
    },
    snapshot() {
      return JSON.stringify([...committed].map(([realm, journeys]) => [realm, [...journeys]]));
    },
  };
  for (const { realm, journey } of initial) {
    const journeys = committed.get(realm) ?? new Map<string, JourneyDefinition>();
    journeys.set(journey.tree._id, structuredClone(journey));
    committed.set(realm, journeys);
  }
  return store;
}
