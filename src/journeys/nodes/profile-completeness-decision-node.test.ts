import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { profileCompleteness, profileCompletenessDecisionNode } from './profile-completeness-decision-node.ts';

const editable = { viewable: true, userEditable: true, type: 'string' };
const schema = {
  givenName: editable,
  sn: editable,
  city: editable,
  phones: { ...editable, type: 'array' },
  accountStatus: { viewable: true, userEditable: false, type: 'string' },
  password: { viewable: false, userEditable: true, type: 'string' },
};

// The default alpha_user shows its user 12 properties: userName, givenName, sn, mail, description,
// telephoneNumber, postalAddress, city, postalCode, country, stateProvince and preferences. Ann
// fills 6 of them (a blank `sn` does not count, nor do accountStatus and the password).
const ann = {
  _id: 'u1',
  attributes: { userName: 'ann', givenName: 'Ann', sn: ' ', mail: 'ann@example.com', telephoneNumber: '+32 2 555 01 01', city: 'Brussels', country: 'BE', accountStatus: 'active' },
  password: 'Secret12!',
};

async function decide(threshold: number, shared: Record<string, unknown> = { username: 'ann' }) {
  const t = await nodeTestServices({ users: [ann] });
  return (await runNode(profileCompletenessDecisionNode, { config: { threshold }, services: t.services, shared })).action;
}

describe('ProfileCompletenessDecisionNode', () => {
  it('counts only viewable, user-editable properties that hold a value', () => {
    assert.equal(profileCompleteness(schema, { userName: 'ann', givenName: 'Ann', sn: ' ', phones: ['1'], accountStatus: 'active', password: 'x' }), 50);
    assert.equal(profileCompleteness({}, {}), 100);
  });

  it('measures the user against the identity schema as configured (the default alpha_user here)', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const { properties } = await t.services.identity.schema('managed/alpha_user');
    assert.equal(profileCompleteness(properties, ann.attributes), 50);
  });

  it('is true when completeness is above the threshold', async () => {
    assert.deepEqual(await decide(49), goTo('true'));
  });

  it('is false at or below the threshold, or without a user', async () => {
    assert.deepEqual(await decide(50), goTo('false'));
    assert.deepEqual(await decide(0, {}), goTo('false'));
    assert.deepEqual(await decide(0, { username: 'nobody' }), goTo('false'));
  });

  it('runs the same on re-entry with no callbacks', async () => {
    const t = await nodeTestServices({ users: [ann] });
    const { action } = await runNode(profileCompletenessDecisionNode, { config: { threshold: 10 }, services: t.services, shared: { username: 'ann' }, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('requires a threshold between 0 and 100', async () => {
    for (const config of [{}, { threshold: 101 }, { threshold: -1 }, { threshold: '50' }]) {
      await assert.rejects(runNode(profileCompletenessDecisionNode, { config }), /threshold/);
    }
  });
});
