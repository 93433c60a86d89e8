import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countTransactions } from '../../store/memory/testing/count-transactions.ts';
import { storeWithJourneys } from '../../store/memory/testing/store-with-journeys.ts';
import { defaultJourneys } from './default-journeys.ts';
import { installDefaultJourneys } from './install-default-journeys.ts';
import { loginJourney } from './testing/build-journey.ts';

describe('installDefaultJourneys', () => {
  it('installs the realm defaults in one transaction', async () => {
    const store = await storeWithJourneys();
    const counted = countTransactions(store);
    const names = (await defaultJourneys('alpha')).map((j) => j.tree._id);
    assert.deepEqual(await installDefaultJourneys(counted.store, 'alpha'), names);
    assert.deepEqual([counted.commits(), counted.rollbacks()], [1, 0]);
    assert.deepEqual(await store.journeys.get('alpha', 'Login'), (await defaultJourneys('alpha')).find((j) => j.tree._id === 'Login'));
    assert.deepEqual(await store.journeys.list('root'), []);
  });

  it('installs only what is missing, and never overwrites an admin tree', async () => {
    const mine = { ...loginJourney('Login'), tree: { ...loginJourney('Login').tree, description: 'mine' } };
    const store = await storeWithJourneys([{ realm: 'root', journey: mine }]);
    assert.ok(!(await installDefaultJourneys(store, 'root')).includes('Login'));
    assert.deepEqual(await store.journeys.get('root', 'Login'), mine);
    assert.equal((await installDefaultJourneys(store, 'alpha')).length, 6);
    assert.deepEqual(await installDefaultJourneys(store, 'alpha'), []);
  });

  it('installs nothing for a realm without defaults or with an odd name', async () => {
    const counted = countTransactions(await storeWithJourneys());
    assert.deepEqual(await installDefaultJourneys(counted.store, 'bravo'), []);
    assert.deepEqual(await installDefaultJourneys(counted.store, '../alpha'), []);
    assert.equal(counted.commits() + counted.rollbacks(), 0);
  });
});
