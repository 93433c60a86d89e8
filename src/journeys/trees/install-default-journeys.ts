/** Installs a realm's default journeys (`defaults/<realm>/`) that it does not have yet. */
import { defaultJourneys } from './default-journeys.ts';
import type { JourneyStore } from './journey-store.ts';

/**
 * Writes the realm's default journeys whose name is not taken yet, in one transaction; never
 * overwrites an admin's tree. Resolves to the names installed.
 */
export async function installDefaultJourneys(store: JourneyStore, realmName: string): Promise<string[]> {
  const journeys = await defaultJourneys(realmName);
  if (journeys.length === 0) return [];
  return store.transaction(async (tx) => {
    const installed: string[] = [];
    for (const journey of journeys) {
      if ((await tx.journeys.get(realmName, journey.tree._id)) !== undefined) continue;
      await tx.journeys.put(realmName, journey);
      installed.push(journey.tree._id);
    }
    return installed;
  });
}
