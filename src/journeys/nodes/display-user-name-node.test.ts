import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { goTo } from '../engine/actions.ts';
import { textOutputCallback } from '../engine/callback-builders.ts';
import { runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { displayUserNameNode, usernameMessage } from './display-user-name-node.ts';

const users = [{ _id: 'u1', attributes: { userName: 'ann', givenName: 'Ann', sn: 'Lee', mail: 'ann@example.com', nickname: 7 } }];

describe('DisplayUserNameNode', () => {
  it('shows the username found by mail in an information message', async () => {
    const t = await nodeTestServices({ users });
    const { action } = await runNode(displayUserNameNode, { services: t.services, shared: { objectAttributes: { mail: 'ann@example.com' } } });
    assert.deepEqual(sentCallbacks(action), [textOutputCallback('Your username is: ann', '0')]);
    assert.deepEqual(t.callNames(), ['identity.findUser']);
    assert.deepEqual(t.calls[0]?.args, ['managed/alpha_user', 'mail', 'ann@example.com']);
  });

  it('takes the name from objectAttributes without a lookup', async () => {
    const t = await nodeTestServices({ users });
    const { action } = await runNode(displayUserNameNode, { services: t.services, shared: { objectAttributes: { userName: 'bob' } } });
    assert.deepEqual(sentCallbacks(action), [textOutputCallback(usernameMessage('bob'), '0')]);
    assert.deepEqual(t.callNames(), []);
  });

  it('goes to outcome once the step comes back, even without values', async () => {
    for (const callbacks of [[], submit([textOutputCallback('Your username is: ann', '0')], [])]) {
      const { action } = await runNode(displayUserNameNode, { services: (await nodeTestServices({ users })).services, shared: { objectAttributes: { mail: 'ann@example.com' } }, callbacks });
      assert.deepEqual(action, goTo('outcome'));
    }
  });

  it('shows nothing and goes on when no user or no string name is found', async () => {
    for (const [config, shared] of [[{}, { objectAttributes: { mail: 'bob@example.com' } }], [{ userName: 'nickname' }, { objectAttributes: { mail: 'ann@example.com' } }]] as const) {
      const { action } = await runNode(displayUserNameNode, { config, services: (await nodeTestServices({ users })).services, shared });
      assert.deepEqual(action, goTo('outcome'));
    }
    await assert.rejects(runNode(displayUserNameNode, { config: { userName: '' } }), /userName/);
  });
});
