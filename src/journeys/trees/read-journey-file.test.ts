import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isJourneyFileError } from './errors.ts';
import type { JourneyFileErrorCode } from './errors.ts';
import { parseJourneyJson, readJourneyFile } from './read-journey-file.ts';
import { F, loginJourney } from './testing/build-journey.ts';

function expectFileError(work: () => unknown, code: JourneyFileErrorCode, pattern: RegExp): void {
  assert.throws(work, (error: unknown) => {
    assert.ok(isJourneyFileError(error), `not a journey file error: ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('readJourneyFile', () => {
  it('reads AM REST {tree, nodes}, dropping _rev and keeping every other field', () => {
    const journey = loginJourney('Login');
    const json = structuredClone({ tree: { ...journey.tree, _rev: '12', mustRun: false, uiConfig: { categories: '["A"]' } }, nodes: journey.nodes });
    const page = json.nodes['Login-page'];
    assert.ok(page);
    Object.assign(page, { _rev: '-9', _outcomes: [{ id: 'outcome', displayName: 'Outcome' }], stage: 'one' });
    const content = readJourneyFile(json, 'login.json');
    assert.equal(content.format, 'am-rest');
    const [read] = content.journeys;
    assert.ok(read);
    assert.equal(read.tree._rev, undefined);
    assert.equal(read.tree.mustRun, false);
    assert.deepEqual(read.tree.uiConfig, { categories: '["A"]' });
    assert.equal(read.nodes['Login-page']?._rev, undefined);
    assert.deepEqual(read.nodes['Login-page']?._outcomes, [{ id: 'outcome', displayName: 'Outcome' }]);
    assert.equal(read.nodes['Login-page']?.stage, 'one');
    assert.deepEqual(Object.keys(read.nodes).sort(), Object.keys(journey.nodes).sort());
  });

  it('reads a list of AM REST journeys', () => {
    const content = readJourneyFile([loginJourney('A'), loginJourney('B')], 'two.json');
    assert.deepEqual(content.journeys.map((j) => j.tree._id), ['A', 'B']);
  });

  it('reads Frodo single-tree exports, collects their scripts and lists what it ignores', () => {
    const journey = loginJourney('Login');
    const { 'Login-user': user, 'Login-password': password, ...direct } = journey.nodes;
    const json = {
      meta: { exportTool: 'frodo' },
      tree: journey.tree,
      nodes: direct,
      innerNodes: { 'Login-user': user, 'Login-password': password },
      scripts: { 'a-b': { _id: 'a-b', name: 'Normalise' } },
      emailTemplates: { welcome: { _id: 'emailTemplate/welcome' } },
      themes: [{ _id: 't1', name: 'Dark' }],
      socialIdentityProviders: {},
      saml2Entities: {},
      circlesOfTrust: {},
    };
    const content = readJourneyFile(json, 'login.journey.json');
    assert.equal(content.format, 'frodo-single');
    assert.deepEqual(content.journeys, [journey]);
    assert.deepEqual(content.scripts, [{ file: 'login.journey.json', id: 'a-b', json: { _id: 'a-b', name: 'Normalise' }, tree: 'Login' }]);
    assert.deepEqual(content.ignored, [
      { file: 'login.journey.json', kind: 'emailTemplate', name: 'welcome', tree: 'Login' },
      { file: 'login.journey.json', kind: 'theme', name: 'Dark', tree: 'Login' },
    ]);
  });

  it('reads Frodo multi-tree and platform admin exports', () => {
    const entry = (name: string) => ({ tree: loginJourney(name).tree, nodes: loginJourney(name).nodes, innerNodes: {} });
    const frodo = readJourneyFile({ trees: { A: entry('A'), B: entry('B') } }, 'f.json');
    assert.equal(frodo.format, 'frodo-multi');
    assert.deepEqual(frodo.journeys, [loginJourney('A'), loginJourney('B')]);
    const admin = readJourneyFile({ meta: { exportTool: 'platform-admin ui tree export', treesSelectedForExport: ['A'] }, trees: { A: entry('A') } }, 'p.json');
    assert.equal(admin.format, 'platform-admin');
    assert.deepEqual(admin.journeys, [loginJourney('A')]);
    expectFileError(() => readJourneyFile({ trees: { X: entry('A') } }, 'f.json'), 'JOURNEY_FILE_INVALID', /^f\.json: trees\['X'\] holds tree 'A'/);
  });

  it('reads grouped Amster entities and rebuilds a missing _type from the tree and page', () => {
    const journey = loginJourney('Login');
    const entity = (entityType: string, data: unknown) => ({ metadata: { realm: '/', entityType, entityId: 'x', pathParams: {} }, data });
    const nodes = Object.fromEntries(
      Object.entries(journey.nodes).map(([id, node]) => {
        const { _type, ...data } = node;
        return [id, entity(_type._id, id === 'Login-decision' ? node : data)];
      }),
    );
    const content = readJourneyFile({ _provenance: { repository: 'x' }, tree: entity('AuthTree', journey.tree), nodes }, 'grouped.json');
    assert.equal(content.format, 'amster-grouped');
    assert.deepEqual(content.journeys[0]?.nodes['Login-user']?._type, { _id: 'UsernameNode' });
    assert.deepEqual(content.journeys[0]?.nodes['Login-page']?._type, { _id: 'PageNode' });
    assert.deepEqual(content.journeys[0]?.nodes['Login-decision']?._type, journey.nodes['Login-decision']?._type);
    assert.deepEqual(content.reconstructedTypes.map((r) => `${r.tree}/${r.nodeId}=${r.nodeType}`).sort(), [
      'Login/Login-page=PageNode',
      'Login/Login-password=PasswordNode',
      'Login/Login-user=UsernameNode',
    ]);
    assert.deepEqual(content.ignored, []);
  });

  it('lists node objects the tree does not use as ignored', () => {
    const journey = loginJourney('Login');
    const content = readJourneyFile({ tree: journey.tree, nodes: { ...journey.nodes, old: { _id: 'old', _type: { _id: 'DecisionNode' } } } }, 'a.json');
    assert.equal(content.journeys[0]?.nodes.old, undefined);
    assert.deepEqual(content.ignored, [{ file: 'a.json', kind: 'unusedNode', name: 'old', tree: 'Login' }]);
  });

  it('reads single entities and bare objects as pieces to join', () => {
    const tree = readJourneyFile({ metadata: { entityType: 'AuthTree', entityId: 'Login' }, data: loginJourney('Login').tree }, 't.json');
    assert.equal(tree.looseTrees[0]?._id, 'Login');
    const node = readJourneyFile({ metadata: { entityType: 'PlatformUsername', entityId: 'u' }, data: { _id: 'u', usernameAttribute: 'userName' } }, 'n.json');
    assert.deepEqual(node.looseNodes, [{ _id: 'u', usernameAttribute: 'userName' }]);
    const other = readJourneyFile({ metadata: { entityType: 'selfServiceTrees', entityId: 'default' }, data: { _id: 'default', _type: { _id: 'selfServiceTrees', collection: false } } }, 's.json');
    assert.deepEqual(other.ignored, [{ file: 's.json', kind: 'amster:selfServiceTrees', name: 'default' }]);
    assert.equal(readJourneyFile(loginJourney('Login').tree, 'bare.json').format, 'am-rest-tree');
    assert.equal(readJourneyFile({ _id: 'u', _rev: '1', _type: { _id: 'UsernameNode' } }, 'node.json').looseNodes[0]?._rev, undefined);
  });

  it('fails with a typed error naming the file and what it expected', () => {
    expectFileError(() => readJourneyFile({ subject: { en: 'Hi' }, enabled: true }, 'emailTemplate-welcome.json'), 'JOURNEY_FILE_UNRECOGNISED', /^emailTemplate-welcome\.json: not a journey export: expected .*Frodo.*; found an object with keys subject, enabled$/);
    expectFileError(() => readJourneyFile(42, 'n.json'), 'JOURNEY_FILE_UNRECOGNISED', /found a number \(42\)$/);
    expectFileError(() => readJourneyFile([], 'empty.json'), 'JOURNEY_FILE_UNRECOGNISED', /found a list$/);
    expectFileError(() => parseJourneyJson('{"tree": ', 'broken.json'), 'JOURNEY_FILE_NOT_JSON', /^broken\.json: not valid JSON: /);
    expectFileError(
      () => readJourneyFile({ metadata: { entityType: 'authenticationTreesService' }, data: {} }, 'login.json'),
      'JOURNEY_FORMAT_UNSUPPORTED',
      /file-based config/,
    );
  });

  it('fails on malformed trees and nodes, naming tree, node and field', () => {
    const journey = loginJourney('Login');
    const badTarget = structuredClone(journey);
    (badTarget.tree.nodes['Login-decision'] as { connections: unknown }).connections = { true: 7, false: F };
    expectFileError(() => readJourneyFile(badTarget, 'x.json'), 'JOURNEY_FILE_INVALID', /^x\.json: tree 'Login', node Login-decision: connection 'true' must be a node id, found a number \(7\)$/);
    expectFileError(() => readJourneyFile({ tree: { ...journey.tree, _id: '' }, nodes: {} }, 'x.json'), 'JOURNEY_FILE_INVALID', /tree: _id must be the tree name/);
    expectFileError(() => readJourneyFile({ tree: { ...journey.tree, entryNodeId: undefined }, nodes: {} }, 'x.json'), 'JOURNEY_FILE_INVALID', /tree 'Login': entryNodeId must be a node id/);
    expectFileError(() => readJourneyFile({ tree: journey.tree, nodes: { a: { _id: 'b', _type: { _id: 'X' } } } }, 'x.json'), 'JOURNEY_FILE_INVALID', /nodes\['a'\]: _id 'b' does not match its key/);
    expectFileError(() => readJourneyFile({ tree: journey.tree, nodes: { a: { _id: 'a', _type: 'X' } } }, 'x.json'), 'JOURNEY_FILE_INVALID', /_type must be \{_id: <node type>, …\}/);
    expectFileError(() => readJourneyFile({ tree: { ...journey.tree, enabled: 'yes' }, nodes: {} }, 'x.json'), 'JOURNEY_FILE_INVALID', /tree 'Login': enabled must be a boolean/);
    const entryWithoutType = structuredClone(journey);
    (entryWithoutType.tree.nodes['Login-page'] as { nodeType: unknown }).nodeType = undefined;
    expectFileError(() => readJourneyFile(entryWithoutType, 'x.json'), 'JOURNEY_FILE_INVALID', /node Login-page: nodeType must be a non-empty string/);
  });
});
