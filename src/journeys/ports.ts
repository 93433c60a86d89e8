/** Storage port for journeys (trees with their node configs), per realm. */
import type { JourneyDefinition } from './engine/tree-model.ts';

/** Journeys of a realm, keyed by tree name (`tree._id`). */
export interface JourneyRepository {
  get(realm: string, name: string): Promise<JourneyDefinition | undefined>;
  /** Creates or replaces the journey named `definition.tree._id`. */
  put(realm: string, definition: JourneyDefinition): Promise<void>;
  /** Tree names of the realm, sorted. */
  list(realm: string): Promise<string[]>;
  delete(realm: string, name: string): Promise<boolean>;
}
