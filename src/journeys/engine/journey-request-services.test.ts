/**
 * The journey service and each request's node services (`servicesForRequest`), on a real
 * (in-memory) store: every request gets services of its own, which its nodes use, and settles them
 * before its answer exists (the step stored, the journey finished); a zero-page login answers its
 * first step in the same request, never storing it.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { createSessionService } from '../../sessions/session-service.ts';
import { interceptCalls } from '../../store/memory/testing/intercept-calls.ts';
import { anyNode } from '../nodes/registry.ts';
import { goTo, send } from './actions.ts';
import { nameCallback, passwordCallback } from './callback-builders.ts';
import { defineNode } from './define-node.ts';
import type { JourneyResponse, JourneyService } from './journey-service.ts';
import { createJourneyService } from './journey-service.ts';
import type { NodeServices } from './node-context.ts';
import { SUCCESS_NODE_ID } from './tree-model.ts';

/** What happened, in order: `services <n>` (a node ran with request n's services), `settle <n>`, `put <key prefix>`, `consume <key prefix>`. */
const events: string[] = [];
const made: NodeServices[] = [];

/** Asks a name and a password; goes on once both are given. */
const signIn = defineNode({
  type: 'SignIn',
  displayName: 'Sign in',
  category: 'utilities',
  description: 'test',
  config: Type.Object({}, { additionalProperties: true }),
  outcomes: ['outcome'],
  process(ctx) {
    events.push(`services ${made.indexOf(ctx.services) + 1}`);
    if (ctx.callbacks === undefined || ctx.callbacks.some((callback) => callback.inputs[''] === '')) return send([nameCallback('User Name'), passwordCallback('Password')]);
    return goTo('outcome');
  },
});

const realm = defaultRealmConfig('alpha');
const request = { realm: '/alpha', clientIp: '127.0.0.1', locales: ['en'], headers: {}, query: {} };
const prefix = (key: string): string => key.slice(0, key.indexOf(':'));

describe("journey service: each request's node services", () => {
  let journeys: JourneyService;
  before(async () => {
    const t = await nodeTestServices();
    await t.store.journeys.put('alpha', {
      tree: { _id: 'SignIn', entryNodeId: 's', noSession: true, nodes: { s: { displayName: 'sign in', nodeType: 'SignIn', connections: { outcome: SUCCESS_NODE_ID } } } },
      nodes: { s: { _id: 's', _type: { _id: 'SignIn' } } },
    });
    const ephemeral = interceptCalls(t.store.ephemeral, { put: (key) => void events.push(`put ${prefix(key)}`), consume: (key) => void events.push(`consume ${prefix(key)}`) });
    const key = { kid: 'k1', key: new Uint8Array(32).fill(7) };
    journeys = createJourneyService({
      nodes: { get: (type) => (type === 'SignIn' ? anyNode(signIn) : undefined) },
      journeys: t.store.journeys,
      ephemeral,
      authIdKeys: { active: async () => key, all: async () => [key] },
      cipher: { seal: async (_realm, value) => JSON.stringify(value), open: async (_realm, text) => JSON.parse(text) as Record<string, unknown> },
      sessions: createSessionService({ ephemeral, clock: t.clock }),
      services: t.services,
      servicesForRequest: () => {
        const services = { ...t.services };
        made.push(services);
        const number = made.length;
        return { services, settle: async () => void events.push(`settle ${number}`) };
      },
      clock: t.clock,
      publicUrl: 'https://id.example.com',
    });
  });

  it('gives each request its own services, settled before the step is stored and before the journey ends', async () => {
    events.length = 0;
    made.length = 0;
    const first: JourneyResponse = await journeys.start({ realm, authIndexType: 'service', authIndexValue: 'SignIn', request, noSession: true });
    assert.equal(first.kind, 'step');
    const callbacks = first.kind === 'step' ? structuredClone(first.callbacks) : [];
    for (const callback of callbacks) callback.input![0]!.value = 'bjensen';
    const done = await journeys.continue({ realm, authId: first.kind === 'step' ? first.authId : '', callbacks, request });
    assert.equal(done.kind, 'success');
    assert.deepEqual(events, ['services 1', 'settle 1', 'put journey', 'consume journey', 'services 2', 'settle 2']);
  });

  it('answers the first step of a zero-page login in the same request, without storing it', async () => {
    events.length = 0;
    made.length = 0;
    const done = await journeys.start({ realm, authIndexType: 'service', authIndexValue: 'SignIn', request, noSession: true, credentials: { username: 'bjensen', password: 'Ch4ngeit!' } });
    assert.equal(done.kind, 'success', JSON.stringify(done));
    assert.deepEqual(events, ['services 1', 'settle 1', 'services 2', 'settle 2']);
  });
});
