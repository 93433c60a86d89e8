import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { setCustomCookieNode } from './set-custom-cookie-node.ts';

describe('SetCustomCookieNode', () => {
  it('sets the cookie on this answer with AM’s defaults (outcome)', async () => {
    const { action, session } = await runNode(setCustomCookieNode, { config: { name: 'visited', value: 'yes' } });
    assert.deepEqual(action, goTo('outcome'));
    assert.deepEqual(session.cookies, [{ name: 'visited', value: 'yes', secure: false, httpOnly: false, sameSite: 'Lax' }]);
  });

  it('carries every attribute configured (max age as digits too, from a Configuration Provider script)', async () => {
    const config = { name: 'testname', value: 'testvalue', maxAge: '60', domain: 'am.example.com', path: '/', useSecureCookie: true, useHttpOnlyCookie: true, sameSite: 'STRICT' };
    const { session } = await runNode(setCustomCookieNode, { config });
    assert.deepEqual(session.cookies, [{ name: 'testname', value: 'testvalue', maxAgeSeconds: 60, domain: 'am.example.com', path: '/', secure: true, httpOnly: true, sameSite: 'Strict' }]);
  });

  it('refuses names and values that would break the header', async () => {
    await assert.rejects(runNode(setCustomCookieNode, { config: { name: 'a;b', value: 'x' } }), /name/);
    await assert.rejects(runNode(setCustomCookieNode, { config: { name: 'a', value: 'x\r\nSet-Cookie: evil=1' } }), /value/);
    await assert.rejects(runNode(setCustomCookieNode, { config: { name: 'a', value: 'x; Domain=evil.example' } }), /value/);
    await assert.rejects(runNode(setCustomCookieNode, { config: { name: 'a', value: 'x', domain: 'evil.example; Secure' } }), /domain/);
    await assert.rejects(runNode(setCustomCookieNode, { config: { name: 'a', value: 'x', path: '/\n' } }), /path/);
  });
});
