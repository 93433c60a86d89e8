import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportJourneys } from './export-journeys.ts';
import { readJourneyFile } from './read-journey-file.ts';
import { loginJourney } from './testing/build-journey.ts';

describe('exportJourneys', () => {
  it('writes the Frodo multi-tree format, page children as innerNodes', () => {
    const journey = loginJourney('Login', { inner: 'Profile' });
    const exported = exportJourneys([journey, loginJourney('Profile')], { format: 'frodo', exportDate: new Date('2025-01-02T03:04:05.000Z'), origin: 'https://id.example' });
    assert.equal(exported.meta.exportTool, 'arbor');
    assert.equal(exported.meta.exportDate, '2025-01-02T03:04:05.000Z');
    assert.equal(exported.meta.origin, 'https://id.example');
    assert.match(exported.meta.exportToolVersion, /^\d+\.\d+\.\d+/);
    assert.deepEqual(Object.keys(exported.trees), ['Login', 'Profile']);
    const login = exported.trees.Login;
    assert.ok(login);
    assert.deepEqual(login.tree, journey.tree);
    assert.deepEqual(Object.keys(login.nodes).sort(), ['Login-decision', 'Login-inner', 'Login-page']);
    assert.deepEqual(Object.keys(login.innerNodes).sort(), ['Login-password', 'Login-user']);
    assert.deepEqual(
      { ...login, tree: undefined, nodes: undefined, innerNodes: undefined },
      { tree: undefined, nodes: undefined, innerNodes: undefined, scripts: {}, emailTemplates: {}, socialIdentityProviders: {}, themes: [], saml2Entities: {}, circlesOfTrust: {} },
    );
  });

  it('reads back what it writes, in both formats', () => {
    const journeys = [loginJourney('A', { inner: 'B' }), loginJourney('B')];
    const frodo = readJourneyFile(JSON.parse(JSON.stringify(exportJourneys(journeys, { format: 'frodo' }))), 'f.json');
    assert.equal(frodo.format, 'frodo-multi');
    assert.deepEqual(frodo.journeys, journeys);
    assert.deepEqual(frodo.ignored, []);
    const am = readJourneyFile(JSON.parse(JSON.stringify(exportJourneys(journeys, { format: 'am' }))), 'a.json');
    assert.equal(am.format, 'am-rest');
    assert.deepEqual(am.journeys, journeys);
  });

  it('writes one AM REST journey as {tree, nodes}, several as a list', () => {
    const journey = loginJourney('A');
    assert.deepEqual(exportJourneys([journey], { format: 'am' }), { tree: journey.tree, nodes: journey.nodes });
    assert.ok(Array.isArray(exportJourneys([journey, loginJourney('B')], { format: 'am' })));
  });

  it('hands out copies: changing the export leaves the definitions alone', () => {
    const journey = loginJourney('A');
    const before = structuredClone(journey);
    const exported = exportJourneys([journey], { format: 'frodo' });
    const tree = exported.trees.A?.tree;
    assert.ok(tree);
    tree._id = 'changed';
    assert.deepEqual(journey, before);
  });
});
