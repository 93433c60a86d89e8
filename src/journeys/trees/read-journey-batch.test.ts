import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readJourneyBatch } from './read-journey-batch.ts';
import type { JourneyFile } from './read-journey-batch.ts';
import { loginJourney } from './testing/build-journey.ts';

/** The journey split into one Amster entity file per tree and node, `_type` left out of the nodes. */
function amsterFiles(name: string): JourneyFile[] {
  const journey = loginJourney(name);
  const files: JourneyFile[] = [{ name: `AuthTree/${name}.json`, json: { metadata: { entityType: 'AuthTree', entityId: name }, data: journey.tree } }];
  for (const [id, node] of Object.entries(journey.nodes)) {
    const { _type, ...data } = node;
    files.push({ name: `${_type._id}/${id}.json`, json: { metadata: { entityType: _type._id, entityId: id }, data } });
  }
  return files;
}

describe('readJourneyBatch', () => {
  it('joins Amster entity files into journeys and records the rebuilt _type', () => {
    const batch = readJourneyBatch([...amsterFiles('A'), ...amsterFiles('B')]);
    assert.deepEqual(batch.errors, []);
    assert.deepEqual(batch.ignored, []);
    assert.deepEqual(batch.journeys.map((j) => [j.file, j.definition.tree._id]), [['AuthTree/A.json', 'A'], ['AuthTree/B.json', 'B']]);
    const expected = loginJourney('A');
    for (const node of Object.values(expected.nodes)) node._type = { _id: node._type._id };
    assert.deepEqual(batch.journeys[0]?.definition, expected);
    assert.equal(batch.reconstructedTypes.length, 8);
    assert.deepEqual(batch.reconstructedTypes.find((r) => r.nodeId === 'A-user'), { file: 'AuthTree/A.json', tree: 'A', nodeId: 'A-user', nodeType: 'UsernameNode' });
  });

  it('joins a bare AM REST tree with node objects of other files, and lists unused nodes', () => {
    const journey = loginJourney('A');
    const files: JourneyFile[] = [
      { name: 'tree.json', json: { ...journey.tree, _rev: '3' } },
      ...Object.values(journey.nodes).map((node) => ({ name: `${node._id}.json`, json: node })),
      { name: 'extra.json', json: { _id: 'extra', _type: { _id: 'DecisionNode' } } },
    ];
    const batch = readJourneyBatch(files);
    assert.deepEqual(batch.journeys.map((j) => j.definition), [journey]);
    assert.deepEqual(batch.reconstructedTypes, []);
    assert.deepEqual(batch.ignored, [{ file: 'extra.json', kind: 'unusedNode', name: 'extra' }]);
  });

  it('leaves out node objects no file holds (validation reports them)', () => {
    const batch = readJourneyBatch(amsterFiles('A').filter((file) => !file.name.includes('A-decision')));
    assert.equal(batch.journeys[0]?.definition.nodes['A-decision'], undefined);
    assert.equal(Object.keys(batch.journeys[0]?.definition.nodes ?? {}).length, 3);
  });

  it('collects file errors instead of throwing, and reads the other files', () => {
    const batch = readJourneyBatch([
      { name: 'bad.json', json: { hello: 'world' } },
      { name: 'good.json', json: loginJourney('A') },
      { name: 'worse.json', json: null },
    ]);
    assert.deepEqual(batch.errors.map((e) => [e.code, e.file]), [['JOURNEY_FILE_UNRECOGNISED', 'bad.json'], ['JOURNEY_FILE_UNRECOGNISED', 'worse.json']]);
    assert.deepEqual(batch.journeys.map((j) => j.definition.tree._id), ['A']);
  });

  it('refuses the same node id with different content in two files', () => {
    const batch = readJourneyBatch([
      { name: 'one.json', json: { _id: 'n', _type: { _id: 'UsernameNode' }, attribute: 'mail' } },
      { name: 'two.json', json: { _id: 'n', _type: { _id: 'UsernameNode' }, attribute: 'userName' } },
    ]);
    assert.equal(batch.errors[0]?.code, 'JOURNEY_FILE_INVALID');
    assert.match(batch.errors[0]?.message ?? '', /^two\.json: node n is also in one\.json with different content$/);
  });
});
