/**
 * `POST …/users?_action=idFromSession` over HTTP: AM's `{id, realm, dn, successURL, fullLoginURL}`
 * for the session of the request (cookie or header), under every path AM serves it; 401
 * "Access Denied" without a live session or with another realm's; 400 for a missing or unknown
 * action.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';

const ALPHA_USERS = '/am/json/realms/root/realms/alpha/users';
const DENIED = { code: 401, reason: 'Unauthorized', message: 'Access Denied' };

describe('users?_action=idFromSession', () => {
  let arbor: TestPlatform;
  let dave: string;
  let admin: string;
  const signIn = async (realm: string, username: string, password: string): Promise<string> => {
    const response = await arbor.app.inject({
      method: 'POST',
      url: `/am/json/realms/root${realm === 'root' ? '' : `/realms/${realm}`}/authenticate?authIndexType=service&authIndexValue=Login`,
      headers: { 'x-openam-username': username, 'x-openam-password': password },
    });
    const { tokenId } = response.json<{ tokenId?: unknown }>();
    assert.equal(typeof tokenId, 'string', response.body);
    return String(tokenId);
  };
  const idFromSession = (url: string, headers: Record<string, string> = {}) =>
    arbor.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'accept-api-version': 'protocol=1.0,resource=2.0', ...headers }, payload: '{}' });

  before(async () => {
    arbor = await inMemoryPlatform();
    await arbor.identity.createUser('alpha_user', { userName: 'dave', password: 'Secret-Passw0rd', givenName: 'Dave', sn: 'Doe', mail: 'dave@example.com' });
    await acceptActiveTerms(arbor, 'alpha_user', 'dave'); // the alpha Login's terms step does not ask
    dave = await signIn('alpha', 'dave', 'Secret-Passw0rd');
    admin = await signIn('root', 'amadmin', 'Admin-Passw0rd!');
  });
  after(async () => arbor?.close());

  it('answers AM’s fields for the session in the cookie or the header named after it', async () => {
    const expected = {
      id: 'dave',
      realm: '/alpha',
      dn: 'id=dave,ou=user,o=alpha,ou=services,ou=am-config',
      successURL: '/enduser/?realm=/alpha',
      fullLoginURL: '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login',
    };
    for (const headers of [{ cookie: `iPlanetDirectoryPro=${dave}` }, { iplanetdirectorypro: dave }]) {
      const response = await idFromSession(`${ALPHA_USERS}?_action=idFromSession`, headers);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), expected);
    }
    const underJson = await idFromSession(`/json/realms/root/realms/alpha/users/?_action=idFromSession`, { iplanetdirectorypro: dave });
    assert.deepEqual(underJson.json(), expected, 'the /json alias, with a trailing slash');
  });

  it('on the legacy path without a realm, answers for the session’s own realm', async () => {
    for (const url of ['/am/json/users?_action=idFromSession', '/json/users?_action=idFromSession']) {
      assert.equal((await idFromSession(url, { iplanetdirectorypro: dave })).json<{ realm: string }>().realm, '/alpha');
      const root = (await idFromSession(url, { iplanetdirectorypro: admin })).json<Record<string, unknown>>();
      assert.deepEqual([root.id, root.realm, root.dn], ['amadmin', '/', 'id=amadmin,ou=user,o=root,ou=services,ou=am-config']);
    }
  });

  it('is 401 Access Denied without a live session, or with a session of another realm than the path names', async () => {
    const refused = [
      idFromSession(`${ALPHA_USERS}?_action=idFromSession`),
      idFromSession(`${ALPHA_USERS}?_action=idFromSession`, { iplanetdirectorypro: 'forged' }),
      idFromSession(`${ALPHA_USERS}?_action=idFromSession`, { cookie: 'iPlanetDirectoryPro=' }),
      idFromSession(`${ALPHA_USERS}?_action=idFromSession`, { iplanetdirectorypro: admin }),
      idFromSession('/am/json/realms/root/users?_action=idFromSession', { iplanetdirectorypro: dave }),
      idFromSession('/am/json/users?_action=idFromSession'),
    ];
    for (const response of await Promise.all(refused)) {
      assert.equal(response.statusCode, 401, response.body);
      assert.deepEqual(response.json(), DENIED);
    }
    const short = await signIn('alpha', 'dave', 'Secret-Passw0rd');
    await arbor.app.inject({ method: 'POST', url: '/am/json/realms/root/realms/alpha/sessions?_action=logout', headers: { iplanetdirectorypro: short } });
    assert.deepEqual((await idFromSession(`${ALPHA_USERS}?_action=idFromSession`, { iplanetdirectorypro: short })).json(), DENIED, 'a logged-out session');
  });

  it('is a 400 naming the action for a missing, repeated or unknown _action, and a 404 for an unknown realm', async () => {
    const missing = await idFromSession(ALPHA_USERS, { iplanetdirectorypro: dave });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json<{ message: string }>().message, /_action=idFromSession/);
    const unknown = await idFromSession(`${ALPHA_USERS}?_action=create`, { iplanetdirectorypro: dave });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json<{ message: string }>().message, /Unknown _action create/);
    assert.equal((await idFromSession(`${ALPHA_USERS}?_action=idFromSession&_action=idFromSession`, { iplanetdirectorypro: dave })).statusCode, 400);
    const realm = await idFromSession('/am/json/realms/root/realms/beta/users?_action=idFromSession', { iplanetdirectorypro: dave });
    assert.equal(realm.statusCode, 404);
    assert.deepEqual(realm.json(), { code: 404, reason: 'Not Found', message: 'Realm /beta not found' });
  });
});
