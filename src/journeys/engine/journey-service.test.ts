/**
 * The journey service end to end on a real (in-memory) store: single-use steps, suspension with a
 * single-use emailed link, resume, and what clients see for a used or unknown link.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { createSessionService } from '../../sessions/session-service.ts';
import type { Store } from '../../store/store.ts';
import { anyNode } from '../nodes/registry.ts';
import { goTo, send } from './actions.ts';
import { nameCallback } from './callback-builders.ts';
import { defineNode } from './define-node.ts';
import type { JourneyResponse, JourneyService } from './journey-service.ts';
import { createJourneyService } from './journey-service.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from './tree-model.ts';
import { SUSPENDED_ID_MESSAGE } from './journey-record-store.ts';

const links: string[] = [];

/** Suspends with a link on first entry; goes on when resumed. */
const mailLink = defineNode({
  type: 'MailLink',
  displayName: 'Mail link',
  category: 'utilities',
  description: 'test',
  config: Type.Object({}, { additionalProperties: true }),
  outcomes: ['outcome'],
  process(ctx) {
    if (ctx.resumedFromSuspend) return goTo('outcome');
    return { kind: 'suspend', message: 'Check your mail', deliver: async (uri) => void links.push(uri) };
  },
});

/** Asks a name; `alice` succeeds. */
const askName = defineNode({
  type: 'AskName',
  displayName: 'Ask',
  category: 'utilities',
  description: 'test',
  config: Type.Object({}, { additionalProperties: true }),
  outcomes: ['ok', 'bad'],
  process(ctx) {
    if (ctx.callbacks === undefined) return send([nameCallback('Name')]);
    ctx.state.shared.name = ctx.callbacks[0]?.inputs[''];
    return goTo(ctx.state.shared.name === 'alice' ? 'ok' : 'bad');
  },
});

const realm = defaultRealmConfig('alpha');
const request = { realm: '/alpha', clientIp: '127.0.0.1', locales: ['en'], headers: {}, query: {} };

function step(response: JourneyResponse): Extract<JourneyResponse, { kind: 'step' }> {
  assert.equal(response.kind, 'step', JSON.stringify(response));
  return response as Extract<JourneyResponse, { kind: 'step' }>;
}

describe('journey service: suspend and resume', () => {
  let store: Store;
  let journeys: JourneyService;
  before(async () => {
    // The real node services, on the store (and clock) the journey service uses.
    const t = await nodeTestServices();
    store = t.store;
    await store.journeys.put('alpha', {
      tree: {
        _id: 'Reset',
        entryNodeId: 'm',
        noSession: true,
        nodes: {
          m: { displayName: 'mail', nodeType: 'MailLink', connections: { outcome: 'a' } },
          a: { displayName: 'ask', nodeType: 'AskName', connections: { ok: SUCCESS_NODE_ID, bad: FAILURE_NODE_ID } },
        },
      },
      nodes: { m: { _id: 'm', _type: { _id: 'MailLink' } }, a: { _id: 'a', _type: { _id: 'AskName' } } },
    });
    const key = { kid: 'k1', key: new Uint8Array(32).fill(7) };
    const clock = t.clock;
    journeys = createJourneyService({
      nodes: { get: (type) => (type === 'MailLink' ? anyNode(mailLink) : type === 'AskName' ? anyNode(askName) : undefined) },
      journeys: store.journeys,
      ephemeral: store.ephemeral,
      authIdKeys: { active: async () => key, all: async () => [key] },
      cipher: { seal: async (_realm, value) => JSON.stringify(value), open: async (_realm, text) => JSON.parse(text) as Record<string, unknown> },
      sessions: createSessionService({ ephemeral: store.ephemeral, clock }),
      services: t.services,
      clock,
      publicUrl: 'https://id.example.com',
    });
  });
  after(async () => store?.close());

  it('suspends with a SuspendedTextOutputCallback and an emailed link; the link resumes once', async () => {
    const suspended = step(await journeys.start({ realm, authIndexType: 'service', authIndexValue: 'Reset', request, noSession: true }));
    assert.deepEqual(suspended.callbacks, [
      { type: 'SuspendedTextOutputCallback', output: [{ name: 'message', value: 'Check your mail' }, { name: 'messageType', value: '0' }], _id: 0 },
    ]);
    const link = new URL(links.at(-1) ?? '');
    assert.equal(link.origin + link.pathname, 'https://id.example.com/login');
    assert.equal(link.searchParams.get('realm'), '/alpha');
    assert.equal(link.searchParams.get('authIndexType'), 'service');
    assert.equal(link.searchParams.get('authIndexValue'), 'Reset');
    const suspendedId = link.searchParams.get('suspendedId') ?? '';
    assert.ok(suspendedId.length >= 40);

    const again = step(await journeys.continue({ realm, authId: suspended.authId, callbacks: [], request }));
    assert.equal(again.callbacks[0]?.type, 'SuspendedTextOutputCallback', 'answering the suspended step shows the message again');
    assert.equal(links.length, 1, 'and sends no second email');

    const resumed = step(await journeys.resume({ realm, suspendedId, request }));
    assert.equal(resumed.callbacks[0]?.type, 'NameCallback');
    const filled = structuredClone(resumed.callbacks);
    filled[0]!.input![0]!.value = 'alice';
    const done = await journeys.continue({ realm, authId: resumed.authId, callbacks: filled, request });
    assert.equal(done.kind, 'success');

    await assert.rejects(journeys.resume({ realm, suspendedId, request }), { code: 'SUSPENDED_ID_INVALID', message: SUSPENDED_ID_MESSAGE });
  });

  it('refuses an unknown suspendedId and one from another realm with AM’s message', async () => {
    await assert.rejects(journeys.resume({ realm, suspendedId: 'made-up', request }), { code: 'SUSPENDED_ID_INVALID', message: SUSPENDED_ID_MESSAGE });
    step(await journeys.start({ realm, authIndexType: 'service', authIndexValue: 'Reset', request, noSession: true }));
    const suspendedId = new URL(links.at(-1) ?? '').searchParams.get('suspendedId') ?? '';
    await assert.rejects(journeys.resume({ realm: defaultRealmConfig('root'), suspendedId, request }), { code: 'SUSPENDED_ID_INVALID' });
    const stillThere = step(await journeys.resume({ realm, suspendedId, request }));
    assert.equal(stillThere.callbacks[0]?.type, 'NameCallback', 'a try at the wrong realm does not use the link up');
  });
});
