import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { fakeServices, runNode } from '../engine/node-testing.ts';
import { requiredAttributesDecisionNode } from './required-attributes-decision-node.ts';

const config = { identityResource: 'managed/alpha_user' };
const services = () => fakeServices({ required: ['userName', 'mail', 'password'] });

describe('RequiredAttributesDecisionNode', () => {
  it('is true when shared and transient objectAttributes hold every required attribute', async () => {
    const { action } = await runNode(requiredAttributesDecisionNode, { config, services: services(), shared: { objectAttributes: { userName: 'ann', mail: 'a@b.c' } }, transient: { objectAttributes: { password: 'x' } } });
    assert.deepEqual(action, goTo('true'));
  });

  it('is false when one is missing, null or blank', async () => {
    for (const mail of [undefined, null, '']) {
      const { action } = await runNode(requiredAttributesDecisionNode, { config, services: services(), shared: { objectAttributes: { userName: 'ann', mail } }, transient: { objectAttributes: { password: 'x' } } });
      assert.deepEqual(action, goTo('false'));
    }
  });

  it('runs the same on re-entry with no callbacks; a schema without required attributes is always satisfied', async () => {
    const { action } = await runNode(requiredAttributesDecisionNode, { config, services: fakeServices(), callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('refuses another identity resource than the journey', async () => {
    await assert.rejects(runNode(requiredAttributesDecisionNode, { config: { identityResource: 'managed/user' } }), /journey's identity resource/);
  });
});
