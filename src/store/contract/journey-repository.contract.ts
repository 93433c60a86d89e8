/** Contract of JourneyRepository: definitions per realm, kept exactly as imported. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import type { Store } from '../store.ts';
import { unique } from './contract-helpers.ts';

/** A small journey named `name`, with fields Arbor does not know (they must survive). */
export function sampleJourney(name: string, description = 'sample'): JourneyDefinition {
  return {
    tree: {
      _id: name,
      entryNodeId: 'n1',
      description,
      uiConfig: { categories: '["Authentication"]' },
      nodes: { n1: { displayName: 'User Name', nodeType: 'UsernameCollectorNode', connections: { outcome: '70e691a5-1e33-4ac3-a356-e7b6d60d92e0' }, x: 10, y: 20 } },
      staticNodes: { startNode: { x: 0, y: 0 } },
      futureField: { nested: [1, 2] },
    },
    nodes: { n1: { _id: 'n1', _type: { _id: 'UsernameCollectorNode', name: 'Username Collector' }, _outcomes: [{ id: 'outcome', displayName: 'Outcome' }] } },
  };
}

/** Registers the JourneyRepository tests on stores made by `makeStore`. */
export function journeyRepositoryContract(makeStore: () => Promise<Store>): void {
  describe('JourneyRepository', () => {
    let store: Store;
    before(async () => {
      store = await makeStore();
    });
    after(async () => {
      await store.close();
    });

    it('stores a definition under its tree id and reads it back unchanged', async () => {
      const realm = unique('realm');
      const journey = sampleJourney('Login');
      await store.journeys.put(realm, journey);
      assert.deepEqual(await store.journeys.get(realm, 'Login'), journey);
    });

    it('returns undefined for an unknown tree or realm', async () => {
      const realm = unique('realm');
      await store.journeys.put(realm, sampleJourney('Login'));
      assert.equal(await store.journeys.get(realm, 'Other'), undefined);
      assert.equal(await store.journeys.get(unique('realm'), 'Login'), undefined);
    });

    it('replaces a definition on a second put', async () => {
      const realm = unique('realm');
      await store.journeys.put(realm, sampleJourney('Login', 'first'));
      await store.journeys.put(realm, sampleJourney('Login', 'second'));
      assert.equal((await store.journeys.get(realm, 'Login'))?.tree.description, 'second');
      assert.deepEqual(await store.journeys.list(realm), ['Login']);
    });

    it('lists the tree names of one realm, sorted', async () => {
      const realm = unique('realm');
      for (const name of ['Registration', 'Login', 'ResetPassword']) await store.journeys.put(realm, sampleJourney(name));
      await store.journeys.put(unique('realm'), sampleJourney('Elsewhere'));
      assert.deepEqual(await store.journeys.list(realm), ['Login', 'Registration', 'ResetPassword']);
      assert.deepEqual(await store.journeys.list(unique('realm')), []);
    });

    it('deletes, saying whether there was a journey, in one realm only', async () => {
      const realm = unique('realm');
      const other = unique('realm');
      await store.journeys.put(realm, sampleJourney('Login'));
      await store.journeys.put(other, sampleJourney('Login'));
      assert.equal(await store.journeys.delete(realm, 'Login'), true);
      assert.equal(await store.journeys.get(realm, 'Login'), undefined);
      assert.equal(await store.journeys.delete(realm, 'Login'), false);
      assert.deepEqual(await store.journeys.list(other), ['Login']);
    });
  });
}
