import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultManagedConfig } from '../../identity/default-user-schema.ts';
import { MANAGED_CONFIG_ID } from '../../identity/schema-for-type.ts';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { runNode } from '../engine/node-testing.ts';
import { requiredAttributesDecisionNode } from './required-attributes-decision-node.ts';

const config = { identityResource: 'managed/alpha_user' };
// IDM's default alpha_user requires userName, givenName, sn and mail.
const complete = { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'a@b.c' };

async function decide(shared: Record<string, unknown>, transient: Record<string, unknown> = {}) {
  const t = await nodeTestServices();
  return (await runNode(requiredAttributesDecisionNode, { config, services: t.services, shared: { objectAttributes: shared }, transient: { objectAttributes: transient } })).action;
}

describe('RequiredAttributesDecisionNode', () => {
  it('is true when shared and transient objectAttributes together hold every attribute the schema requires', async () => {
    assert.deepEqual(await decide(complete), goTo('true'));
    const { mail, ...rest } = complete;
    assert.deepEqual(await decide(rest, { mail, password: 'Secret12!' }), goTo('true'));
  });

  it('is false when one is missing, null or blank', async () => {
    for (const sn of [undefined, null, '']) {
      assert.deepEqual(await decide({ ...complete, sn }, { password: 'Secret12!' }), goTo('false'), `sn ${String(sn)}`);
    }
  });

  it('follows the schema as configured: one without required attributes is always satisfied, also on re-entry with no callbacks', async () => {
    const managed = defaultManagedConfig();
    for (const object of managed.objects) object.schema.required = [];
    const t = await nodeTestServices({ configs: { [MANAGED_CONFIG_ID]: managed } });
    const { action } = await runNode(requiredAttributesDecisionNode, { config, services: t.services, callbacks: [] });
    assert.deepEqual(action, goTo('true'));
  });

  it('refuses another identity resource than the journey', async () => {
    await assert.rejects(runNode(requiredAttributesDecisionNode, { config: { identityResource: 'managed/user' } }), /journey's identity resource/);
  });
});
