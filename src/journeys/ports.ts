/** Storage port for journeys (trees with their node configs), per realm, with their revisions. */
import type { JourneyDefinition } from './engine/tree-model.ts';

/** One version of a journey: its revision (1, 2, … per realm and name) and its definition. */
export interface JourneyVersion {
  revision: number;
  definition: JourneyDefinition;
}

/**
 * Journeys of a realm, keyed by tree name (`tree._id`). Every change is a new revision; the
 * version it replaces stays readable by revision (`version`) until `purgeVersions` removes it, so
 * that a journey started on it can finish on it. Revision numbers are never reused for a name.
 */
export interface JourneyRepository {
  /** The current definition. */
  get(realm: string, name: string): Promise<JourneyDefinition | undefined>;
  /** The current definition with its revision. */
  current(realm: string, name: string): Promise<JourneyVersion | undefined>;
  /** The version `revision`: the current one, or one replaced or deleted and not purged yet. */
  version(realm: string, name: string, revision: number): Promise<JourneyVersion | undefined>;
  /**
   * Creates or replaces the journey named `definition.tree._id` as a new revision (a definition
   * equal to the current one keeps its revision); resolves to the current revision.
   */
  put(realm: string, definition: JourneyDefinition): Promise<number>;
  /** Tree names of the realm, sorted. */
  list(realm: string): Promise<string[]>;
  /** Deletes the journey (its versions stay readable until purged); false when there was none. */
  delete(realm: string, name: string): Promise<boolean>;
  /**
   * Removes the versions replaced or deleted before `supersededBefore` (epoch milliseconds), except
   * the latest of each name (so that revision numbers go on from it); resolves to how many.
   */
  purgeVersions(supersededBefore: number): Promise<number>;
}
