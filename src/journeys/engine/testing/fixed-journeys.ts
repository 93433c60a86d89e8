/**
 * The runner's `loadJourney` over definitions a test gives: each tree at revision 1 (the current
 * one), loaded once as the journey cache would; asking for another revision finds nothing.
 */
import type { LoadedJourney } from '../loaded-journey.ts';
import { loadedJourney } from '../loaded-journey.ts';
import type { NodeLookup, RunnerDeps } from '../node-steps.ts';
import type { JourneyDefinition } from '../tree-model.ts';

/** `loadJourney` finding `definitions` by tree name, in any realm. */
export function fixedJourneys(definitions: readonly JourneyDefinition[], nodes: NodeLookup): RunnerDeps['loadJourney'] {
  const loaded = new Map<string, LoadedJourney>(definitions.map((definition) => [definition.tree._id, loadedJourney(1, definition, nodes)]));
  return async (_realm, name, revision) => (revision === undefined || revision === 1 ? loaded.get(name) : undefined);
}
