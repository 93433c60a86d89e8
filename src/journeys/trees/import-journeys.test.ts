import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJourneys } from './export-journeys.ts';
import { importJourneys } from './import-journeys.ts';
import type { JourneyFile } from './read-journey-batch.ts';
import { buildJourney, F, loginJourney, S } from './testing/build-journey.ts';
import { fakeRegistry } from './testing/fake-nodes.ts';
import { createMemoryJourneyStore } from './testing/memory-journey-store.ts';

const file = (name: string, json: unknown): JourneyFile => ({ name, json });
const frodo = (...journeys: ReturnType<typeof loginJourney>[]) => JSON.parse(JSON.stringify(exportJourneys(journeys, { format: 'frodo' }))) as unknown;

describe('importJourneys', () => {
  it('imports trees of a batch in one transaction; they may run each other', async () => {
    const store = createMemoryJourneyStore();
    const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('a.json', frodo(loginJourney('A', { inner: 'B' }))), file('b.json', loginJourney('B'))] });
    assert.deepEqual(report.trees, [
      { name: 'A', file: 'a.json', status: 'imported', warnings: [] },
      { name: 'B', file: 'b.json', status: 'imported', warnings: [] },
    ]);
    assert.equal(store.transactions, 1);
    assert.deepEqual(await store.journeys.list('alpha'), ['A', 'B']);
    assert.deepEqual(await store.journeys.get('alpha', 'A'), loginJourney('A', { inner: 'B' }));
  });

  it('accepts an inner tree that already exists in the realm', async () => {
    const store = createMemoryJourneyStore([{ realm: 'alpha', journey: loginJourney('B') }]);
    const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('a.json', loginJourney('A', { inner: 'B' }))] });
    assert.equal(report.trees[0]?.status, 'imported');
    const elsewhere = await importJourneys({ store, registry: fakeRegistry, realm: 'bravo', files: [file('a.json', loginJourney('A', { inner: 'B' }))] });
    assert.equal(elsewhere.trees[0]?.status, 'refused');
  });

  it('refuses a tree with every problem and leaves the repository unchanged', async () => {
    const store = createMemoryJourneyStore([{ realm: 'alpha', journey: loginJourney('Keep') }]);
    const before = store.snapshot();
    const broken = buildJourney('Broken', 'x', {
      x: { type: 'FancyNode', connections: { outcome: 'd' } },
      d: { type: 'DecisionNode', connections: { true: S } },
      lost: { type: 'UsernameNode', connections: { outcome: F } },
    });
    const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('broken.json', broken)] });
    const [result] = report.trees;
    assert.equal(result?.status, 'refused');
    assert.deepEqual(result.status === 'refused' ? result.problems.map((p) => p.code) : [], ['NODE_TYPE_UNSUPPORTED', 'OUTCOME_NOT_WIRED', 'NODE_UNREACHABLE']);
    assert.equal(store.snapshot(), before);
    assert.equal(store.transactions, 0);
  });

  it('imports a tree AM would run despite an unconnected outcome or an unreachable node, with warnings', async () => {
    const store = createMemoryJourneyStore();
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
    const store = createMemoryJourneyStore();
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

  it('refuses recursion across the batch and duplicate tree names', async () => {
    const store = createMemoryJourneyStore();
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
    const store = createMemoryJourneyStore();
    const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('good.json', loginJourney('A')), file('mail.json', { subject: 'x' }), file('odd.json', { tree: 5, nodes: {} })] });
    assert.deepEqual(report.fileErrors.map((e) => [e.code, e.file]), [['JOURNEY_FILE_UNRECOGNISED', 'mail.json'], ['JOURNEY_FILE_INVALID', 'odd.json']]);
    assert.deepEqual(report.trees, []);
    assert.deepEqual(await store.journeys.list('alpha'), []);
  });

  it('never throws for garbage input', async () => {
    const store = createMemoryJourneyStore();
    const garbage: unknown[] = [null, 3, 'text', [], [1], { tree: {} }, { trees: { A: 1 } }, { trees: { A: { tree: { _id: 'A', entryNodeId: 'x', nodes: { x: null } } } } }, { metadata: {}, data: 1 }, { tree: { metadata: { entityType: 'AuthTree' }, data: null } }];
    for (const json of garbage) {
      const report = await importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('g.json', json)] });
      assert.equal(report.fileErrors.length, 1, JSON.stringify(json));
    }
  });

  it('writes nothing when the store fails in the middle of the transaction', async () => {
    const store = createMemoryJourneyStore([{ realm: 'alpha', journey: loginJourney('Keep') }]);
    const before = store.snapshot();
    store.crashAfterPuts = 1;
    await assert.rejects(importJourneys({ store, registry: fakeRegistry, realm: 'alpha', files: [file('two.json', [loginJourney('A'), loginJourney('B')])] }), /simulated crash/);
    assert.equal(store.snapshot(), before);
  });
});
