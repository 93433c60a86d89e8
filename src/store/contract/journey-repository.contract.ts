/**
 * Contract of JourneyRepository: definitions per realm, kept exactly as imported; revisions (each
 * change a new one, replaced and deleted versions readable until purged, numbers never reused).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JourneyDefinition } from '../../journeys/engine/tree-model.ts';
import type { StoreClock } from '../store-clock.ts';
import type { Store } from '../store.ts';
import { unique } from './contract-helpers.ts';
import { manualClock } from './manual-clock.ts';

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

const MINUTE = 60_000;

/** Registers the JourneyRepository tests on stores made by `makeStore` (with the clock given, which dates replaced versions). */
export function journeyRepositoryContract(makeStore: (clock?: StoreClock) => Promise<Store>): void {
  describe('JourneyRepository', () => {
    let store: Store;
    const clock = manualClock();
    before(async () => {
      store = await makeStore(clock);
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

    it('numbers versions from 1 per realm and name; the current one comes with its revision', async () => {
      const realm = unique('realm');
      assert.equal(await store.journeys.put(realm, sampleJourney('Login', 'first')), 1);
      assert.equal(await store.journeys.put(realm, sampleJourney('Login', 'second')), 2);
      assert.equal(await store.journeys.put(realm, sampleJourney('Other')), 1);
      assert.equal(await store.journeys.put(unique('realm'), sampleJourney('Login')), 1);
      assert.deepEqual(await store.journeys.current(realm, 'Login'), { revision: 2, definition: sampleJourney('Login', 'second') });
      assert.equal(await store.journeys.current(realm, 'Missing'), undefined);
    });

    it('keeps a replaced version readable by its revision, exactly as it was put', async () => {
      const realm = unique('realm');
      await store.journeys.put(realm, sampleJourney('Login', 'first'));
      await store.journeys.put(realm, sampleJourney('Login', 'second'));
      assert.deepEqual(await store.journeys.version(realm, 'Login', 1), { revision: 1, definition: sampleJourney('Login', 'first') });
      assert.deepEqual(await store.journeys.version(realm, 'Login', 2), { revision: 2, definition: sampleJourney('Login', 'second') });
      assert.equal(await store.journeys.version(realm, 'Login', 3), undefined);
      assert.equal(await store.journeys.version(realm, 'Other', 1), undefined);
      assert.equal(await store.journeys.version(unique('realm'), 'Login', 1), undefined);
    });

    it('keeps the revision when the definition put is equal to the current one', async () => {
      const realm = unique('realm');
      await store.journeys.put(realm, sampleJourney('Login', 'first'));
      assert.equal(await store.journeys.put(realm, sampleJourney('Login', 'first')), 1);
      assert.equal((await store.journeys.current(realm, 'Login'))?.revision, 1);
      assert.equal(await store.journeys.version(realm, 'Login', 2), undefined);
    });

    it('keeps a deleted journey\'s versions readable, and a journey put again under its name goes on from its last revision', async () => {
      const realm = unique('realm');
      await store.journeys.put(realm, sampleJourney('Login', 'first'));
      await store.journeys.put(realm, sampleJourney('Login', 'second'));
      assert.equal(await store.journeys.delete(realm, 'Login'), true);
      assert.equal(await store.journeys.current(realm, 'Login'), undefined);
      assert.deepEqual(await store.journeys.list(realm), []);
      assert.equal((await store.journeys.version(realm, 'Login', 2))?.definition.tree.description, 'second', 'a journey started before the delete can finish');
      assert.equal(await store.journeys.put(realm, sampleJourney('Login', 'second')), 3, 'never a number used before, even for the same definition');
      assert.deepEqual(await store.journeys.list(realm), ['Login']);
    });

    it('purges the versions replaced before the cutoff, never the current one nor the latest of a deleted journey', async () => {
      const realm = unique('realm');
      const deleted = unique('realm');
      await store.journeys.put(realm, sampleJourney('Login', 'one'));
      await store.journeys.put(deleted, sampleJourney('Gone', 'one'));
      clock.advance(MINUTE);
      await store.journeys.put(realm, sampleJourney('Login', 'two')); // replaces 1 at t+1
      await store.journeys.delete(deleted, 'Gone'); // replaces its 1 at t+1
      clock.advance(MINUTE);
      await store.journeys.put(realm, sampleJourney('Login', 'three')); // replaces 2 at t+2
      const replacedFirst = clock.now() - MINUTE; // t+1, when Login 1 and Gone 1 were replaced
      await store.journeys.purgeVersions(replacedFirst);
      assert.equal((await store.journeys.version(realm, 'Login', 1))?.definition.tree.description, 'one', 'replaced at the cutoff, not before: kept');
      assert.ok((await store.journeys.purgeVersions(replacedFirst + 1)) >= 1, 'revision 1 of Login was replaced before t+1 + 1 ms');
      assert.equal(await store.journeys.version(realm, 'Login', 1), undefined);
      assert.equal((await store.journeys.version(realm, 'Login', 2))?.definition.tree.description, 'two', 'replaced after the cutoff: kept');
      await store.journeys.purgeVersions(clock.now() + MINUTE);
      assert.equal(await store.journeys.version(realm, 'Login', 2), undefined);
      assert.deepEqual(await store.journeys.current(realm, 'Login'), { revision: 3, definition: sampleJourney('Login', 'three') });
      assert.equal((await store.journeys.version(deleted, 'Gone', 1))?.definition.tree.description, 'one', 'the latest version of a deleted journey stays');
      assert.equal(await store.journeys.put(deleted, sampleJourney('Gone', 'again')), 2);
    });

    it('writes no revision when the transaction it was put in rolls back', async () => {
      const realm = unique('realm');
      await store.journeys.put(realm, sampleJourney('Login', 'first'));
      await assert.rejects(
        store.transaction(async (tx) => {
          assert.equal(await tx.journeys.put(realm, sampleJourney('Login', 'second')), 2);
          throw new Error('rolled back');
        }),
        /rolled back/,
      );
      assert.deepEqual(await store.journeys.current(realm, 'Login'), { revision: 1, definition: sampleJourney('Login', 'first') });
      assert.equal(await store.journeys.version(realm, 'Login', 2), undefined);
      assert.equal(await store.journeys.put(realm, sampleJourney('Login', 'third')), 2);
    });

    it('gives concurrent writers of one name distinct revisions, every version readable', async () => {
      const realm = unique('realm');
      const revisions = await Promise.all(['a', 'b', 'c', 'd'].map((label) => store.journeys.put(realm, sampleJourney('Login', label))));
      assert.deepEqual([...revisions].sort((a, b) => a - b), [1, 2, 3, 4]);
      const current = await store.journeys.current(realm, 'Login');
      assert.equal(current?.revision, 4);
      for (const [index, revision] of revisions.entries()) {
        assert.equal((await store.journeys.version(realm, 'Login', revision))?.definition.tree.description, ['a', 'b', 'c', 'd'][index]);
      }
    });
  });
}
