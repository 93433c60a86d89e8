import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemoryStore } from '../../store/memory/open-memory-store.ts';
import { countTransactions } from '../../store/memory/testing/count-transactions.ts';
import { interceptCalls } from '../../store/memory/testing/intercept-calls.ts';
import { storeWithJourneys } from '../../store/memory/testing/store-with-journeys.ts';
import { exportJourneys } from './export-journeys.ts';
import { importJourneys } from './import-journeys.ts';
import type { JourneyImportStore } from './journey-store.ts';
import type { JourneyFile } from './read-journey-batch.ts';
import { buildJourney, F, loginJourney, S } from './testing/build-journey.ts';
import { fakeRegistry } from './testing/fake-nodes.ts';

const file = (name: string, json: unknown): JourneyFile => ({ name, json });
const frodo = (...journeys: ReturnType<typeof loginJourney>[]) => JSON.parse(JSON.stringify(exportJourneys(journeys, { format: 'frodo' }))) as unknown;

/** Everything realm alpha holds, as text: to compare before and after. */
async function snapshot(store: MemoryStore): Promise<string> {
  const names = await store.journeys.list('alpha');
  return JSON.stringify(await Promise.all(names.map((name) => store.journeys.get('alpha', name))));
}

/** `store` whose transactions fail at their journey put after the first `allowed` ones, like a database going away. */
function crashingAfterPuts(store: MemoryStore, allowed: number): JourneyImportStore {
  let puts = 0;
  const crash = () => {
    puts += 1;
    if (puts > allowed) throw new Error('simulated crash during put');
  };
  return { journeys: store.journeys, configs: store.configs, transaction: (work) => store.transaction((tx) => work({ journeys: interceptCalls(tx.journeys, { put: crash }), configs: tx.configs })) };
}

describe('importJourneys', () => {
  it('imports trees of a batch in one transaction; they may run each other', async () => {
    const store = await storeWithJourneys();
    const counted = countTransactions(store);
    const report = await importJourneys({ store: counted.store, registry: fakeRegistry, realm: 'alpha', files: [file('a.json', frodo(loginJourney('A', { inner: 'B' }))), file('b.json', loginJourney('B'))] });
    assert.deepEqual(report.trees, [
      { name: 'A', file: 'a.json', status: 'imported', warnings: [] },
      { name: 'B', file: 'b.json', status: 'imported', warnings: [] },
    ]);
    assert.deepEqual([counted.commits(), counted.rollbacks()], [1, 0]);
    assert.deepEqual(await store.journeys.list('alpha'), ['A', 'B']);
    assert.deepEqual(await store.journeys.get('alpha', 'A'), loginJourney('A', { inner: 'B' }));
  });

  it('accepts an inner tree that already exists in the realm', async () => {
    const store = await storeWithJourneys([{ realm: 'alpha', journey: loginJourney('B') }]);
    const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('a.json', loginJourney('A', { inner: 'B' }))] });
    assert.equal(report.trees[0]?.status, 'imported');
    const elsewhere = await importJourneys({ store, registry: fakeRegistry, realm: 'bravo', files: [file('a.json', loginJourney('A', { inner: 'B' }))] });
    assert.equal(elsewhere.trees[0]?.status, 'refused');
  });

  it('refuses a tree with every problem and leaves the repository unchanged', async () => {
    const store = await storeWithJourneys([{ realm: 'alpha', journey: loginJourney('Keep') }]);
    const counted = countTransactions(store);
    const before = await snapshot(store);
    const broken = buildJourney('Broken', 'x', {
      x: { type: 'FancyNode', connections: { outcome: 'd' } },
      d: { type: 'DecisionNode', connections: { true: S } },
      lost: { type: 'UsernameNode', connections: { outcome: F } },
    });
    const report = await importJourneys({ store: counted.store, registry: fakeRegistry, realm: 'alpha', files: [file('broken.json', broken)] });
    const [result] = report.trees;
    assert.equal(result?.status, 'refused');
    assert.deepEqual(result.status === 'refused' ? result.problems.map((p) => p.code) : [], ['NODE_TYPE_UNSUPPORTED', 'OUTCOME_NOT_WIRED', 'NODE_UNREACHABLE']);
    assert.equal(await snapshot(store), before);
    assert.equal(counted.commits() + counted.rollbacks(), 0);
  });

  it('imports a tree AM would run despite an unconnected outcome or an unreachable node, with warnings', async () => {
    const store = await storeWithJourneys();
    const loose = buildJourney('Loose', 'd', {
      d: { type: 'DecisionNode', connections: { true: S } },
      lost: { type: 'UsernameNode', connections: { outcome: F } },
    });
    const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('loose.json', loose)] });
    const [result] = report.trees;
    assert.equal(result?.status, 'imported');
    assert.deepEqual(result.status === 'imported' ? result.warnings.map((p) => [p.code, p.severity]) : [], [
      ['OUTCOME_NOT_WIRED', 'warning'],
      ['NODE_UNREACHABLE', 'warning'],
    ]);
    assert.deepEqual(await store.journeys.list('alpha'), ['Loose']);
  });

  it('refuses a tree whose inner tree is refused, saying why, and imports the rest', async () => {
    const store = await storeWithJourneys();
    const badInner = buildJourney('Inner', 'x', { x: { type: 'FancyNode', connections: { outcome: S } } });
    const files = [file('outer.json', frodo(loginJourney('Outer', { inner: 'Middle' }), loginJourney('Middle', { inner: 'Inner' }))), file('inner.json', badInner), file('ok.json', loginJourney('Ok'))];
    const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files });
    const problems = Object.fromEntries(report.trees.map((t) => [t.name, t.status === 'refused' ? t.problems.map((p) => p.message) : 'imported']));
    assert.deepEqual(problems, {
      Outer: ["node Outer-inner 'InnerTreeEvaluatorNode Outer-inner' (InnerTreeEvaluatorNode) runs inner tree 'Middle', which this import refuses"],
      Middle: ["node Middle-inner 'InnerTreeEvaluatorNode Middle-inner' (InnerTreeEvaluatorNode) runs inner tree 'Inner', which this import refuses"],
      Inner: ["node type FancyNode is not supported yet (node x 'FancyNode x')"],
      Ok: 'imported',
    });
    assert.deepEqual(await store.journeys.list('alpha'), ['Ok']);
  });

  it('with allOrNothing writes no tree when one of the batch is refused', async () => {
    const store = await storeWithJourneys([{ realm: 'alpha', journey: loginJourney('Keep') }]);
    const before = await snapshot(store);
    const badInner = buildJourney('Inner', 'x', { x: { type: 'FancyNode', connections: { outcome: S } } });
    const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('ok.json', loginJourney('Ok')), file('inner.json', badInner)], allOrNothing: true });
    assert.deepEqual(report.trees.map((tree) => tree.status), ['imported', 'refused']);
    assert.equal(await snapshot(store), before, 'Ok, valid on its own, is not written either');
  });

  it('writes what `alongside` writes in the same transaction, and a throw there leaves the realm as it was', async () => {
    const store = await storeWithJourneys([{ realm: 'alpha', journey: loginJourney('Keep') }]);
    const before = await snapshot(store);
    await assert.rejects(
      importJourneys({
        store,
        registry: fakeRegistry,
        realm: 'alpha',
        files: [file('ok.json', loginJourney('Ok'))],
        alongside: async (tx) => {
          await tx.configs.put('alpha/extra', { written: true });
          throw new Error('refused late');
        },
      }),
      /refused late/,
    );
    assert.equal(await snapshot(store), before);
    assert.equal(await store.configs.get('alpha/extra'), undefined);
    await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('ok.json', loginJourney('Ok'))], alongside: (tx) => tx.configs.put('alpha/extra', { written: true }) });
    assert.deepEqual(await store.journeys.list('alpha'), ['Keep', 'Ok']);
    assert.deepEqual(await store.configs.get('alpha/extra'), { written: true });
  });

  it('refuses recursion across the batch and duplicate tree names', async () => {
    const store = await storeWithJourneys();
    const recursion = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('a.json', loginJourney('A', { inner: 'B' })), file('b.json', loginJourney('B', { inner: 'A' }))] });
    for (const tree of recursion.trees) assert.deepEqual(tree.status === 'refused' ? tree.problems.map((p) => p.code) : [], ['INNER_TREE_RECURSION', 'INNER_TREE_REFUSED']);
    const duplicate = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('1.json', loginJourney('A')), file('2.json', loginJourney('A'))] });
    assert.deepEqual(duplicate.trees.map((t) => (t.status === 'refused' ? t.problems.map((p) => p.message) : [])), [
      ["tree 'A' is in this import 2 times (1.json, 2.json)"],
      ["tree 'A' is in this import 2 times (1.json, 2.json)"],
    ]);
    assert.deepEqual(await store.journeys.list('alpha'), []);
  });

  it('imports nothing when a file cannot be read, and reports typed errors naming it', async () => {
    const store = await storeWithJourneys();
    const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('good.json', loginJourney('A')), file('mail.json', { subject: 'x' }), file('odd.json', { tree: 5, nodes: {} })] });
    assert.deepEqual(report.fileErrors.map((e) => [e.code, e.file]), [['JOURNEY_FILE_UNRECOGNISED', 'mail.json'], ['JOURNEY_FILE_INVALID', 'odd.json']]);
    assert.deepEqual(report.trees, []);
    assert.deepEqual(await store.journeys.list('alpha'), []);
  });

  it('never throws for garbage input', async () => {
    const store = await storeWithJourneys();
    const garbage: unknown[] = [null, 3, 'text', [], [1], { tree: {} }, { trees: { A: 1 } }, { trees: { A: { tree: { _id: 'A', entryNodeId: 'x', nodes: { x: null } } } } }, { metadata: {}, data: 1 }, { tree: { metadata: { entityType: 'AuthTree' }, data: null } }];
    for (const json of garbage) {
      const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('g.json', json)] });
      assert.equal(report.fileErrors.length, 1, JSON.stringify(json));
    }
  });

  it('writes nothing when the store fails in the middle of the transaction', async () => {
    const store = await storeWithJourneys([{ realm: 'alpha', journey: loginJourney('Keep') }]);
    const before = await snapshot(store);
    await assert.rejects(importJourneys({ store: crashingAfterPuts(store, 1), registry: fakeRegistry, realm: 'alpha', files: [file('two.json', [loginJourney('A'), loginJourney('B')])] }), /simulated crash/);
    assert.equal(await snapshot(store), before);
    assert.deepEqual(await store.journeys.list('alpha'), ['Keep']);
  });
});
