import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goTo } from '../../engine/actions.ts';
import { runNode } from '../../engine/node-testing.ts';
import { cookiePresenceDecisionNode } from './cookie-presence-decision-node.ts';

const cookies = (jar: Record<string, string>) => ({ cookie: (name: string) => (Object.hasOwn(jar, name) ? jar[name] : undefined) });

describe('CookiePresenceDecisionNode', () => {
  it('is true when the request has the cookie, even empty', async () => {
    assert.deepEqual((await runNode(cookiePresenceDecisionNode, { config: { cookieName: 'seen' }, request: cookies({ seen: '1' }) })).action, goTo('true'));
    assert.deepEqual((await runNode(cookiePresenceDecisionNode, { config: { cookieName: 'seen' }, request: cookies({ seen: '' }) })).action, goTo('true'));
  });

  it('is false without it, and where the request gives no cookies', async () => {
    assert.deepEqual((await runNode(cookiePresenceDecisionNode, { config: { cookieName: 'seen' }, request: cookies({ other: '1' }) })).action, goTo('false'));
    assert.deepEqual((await runNode(cookiePresenceDecisionNode, { config: { cookieName: 'seen' } })).action, goTo('false'));
  });
});
