/** The part of the store that journey import and default installation use. */
import type { JourneyRepository } from '../ports.ts';

/**
 * Journeys plus transactions; the platform `Store` fits it. Writes made through `tx` land all
 * together or not at all.
 */
export interface JourneyStore {
  journeys: JourneyRepository;
  transaction<T>(work: (tx: { journeys: JourneyRepository }) => Promise<T>): Promise<T>;
}
