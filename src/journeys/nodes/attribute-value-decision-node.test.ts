import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { attributeValueDecisionNode } from './attribute-value-decision-node.ts';

const users = [{ _id: 'u1', attributes: { userName: 'ann', country: 'BE', age: 42, preferences: { marketing: true }, groups: ['a', 'b'] } }];

async function decide(config: Record<string, unknown>, shared: Record<string, unknown> = { username: 'ann' }) {
  return (await runNode(attributeValueDecisionNode, { config, services: (await nodeTestServices({ users })).services, shared })).action;
}

describe('AttributeValueDecisionNode', () => {
  it('is true when the value equals, read as the stored type, or is present', async () => {
    assert.deepEqual(await decide({ comparisonAttribute: 'country', comparisonValue: 'BE' }), goTo('true'));
    assert.deepEqual(await decide({ comparisonAttribute: 'age', comparisonValue: ' 42 ' }), goTo('true'));
    assert.deepEqual(await decide({ comparisonAttribute: 'preferences/marketing', comparisonValue: 'TRUE' }), goTo('true'));
    assert.deepEqual(await decide({ comparisonAttribute: 'groups', comparisonValue: 'b' }), goTo('true'));
    assert.deepEqual(await decide({ comparisonAttribute: 'country', comparisonOperation: 'PRESENT' }), goTo('true'));
    assert.deepEqual(await decide({ comparisonAttribute: 'mail' }), goTo('true'), 'no value to compare equals a missing attribute');
  });

  it('is false when the value differs, is missing, or there is no user', async () => {
    assert.deepEqual(await decide({ comparisonAttribute: 'country', comparisonValue: 'be' }), goTo('false'));
    assert.deepEqual(await decide({ comparisonAttribute: 'age', comparisonValue: '' }), goTo('false'));
    assert.deepEqual(await decide({ comparisonAttribute: 'preferences/marketing', comparisonValue: 'no' }), goTo('false'));
    assert.deepEqual(await decide({ comparisonAttribute: 'mail', comparisonOperation: 'PRESENT' }), goTo('false'));
    assert.deepEqual(await decide({ comparisonAttribute: 'country', comparisonValue: 'BE' }, {}), goTo('false'));
  });

  it('runs the same on re-entry with no callbacks', async () => {
    const { action } = await runNode(attributeValueDecisionNode, { config: { comparisonAttribute: 'country', comparisonValue: 'BE' }, services: (await nodeTestServices({ users })).services, shared: { username: 'ann' }, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('refuses a config without attribute or with an unknown operation', async () => {
    await assert.rejects(runNode(attributeValueDecisionNode, { config: {} }), /comparisonAttribute/);
    await assert.rejects(runNode(attributeValueDecisionNode, { config: { comparisonAttribute: 'x', comparisonOperation: 'CONTAINS' } }), /comparisonOperation/);
  });
});
