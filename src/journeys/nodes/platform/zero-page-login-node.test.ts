import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { zeroPageLoginNode } from './zero-page-login-node.ts';

describe('ZeroPageLoginNode', () => {
  it('goes to true with the X-OpenAM headers: username to shared, password to transient', async () => {
    const { action, state } = await runNode(zeroPageLoginNode, { request: { zeroPageLogin: () => ({ username: 'bob', password: 'Secret12!' }) } });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual(state.shared, { username: 'bob' });
    assert.deepEqual(state.transient, { password: 'Secret12!' });
  });

  it('goes to true with only one of the two headers, as AM does', async () => {
    const { action, state } = await runNode(zeroPageLoginNode, { request: { zeroPageLogin: () => ({ username: 'bob' }) } });
    assert.deepEqual(action, goTo('true'));
    assert.deepEqual([state.shared, state.transient], [{ username: 'bob' }, {}]);
  });

  it('goes to false without the headers, leaving the state alone', async () => {
    const { action, state } = await runNode(zeroPageLoginNode, { shared: { username: 'kept' } });
    assert.deepEqual(action, goTo('false'));
    assert.deepEqual(state.shared, { username: 'kept' });
  });

  it('reads other configured header names from the headers the operator lets nodes see', async () => {
    const config = { usernameHeader: 'X-Remote-User', passwordHeader: 'X-Remote-Pin' };
    const seen = await runNode(zeroPageLoginNode, { config, request: { headers: { 'x-remote-user': 'ann', 'x-remote-pin': '1234' } } });
    assert.deepEqual(seen.action, goTo('true'));
    assert.deepEqual([seen.state.shared['username'], seen.state.transient['password']], ['ann', '1234']);
    const defaultsOnly = await runNode(zeroPageLoginNode, { config, request: { zeroPageLogin: () => ({ username: 'bob', password: 'x' }) } });
    assert.deepEqual(defaultsOnly.action, goTo('false'), 'the X-OpenAM headers are not the configured ones');
  });

  describe('without allowWithoutReferer', () => {
    const config = { allowWithoutReferer: false, referrerWhiteList: ['https://app.example.com/login'] };

    it('goes to true when the Referer is on the list', async () => {
      const { action } = await runNode(zeroPageLoginNode, { config, request: { zeroPageLogin: () => ({ username: 'bob', password: 'p', referer: 'https://app.example.com/login' }) } });
      assert.deepEqual(action, goTo('true'));
    });

    it('goes to false when the Referer is missing or not listed, and takes nothing', async () => {
      const missing = await runNode(zeroPageLoginNode, { config, request: { zeroPageLogin: () => ({ username: 'bob', password: 'p' }) } });
      const other = await runNode(zeroPageLoginNode, { config, request: { zeroPageLogin: () => ({ username: 'bob', password: 'p', referer: 'https://evil.example.net/' }) } });
      assert.deepEqual([missing.action, other.action], [goTo('false'), goTo('false')]);
      assert.deepEqual([other.state.shared, other.state.transient], [{}, {}]);
    });
  });
});
