/**
 * AM's tree and node REST on the real platform, as Frodo drives it: nodes written before their
 * tree, the tree assembled, validated and stored as a journey that runs; an invalid tree refused
 * with its reasons and nothing written; secrets sealed and never shown; a deleted tree's nodes
 * deletable afterwards; Frodo's `managed/user` mapped to alpha's users; a journey started before
 * its tree is replaced finishes on the old graph; administrators only. Also the server version and
 * the realms list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inMemoryPlatform } from '../../../platform/testing/in-memory-platform.ts';
import type { TestPlatform } from '../../../platform/testing/in-memory-platform.ts';
import { acceptActiveTerms } from '../../testing/accept-active-terms.ts';
import { injectCall, injectSignIn } from '../../testing/inject-client.ts';

const ADMIN_PASSWORD = 'Admin-Passw0rd!';
const TREES = '/am/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees';
const SUCCESS = '70e691a5-1e33-4ac3-a356-e7b6d60d92e0';
const FAILURE = 'e301438c-0bd0-429c-ab0c-66126501069a';
const PAGE = 'a0000000-0000-4000-8000-000000000001';
const NAME = 'a0000000-0000-4000-8000-000000000002';
const PASSWORD = 'a0000000-0000-4000-8000-000000000003';
const DECISION = 'a0000000-0000-4000-8000-000000000004';
const COOKIE = 'a0000000-0000-4000-8000-000000000005';
/** Frodo's Accept-API-Version for trees and nodes. */
const TREE_API = { 'accept-api-version': 'protocol=2.1,resource=1.0' };

const nodes: Record<string, Record<string, unknown>> = {
  [NAME]: { _id: NAME, _type: { _id: 'UsernameCollectorNode', name: 'Username Collector', collection: true }, _outcomes: [{ id: 'outcome', displayName: 'Outcome' }] },
  [PASSWORD]: { _id: PASSWORD, _type: { _id: 'PasswordCollectorNode', name: 'Password Collector', collection: true }, _outcomes: [{ id: 'outcome', displayName: 'Outcome' }] },
  [PAGE]: {
    _id: PAGE,
    _type: { _id: 'PageNode', name: 'Page Node', collection: true },
    nodes: [
      { _id: NAME, nodeType: 'UsernameCollectorNode', displayName: 'Username' },
      { _id: PASSWORD, nodeType: 'PasswordCollectorNode', displayName: 'Password' },
    ],
    pageHeader: { en: 'Sign In' },
    pageDescription: {},
    stage: '',
  },
  [DECISION]: { _id: DECISION, _type: { _id: 'DataStoreDecisionNode', name: 'Data Store Decision', collection: true }, identityResource: 'managed/user' },
  [COOKIE]: { _id: COOKIE, _type: { _id: 'SetPersistentCookieNode', name: 'Set Persistent Cookie', collection: true }, hmacSigningKey: 'hmac-Secret-Key-123', idleTimeout: 5, maxLife: 5, useSecureCookie: true, useHttpOnlyCookie: true, persistentCookieName: 'session-jwt' },
};

function tree(name: string): Record<string, unknown> {
  return {
    _id: name,
    entryNodeId: PAGE,
    identityResource: 'managed/user',
    enabled: true,
    uiConfig: { categories: '["Test"]' },
    nodes: {
      [PAGE]: { nodeType: 'PageNode', displayName: 'Sign In', connections: { outcome: DECISION }, x: 100, y: 100 },
      [DECISION]: { nodeType: 'DataStoreDecisionNode', displayName: 'Check', connections: { true: COOKIE, false: FAILURE }, x: 300, y: 100 },
      [COOKIE]: { nodeType: 'SetPersistentCookieNode', displayName: 'Remember', connections: { outcome: SUCCESS }, x: 500, y: 100 },
    },
    staticNodes: { startNode: { x: 20, y: 20 }, [SUCCESS]: { x: 700, y: 50 }, [FAILURE]: { x: 700, y: 200 } },
  };
}

describe('trees and nodes REST', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let user: Record<string, string>;
  const call = injectCall(() => arbor.app);

  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = { ...(await injectSignIn(arbor.app, '', 'amadmin', ADMIN_PASSWORD)), ...TREE_API };
    await arbor.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'E', mail: 'erin@example.com', preferences: { updates: true, marketing: true } });
    await acceptActiveTerms(arbor, 'alpha_user', 'erin');
    user = await injectSignIn(arbor.app, '/realms/alpha', 'erin', 'Secret-Passw0rd');
  });
  after(async () => arbor?.close());

  it('refuses anonymous callers (401) and users who are not administrators (403)', async () => {
    for (const url of [`${TREES}/trees?_queryFilter=true`, `${TREES}/trees/Login`, `${TREES}/nodes/PageNode/${PAGE}`, '/am/json/global-config/realms?_queryFilter=true', '/json/serverinfo/version']) {
      assert.equal((await call('GET', url, {})).statusCode, 401, url);
      assert.equal((await call('GET', url, user)).statusCode, 403, url);
    }
    assert.equal((await call('PUT', `${TREES}/nodes/UsernameCollectorNode/${NAME}`, user, nodes[NAME])).statusCode, 403);
    assert.equal((await call('DELETE', `${TREES}/trees/Login`, user)).statusCode, 403);
    assert.equal((await call('POST', '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login', {})).statusCode, 200, 'Login is still there');
  });

  it('takes nodes before their tree, then the tree: a journey that runs, in AM’s shapes, secrets never shown', async () => {
    for (const id of [NAME, PASSWORD, PAGE, DECISION, COOKIE]) {
      const node = nodes[id] ?? {};
      const type = (node._type as { _id: string })._id;
      const written = await call('PUT', `${TREES}/nodes/${type}/${id}`, admin, node);
      assert.equal(written.statusCode, 201, written.body);
      assert.equal(written.json<{ _id: string }>()._id, id);
      assert.doesNotMatch(written.body, /hmac-Secret/);
    }
    const staged = await call('GET', `${TREES}/nodes/PageNode/${PAGE}`, admin);
    assert.equal(staged.statusCode, 200, 'a node no tree holds yet is readable');
    assert.equal((await call('GET', `${TREES}/trees/AdminBuilt`, admin)).statusCode, 404);

    const put = await call('PUT', `${TREES}/trees/AdminBuilt`, admin, tree('AdminBuilt'));
    assert.equal(put.statusCode, 201, put.body);
    const got = await call('GET', `/json/realms/root/realms/alpha/realm-config/authentication/authenticationtrees/trees/AdminBuilt`, admin);
    assert.equal(got.statusCode, 200);
    const body = got.json<Record<string, unknown>>();
    assert.equal(body._id, 'AdminBuilt');
    assert.equal(body.entryNodeId, PAGE);
    assert.equal(body.identityResource, 'managed/alpha_user', 'Frodo’s managed/user is alpha’s users here');
    assert.deepEqual(body.uiConfig, { categories: '["Test"]' });
    assert.equal(typeof body._rev, 'string');
    assert.deepEqual((body.nodes as Record<string, { connections: unknown }>)[PAGE]?.connections, { outcome: DECISION });

    const decision = (await call('GET', `${TREES}/nodes/DataStoreDecisionNode/${DECISION}`, admin)).json<Record<string, unknown>>();
    assert.equal(decision.identityResource, 'managed/alpha_user');
    assert.deepEqual(decision._type, { _id: 'DataStoreDecisionNode', name: 'Data Store Decision', collection: true });
    assert.deepEqual(decision._outcomes, [{ id: 'true', displayName: 'true' }, { id: 'false', displayName: 'false' }], 'outcomes computed when none were sent');
    const cookie = await call('GET', `${TREES}/nodes/SetPersistentCookieNode/${COOKIE}`, admin);
    assert.equal(cookie.statusCode, 200);
    assert.equal(Object.hasOwn(cookie.json<Record<string, unknown>>(), 'hmacSigningKey'), false, 'the secret is never returned');
    const stored = await arbor.store.journeys.get('alpha', 'AdminBuilt');
    assert.match(String(stored?.nodes[COOKIE]?.hmacSigningKey), /^v1\./, 'stored sealed');
    assert.equal(JSON.stringify(stored).includes('hmac-Secret'), false);
    assert.equal((await arbor.store.configs.list('realm/alpha/stagedNodes/')).length, 0, 'the staged nodes went into the journey');

    const listed = await call('GET', `${TREES}/trees?_queryFilter=true`, admin);
    assert.ok(listed.json<{ result: { _id: string }[] }>().result.some((item) => item._id === 'AdminBuilt'));

    const start = await call('POST', '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=AdminBuilt', {});
    assert.equal(start.statusCode, 200, start.body);
    assert.deepEqual(start.json<{ callbacks: { type: string }[] }>().callbacks.map((callback) => callback.type), ['NameCallback', 'PasswordCallback']);
  });

  it('refuses a tree that does not validate with every reason, writing nothing', async () => {
    const broken = tree('Broken');
    (broken.nodes as Record<string, { connections: Record<string, string> }>)[DECISION] = { nodeType: 'DataStoreDecisionNode', displayName: 'Check', connections: { true: 'nowhere' } } as never;
    const answer = await call('PUT', `${TREES}/trees/Broken`, admin, broken);
    assert.equal(answer.statusCode, 400, answer.body);
    const problems = answer.json<{ detail: { problems: string[] } }>().detail.problems;
    assert.ok(problems.some((problem) => problem.includes('leads to nowhere')), problems.join('\n'));
    assert.ok(answer.json<{ message: string }>().message.includes('nowhere'));
    assert.equal((await call('GET', `${TREES}/trees/Broken`, admin)).statusCode, 404);
    assert.equal(await arbor.store.journeys.get('alpha', 'Broken'), undefined);
  });

  it('answers 404 for a node of a type Arbor does not have, and 400 for bad config', async () => {
    const unknown = await call('PUT', `${TREES}/nodes/NoSuchNode/b0000000-0000-4000-8000-000000000001`, admin, { _id: 'b0000000-0000-4000-8000-000000000001', _type: { _id: 'NoSuchNode' } });
    assert.equal(unknown.statusCode, 404);
    const bad = await call('PUT', `${TREES}/nodes/SetPersistentCookieNode/b0000000-0000-4000-8000-000000000002`, admin, { _type: { _id: 'SetPersistentCookieNode' }, persistentCookieName: 'bad name;' });
    assert.equal(bad.statusCode, 400);
  });

  it('deletes a tree answering it with its nodes; its nodes are deleted afterwards, not before', async () => {
    assert.equal((await call('DELETE', `${TREES}/nodes/DataStoreDecisionNode/${DECISION}`, admin)).statusCode, 409, 'a node of a stored tree');
    const deleted = await call('DELETE', `${TREES}/trees/AdminBuilt`, admin);
    assert.equal(deleted.statusCode, 200);
    assert.deepEqual(Object.keys(deleted.json<{ nodes: Record<string, unknown> }>().nodes).sort(), [COOKIE, DECISION, PAGE].sort());
    assert.equal((await call('GET', `${TREES}/trees/AdminBuilt`, admin)).statusCode, 404);
    const page = await call('GET', `${TREES}/nodes/PageNode/${PAGE}`, admin);
    assert.equal(page.statusCode, 200, 'the page is still readable');
    assert.equal(page.json<{ nodes: unknown[] }>().nodes.length, 2);
    for (const [type, id] of [['UsernameCollectorNode', NAME], ['PasswordCollectorNode', PASSWORD], ['PageNode', PAGE], ['DataStoreDecisionNode', DECISION], ['SetPersistentCookieNode', COOKIE]] as const) {
      assert.equal((await call('DELETE', `${TREES}/nodes/${type}/${id}`, admin)).statusCode, 200, id);
      assert.equal((await call('GET', `${TREES}/nodes/${type}/${id}`, admin)).statusCode, 404, id);
    }
    assert.equal((await arbor.store.configs.list('realm/alpha/stagedNodes/')).length, 0);
  });

  it('answers the server version and the realms in AM’s shapes', async () => {
    const version = await call('GET', '/am/json/serverinfo/version', { ...admin, 'accept-api-version': 'resource=1.0' });
    assert.equal(version.statusCode, 200);
    const body = version.json<{ _id: string; version: string; fullVersion: string; revision: string; date: string }>();
    assert.equal(body._id, 'version');
    assert.match(body.version, /^\d\.\d\.\d$/);
    assert.ok(body.fullVersion.includes(body.version) && body.revision !== '' && body.date !== '');
    assert.equal((await call('GET', '/json/serverinfo/*', {})).statusCode, 200, 'serverinfo/* stays anonymous');

    for (const url of ['/am/json/global-config/realms/?_queryFilter=true', '/json/global-config/realms?_queryFilter=true']) {
      const realms = await call('GET', url, { ...admin, 'accept-api-version': 'protocol=2.0,resource=1.0' });
      assert.equal(realms.statusCode, 200, url);
      const result = realms.json<{ result: { _id: string; name: string; parentPath: string | null; active: boolean; aliases: unknown }[] }>().result;
      assert.deepEqual(result.map((realm) => [realm.name, realm.parentPath]), [['/', null], ['alpha', '/']]);
      assert.ok(result.every((realm) => realm.active && Array.isArray(realm.aliases)));
      const one = await call('GET', `/am/json/global-config/realms/${result[1]?._id ?? ''}`, admin);
      assert.equal(one.json<{ name: string }>().name, 'alpha');
    }
  });

  it('lets a journey started before its tree is replaced finish on the version it started with', async () => {
    const ids = { page: 'c0000000-0000-4000-8000-000000000001', name: 'c0000000-0000-4000-8000-000000000002', password: 'c0000000-0000-4000-8000-000000000003', check: 'c0000000-0000-4000-8000-000000000004' };
    const written: [string, Record<string, unknown>][] = [
      ['UsernameCollectorNode', { _id: ids.name, _type: { _id: 'UsernameCollectorNode' } }],
      ['PasswordCollectorNode', { _id: ids.password, _type: { _id: 'PasswordCollectorNode' } }],
      ['PageNode', { _id: ids.page, _type: { _id: 'PageNode' }, nodes: [{ _id: ids.name, nodeType: 'UsernameCollectorNode', displayName: 'Username' }, { _id: ids.password, nodeType: 'PasswordCollectorNode', displayName: 'Password' }] }],
      ['DataStoreDecisionNode', { _id: ids.check, _type: { _id: 'DataStoreDecisionNode' } }],
    ];
    for (const [type, node] of written) assert.equal((await call('PUT', `${TREES}/nodes/${type}/${String(node._id)}`, admin, node)).statusCode, 201);
    const versioned = (onTrue: string): Record<string, unknown> => ({
      _id: 'Versioned',
      entryNodeId: ids.page,
      nodes: {
        [ids.page]: { nodeType: 'PageNode', displayName: 'Sign In', connections: { outcome: ids.check } },
        [ids.check]: { nodeType: 'DataStoreDecisionNode', displayName: 'Check', connections: { true: onTrue, false: FAILURE } },
      },
    });
    assert.equal((await call('PUT', `${TREES}/trees/Versioned`, admin, versioned(SUCCESS))).statusCode, 201);
    const authenticate = '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Versioned';
    const signIn = (step: { callbacks: { type: string; input: { value: unknown }[] }[] }): typeof step => {
      for (const callback of step.callbacks) {
        const input = callback.input[0];
        if (input !== undefined) input.value = callback.type === 'NameCallback' ? 'erin' : 'Secret-Passw0rd';
      }
      return step;
    };
    const started = await call('POST', authenticate, {});
    assert.equal(started.statusCode, 200, started.body);

    // The tree changes while the journey waits: a right password now leads to failure.
    const replaced = await call('PUT', `${TREES}/trees/Versioned`, admin, versioned(FAILURE));
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.equal(replaced.json<{ _rev: string }>()._rev, '2');

    const finished = await call('POST', authenticate, {}, signIn(started.json()));
    assert.equal(finished.statusCode, 200, finished.body);
    assert.equal(typeof finished.json<{ tokenId?: unknown }>().tokenId, 'string', 'the started journey followed the old graph to success');
    const fresh = await call('POST', authenticate, {});
    const refused = await call('POST', authenticate, {}, signIn(fresh.json()));
    assert.equal(refused.statusCode, 401, 'a journey started now follows the new graph');
  });
});
