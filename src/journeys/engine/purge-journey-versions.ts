/**
 * How long a replaced journey version must stay loadable, and the purge of those nobody can still
 * be running. A journey started on a version just before it was replaced may run for the realm's
 * `maxDurationMinutes`, wait suspended for its emailed link (`suspendedMinutes`; an Email Suspend
 * node may set its own duration), then run `maxDurationMinutes` again once resumed. Versions are
 * kept for the longest of that in any realm, and never less than a day (node durations and a second
 * suspension included). A journey that still outlives its version gets `TREE_REVISION_GONE` and
 * starts again.
 */
import type { RealmConfig } from '../../config/realm-config.ts';
import type { JourneyRepository } from '../ports.ts';

/** Replaced versions are kept at least this long. */
export const MIN_VERSION_RETENTION_MS = 24 * 60 * 60_000;

const MINUTE_MS = 60_000;

/** How long after being replaced a journey version may still be running, in any of `realms`. */
export function journeyVersionRetentionMs(realms: readonly Pick<RealmConfig, 'journeys'>[]): number {
  const longest = realms.map(({ journeys }) => (2 * journeys.maxDurationMinutes + (journeys.suspendedMinutes ?? 60)) * MINUTE_MS);
  return Math.max(MIN_VERSION_RETENTION_MS, ...longest);
}

/** Removes the journey versions replaced longer ago than the retention; resolves to how many. */
export async function purgeJourneyVersions(deps: {
  journeys: Pick<JourneyRepository, 'purgeVersions'>;
  realms: { list(): Promise<readonly Pick<RealmConfig, 'journeys'>[]> };
  clock: { now(): number };
}): Promise<number> {
  const retention = journeyVersionRetentionMs(await deps.realms.list());
  return deps.journeys.purgeVersions(deps.clock.now() - retention);
}
