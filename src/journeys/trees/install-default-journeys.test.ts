import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultJourneys } from './default-journeys.ts';
import { installDefaultJourneys } from './install-default-journeys.ts';
import { loginJourney } from './testing/build-journey.ts';
import { createMemoryJourneyStore } from './testing/memory-journey-store.ts';

describe('installDefaultJourneys', () => {
  it('installs the realm defaults in one transaction', async () => {
    const store = createMemoryJourneyStore();
    const names = (await defaultJourneys('alpha')).map((j) => j.tree._id);
    assert.deepEqual(await installDefaultJourneys(store, 'alpha'), names);
    assert.equal(store.transactions, 1);
    assert.deepEqual(await store.journeys.get('alpha', 'Login'), (await defaultJourneys('alpha')).find((j) => j.tree._id === 'Login'));
    assert.deepEqual(await store.journeys.list('root'), []);
  });

  it('installs only what is missing, and never overwrites an admin tree', async () => {
    const mine = { ...loginJourney('Login'), tree: { ...loginJourney('Login').tree, description: 'mine' } };
    const store = createMemoryJourneyStore([{ realm: 'root', journey: mine }]);
    assert.ok(!(await installDefaultJourneys(store, 'root')).includes('Login'));
    assert.deepEqual(await store.journeys.get('root', 'Login'), mine);
    assert.equal((await installDefaultJourneys(store, 'alpha')).length, 6);
    assert.deepEqual(await installDefaultJourneys(store, 'alpha'), []);
  });

  it('installs nothing for a realm without defaults or with an odd name', async () => {
    const store = createMemoryJourneyStore();
    assert.deepEqual(await installDefaultJourneys(store, 'bravo'), []);
    assert.deepEqual(await installDefaultJourneys(store, '../alpha'), []);
    assert.equal(store.transactions, 0);
  });
});
