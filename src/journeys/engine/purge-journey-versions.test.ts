/** How long replaced journey versions are kept, and their purge on a real (memory) store. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import { sampleJourney } from '../../store/contract/journey-repository.contract.ts';
import { manualClock } from '../../store/contract/manual-clock.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { journeyVersionRetentionMs, MIN_VERSION_RETENTION_MS, purgeJourneyVersions } from './purge-journey-versions.ts';

const MINUTE = 60_000;

describe('journeyVersionRetentionMs', () => {
  it('is a day for the default realms, and longer when a realm lets a journey run longer', () => {
    assert.equal(journeyVersionRetentionMs([defaultRealmConfig('root'), defaultRealmConfig('alpha')]), MIN_VERSION_RETENTION_MS);
    assert.equal(journeyVersionRetentionMs([]), MIN_VERSION_RETENTION_MS);
    const long = defaultRealmConfig('alpha');
    long.journeys = { ...long.journeys, maxDurationMinutes: 600, suspendedMinutes: 1_440 };
    assert.equal(journeyVersionRetentionMs([defaultRealmConfig('root'), long]), (2 * 600 + 1_440) * MINUTE, 'run, wait for the emailed link, run again');
  });
});

describe('purgeJourneyVersions', () => {
  it('removes the versions replaced longer ago than the retention, and keeps the others', async () => {
    const clock = manualClock();
    const store = openMemoryStore({ clock });
    await store.realms.put(defaultRealmConfig('alpha'));
    await store.journeys.put('alpha', sampleJourney('Login', 'one'));
    await store.journeys.put('alpha', sampleJourney('Login', 'two')); // replaces 1 now
    clock.advance(MIN_VERSION_RETENTION_MS - 1);
    assert.equal(await purgeJourneyVersions({ journeys: store.journeys, realms: store.realms, clock }), 0);
    assert.ok((await store.journeys.version('alpha', 'Login', 1)) !== undefined, 'a journey started on it may still be running');
    clock.advance(2);
    assert.equal(await purgeJourneyVersions({ journeys: store.journeys, realms: store.realms, clock }), 1);
    assert.equal(await store.journeys.version('alpha', 'Login', 1), undefined);
    assert.equal((await store.journeys.current('alpha', 'Login'))?.revision, 2);
  });
});
