import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNodeConfig } from '../engine/parse-node-config.ts';
import { runNode } from '../engine/node-testing.ts';
import { pageNode } from './page-node.ts';

// As exported by Frodo (PlatformLogin "Sign In" page), `stage: "null"` included.
const signIn = {
  _id: 'f457c545-a9de-388f-98ec-ee47145a72c0',
  _outcomes: [{ displayName: 'Outcome', id: 'outcome' }],
  _type: { _id: 'PageNode', collection: true, name: 'Page Node' },
  nodes: [
    { _id: '67c6a1e7-ce56-33d6-ba74-8ab6d9af3fd7', displayName: 'Platform Username', nodeType: 'ValidatedUsernameNode' },
    { _id: '642e92ef-b794-3173-8881-b53e1e1b18b6', displayName: 'Platform Password', nodeType: 'ValidatedPasswordNode' },
  ],
  pageDescription: { en: 'New here? <a href="#/service/PlatformRegistration">Create an account</a>' },
  pageHeader: { en: 'Sign In', fr: 'Connexion' },
  stage: 'null',
};

describe('PageNode', () => {
  it('returns its children with the header and description for the request locale (outcome: page)', async () => {
    const { action } = await runNode(pageNode, { config: { ...signIn, stage: 'DefaultLogin' }, request: { locales: ['fr-BE', 'en'] } });
    assert.deepEqual(action, {
      kind: 'page',
      children: signIn.nodes,
      page: { header: 'Connexion', description: 'New here? <a href="#/service/PlatformRegistration">Create an account</a>', stage: 'DefaultLogin' },
    });
  });

  it('leaves out empty texts and the "null" stage of Frodo exports', async () => {
    const { action } = await runNode(pageNode, { config: { ...signIn, pageDescription: {}, pageHeader: { en: '' } } });
    assert.deepEqual(action, { kind: 'page', children: signIn.nodes, page: {} });
    const withNull = await runNode(pageNode, { config: { ...signIn, stage: null } });
    assert.ok(withNull.action.kind === 'page');
    assert.equal(withNull.action.page.stage, undefined);
  });

  it('returns the same page on re-entry, submitted callbacks or not', async () => {
    const first = await runNode(pageNode, { config: signIn });
    const again = await runNode(pageNode, { config: signIn, callbacks: [] });
    assert.deepEqual(again.action, first.action);
    assert.deepEqual(again.state, { shared: {}, transient: {} });
  });

  it('defaults to an empty page and rejects malformed children', () => {
    assert.deepEqual(parseNodeConfig(pageNode, {}), { ok: true, config: { nodes: [], pageHeader: {}, pageDescription: {} } });
    const bad = parseNodeConfig(pageNode, { nodes: [{ displayName: 'x', nodeType: 3 }], pageHeader: { en: 1 } });
    assert.ok(!bad.ok);
    assert.ok(bad.errors.some((error) => error.startsWith('nodes/0/_id')), bad.errors.join('\n'));
    assert.ok(bad.errors.some((error) => error.startsWith('nodes/0/nodeType')), bad.errors.join('\n'));
    assert.ok(bad.errors.some((error) => error.startsWith('pageHeader/en')), bad.errors.join('\n'));
  });
});
