/**
 * What nodes leave for the session and the answer, through the journey service on a real
 * (in-memory) store: session properties, the auth level and shorter limits reach the session;
 * cookies go with the answer of the request the node ran in; session hooks run once the session
 * exists (never with noSession), and a failing hook leaves no session behind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import { nodeTestServices, type NodeTestServices } from '../../platform/testing/node-test-services.ts';
import { createSessionService, type SessionService } from '../../sessions/session-service.ts';
import { anyNode } from '../nodes/registry.ts';
import { goTo, send } from './actions.ts';
import { nameCallback } from './callback-builders.ts';
import { defineNode } from './define-node.ts';
import type { JourneyResponse, JourneyService } from './journey-service.ts';
import { createJourneyService } from './journey-service.ts';
import { SUCCESS_NODE_ID } from './tree-model.ts';

/** Leaves a property, a cookie, an auth level and shorter limits, then asks a name (its step carries the cookie). */
const leave = defineNode({
  type: 'Leave',
  displayName: 'Leave',
  category: 'utilities',
  description: 'test',
  config: Type.Object({}, { additionalProperties: true }),
  outcomes: ['outcome'],
  process(ctx) {
    if (ctx.callbacks !== undefined) return goTo('outcome');
    ctx.session.setProperty('department', 'sales');
    ctx.session.setProperty('dropped', 'x');
    ctx.session.removeProperty('dropped');
    ctx.session.setLimits({ maxSessionMinutes: 10, maxIdleMinutes: 999 });
    ctx.session.setCookie({ name: 'step-cookie', value: '1', secure: false, httpOnly: true });
    ctx.state.shared.authLevel = 20;
    ctx.state.shared.username = 'ann';
    return send([nameCallback('Name')]);
  },
});

/** Adds a session hook whose cookie names the session's user (or which throws, for `fail`). */
const hooked = defineNode({
  type: 'Hooked',
  displayName: 'Hooked',
  category: 'utilities',
  description: 'test',
  config: Type.Object({ fail: Type.Boolean({ default: false }) }),
  outcomes: ['outcome'],
  process(ctx) {
    ctx.session.addSessionHook({ fail: ctx.config.fail });
    ctx.session.setCookie({ name: 'now-cookie', value: '2', secure: true, httpOnly: false });
    return goTo('outcome');
  },
  onSession(hook) {
    if (hook.data.fail === true) throw new Error('hook failed');
    return [{ name: 'hook-cookie', value: `${hook.session.userId}.${hook.session.properties.department}`, secure: true, httpOnly: true }];
  },
});

const realm = defaultRealmConfig('alpha');
const request = { realm: '/alpha', clientIp: '127.0.0.1', locales: ['en'], headers: {}, query: {} };

function tree(name: string, fail: boolean) {
  return {
    tree: {
      _id: name,
      entryNodeId: 'l',
      nodes: {
        l: { displayName: 'leave', nodeType: 'Leave', connections: { outcome: 'h' } },
        h: { displayName: 'hooked', nodeType: 'Hooked', connections: { outcome: SUCCESS_NODE_ID } },
      },
    },
    nodes: { l: { _id: 'l', _type: { _id: 'Leave' } }, h: { _id: 'h', _type: { _id: 'Hooked' }, fail } },
  };
}

describe('session outputs of nodes', () => {
  let t: NodeTestServices;
  let sessions: SessionService;
  let journeys: JourneyService;
  before(async () => {
    t = await nodeTestServices({ users: [{ _id: 'u-ann', attributes: { userName: 'ann' } }] });
    await t.store.journeys.put('alpha', tree('Outputs', false));
    await t.store.journeys.put('alpha', tree('FailingHook', true));
    const key = { kid: 'k1', key: new Uint8Array(32).fill(7) };
    sessions = createSessionService({ ephemeral: t.store.ephemeral, clock: t.clock });
    journeys = createJourneyService({
      nodes: { get: (type) => (type === 'Leave' ? anyNode(leave) : type === 'Hooked' ? anyNode(hooked) : undefined) },
      journeys: t.store.journeys,
      ephemeral: t.store.ephemeral,
      authIdKeys: { active: async () => key, all: async () => [key] },
      cipher: { seal: async (_realm, value) => JSON.stringify(value), open: async (_realm, text) => JSON.parse(text) as Record<string, unknown> },
      sessions,
      services: t.services,
      clock: t.clock,
      publicUrl: 'https://id.example.com',
    });
  });
  after(async () => t?.store.close());

  async function run(name: string, noSession = false): Promise<{ first: JourneyResponse; last: JourneyResponse }> {
    const first = await journeys.start({ realm, authIndexType: 'service', authIndexValue: name, request, noSession });
    assert.equal(first.kind, 'step');
    const callbacks = first.kind === 'step' ? first.callbacks : [];
    return { first, last: await journeys.continue({ realm, authId: first.kind === 'step' ? first.authId : '', callbacks, request }) };
  }

  it('gives the session the properties, the auth level and the shorter limit; cookies go with their own answers', async () => {
    const { first, last } = await run('Outputs');
    assert.deepEqual(first.cookies, [{ name: 'step-cookie', value: '1', secure: false, httpOnly: true }]);
    assert.equal(last.kind, 'success');
    assert.deepEqual(last.cookies?.map((cookie) => `${cookie.name}=${cookie.value}`), ['now-cookie=2', 'hook-cookie=u-ann.sales']);
    const session = await sessions.validate(last.kind === 'success' ? (last.tokenId ?? '') : '');
    assert.ok(session !== undefined);
    assert.deepEqual(session.properties, { department: 'sales' });
    assert.equal(session.authLevel, 20);
    assert.equal(session.maxExpiresAt - session.createdAt, 10 * 60_000, 'the node’s shorter session time');
    assert.equal(session.maxIdleMs, realm.sessions.maxIdleMinutes * 60_000, 'a longer idle time than the realm’s is not taken');
  });

  it('runs no session hook when the journey makes no session', async () => {
    const { last } = await run('Outputs', true);
    assert.equal(last.kind, 'success');
    assert.deepEqual(last.cookies?.map((cookie) => cookie.name), ['now-cookie']);
  });

  it('a failing hook fails the request and leaves no live session', async () => {
    const first = await journeys.start({ realm, authIndexType: 'service', authIndexValue: 'FailingHook', request, noSession: false });
    assert.equal(first.kind, 'step');
    if (first.kind !== 'step') return;
    await assert.rejects(journeys.continue({ realm, authId: first.authId, callbacks: first.callbacks, request }), /hook failed/);
    assert.equal((await sessions.sessionsOf('alpha_user', 'u-ann')).filter((session) => session.tree === 'FailingHook').length, 0);
  });
});
