/** JourneyRepository in memory: one definition (tree plus node configs) per realm and tree name, as JSON text. */
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import type { JourneyRepository } from '../../journeys/ports.ts';
import { compareCodePoints } from '../../identity/query-filter/fold-case.ts';
import { fromJsonText, isJsonObject, toJsonText } from './json-text.ts';
import type { MemoryStateAccess } from './memory-state-access.ts';

/** The stored document has the shape of a journey definition (it was one when it was put). */
function isJourneyDefinition(value: unknown): value is JourneyDefinition {
  if (!isJsonObject(value) || !isJsonObject(value['nodes'])) return false;
  const tree = value['tree'];
  return isJsonObject(tree) && typeof tree['_id'] === 'string' && isJsonObject(tree['nodes']);
}

/** Journeys in the state `access` reaches. */
export function memoryJourneyRepository(access: MemoryStateAccess): JourneyRepository {
  return {
    async get(realm, name) {
      const text = access.read().journeys.get(realm)?.get(name);
      if (text === undefined) return undefined;
      const value = fromJsonText(text);
      if (!isJourneyDefinition(value)) throw new Error(`stored journey ${realm}/${name} is not a journey definition`);
      return value;
    },

    async put(realm, definition) {
      const name = definition.tree._id;
      const text = toJsonText(definition);
      await access.write((state) => {
        const journeys = state.journeys.get(realm) ?? new Map<string, string>();
        journeys.set(name, text);
        state.journeys.set(realm, journeys);
      });
    },

    async list(realm) {
      return [...(access.read().journeys.get(realm)?.keys() ?? [])].sort(compareCodePoints);
    },

    async delete(realm, name) {
      return access.write((state) => state.journeys.get(realm)?.delete(name) ?? false);
    },
  };
}
