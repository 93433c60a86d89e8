/** The parts of the store that journey import and default installation use. */
import type { ConfigRepository } from '../../config/ports.ts';
import type { JourneyRepository } from '../ports.ts';

/**
 * Journeys plus transactions; the platform `Store` fits it. Writes made through `tx` land all
 * together or not at all.
 */
export interface JourneyStore {
  journeys: JourneyRepository;
  transaction<T>(work: (tx: { journeys: JourneyRepository }) => Promise<T>): Promise<T>;
}

/** Journeys and configuration documents (where scripts are kept) plus transactions: what an import writes. */
export interface JourneyImportStore {
  journeys: JourneyRepository;
  configs: ConfigRepository;
  transaction<T>(work: (tx: { journeys: JourneyRepository; configs: ConfigRepository }) => Promise<T>): Promise<T>;
}
