import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../engine/actions.ts';
import { textOutputCallback } from '../engine/callback-builders.ts';
import { fakeServices, runNode, sentCallbacks, submit } from '../engine/node-testing.ts';
import { displayUserNameNode, usernameMessage } from './display-user-name-node.ts';

const users = [{ _id: 'u1', attributes: { userName: 'ann', mail: 'ann@example.com', nickname: 7 } }];

describe('DisplayUserNameNode', () => {
  it('shows the username found by mail in an information message', async () => {
    const fakes = fakeServices({ users });
    const { action } = await runNode(displayUserNameNode, { services: fakes, shared: { objectAttributes: { mail: 'ann@example.com' } } });
    assert.deepEqual(sentCallbacks(action), [textOutputCallback('Your username is: ann', '0')]);
    assert.deepEqual(fakes.calls, ['findUser:mail:ann@example.com']);
  });

  it('takes the name from objectAttributes without a lookup', async () => {
    const fakes = fakeServices({ users });
    const { action } = await runNode(displayUserNameNode, { services: fakes, shared: { objectAttributes: { userName: 'bob' } } });
    assert.deepEqual(sentCallbacks(action), [textOutputCallback(usernameMessage('bob'), '0')]);
    assert.deepEqual(fakes.calls, []);
  });

  it('goes to outcome once the step comes back, even without values', async () => {
    for (const callbacks of [[], submit([textOutputCallback('Your username is: ann', '0')], [])]) {
      const { action } = await runNode(displayUserNameNode, { services: fakeServices({ users }), shared: { objectAttributes: { mail: 'ann@example.com' } }, callbacks });
      assert.deepEqual(action, goTo('outcome'));
    }
  });

  it('shows nothing and goes on when no user or no string name is found', async () => {
    for (const [config, shared] of [[{}, { objectAttributes: { mail: 'bob@example.com' } }], [{ userName: 'nickname' }, { objectAttributes: { mail: 'ann@example.com' } }]] as const) {
      const { action } = await runNode(displayUserNameNode, { config, services: fakeServices({ users }), shared });
      assert.deepEqual(action, goTo('outcome'));
    }
    await assert.rejects(runNode(displayUserNameNode, { config: { userName: '' } }), /userName/);
  });
});
