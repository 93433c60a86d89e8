/**
 * A running journey keeps the revisions it started with, on the journey service over a real
 * (memory) store: the record pins the main tree at start and each inner tree when it is first
 * entered; a journey started after a change runs the new version at once (the change announced);
 * a journey whose pinned revision is gone fails with TREE_REVISION_GONE.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import type { CacheInvalidation } from '../../cache/cache-invalidation.ts';
import { createCacheInvalidation, journeyCacheKey } from '../../cache/cache-invalidation.ts';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import { nodeTestServices } from '../../platform/testing/node-test-services.ts';
import { createSessionService } from '../../sessions/session-service.ts';
import type { Store } from '../../store/store.ts';
import { anyNode } from '../nodes/registry.ts';
import { goTo, send } from './actions.ts';
import { textOutputCallback } from './callback-builders.ts';
import { defineNode } from './define-node.ts';
import type { JourneyResponse, JourneyService } from './journey-service.ts';
import { createJourneyService } from './journey-service.ts';
import type { JourneyDefinition } from './tree-model.ts';
import { FAILURE_NODE_ID, SUCCESS_NODE_ID } from './tree-model.ts';

/** Shows its `label` once, then goes on. */
const show = defineNode({
  type: 'Show',
  displayName: 'Show',
  category: 'utilities',
  description: 'test',
  config: Type.Object({ label: Type.String() }),
  outcomes: ['outcome'],
  process: (ctx) => (ctx.callbacks === undefined ? send([textOutputCallback(ctx.config.label, '0')]) : goTo('outcome')),
});

/** Runs `tree`. */
const inner = defineNode({
  type: 'Inner',
  displayName: 'Inner',
  category: 'utilities',
  description: 'test',
  config: Type.Object({ tree: Type.String() }),
  outcomes: ['true', 'false'],
  process: (ctx) => ({ kind: 'innerTree', tree: ctx.config.tree }),
});

/** Outer: show, run Inner, show; Inner: show twice. Every label says the version. */
function outer(label: string): JourneyDefinition {
  return {
    tree: {
      _id: 'Outer',
      entryNodeId: 'a',
      nodes: {
        a: { displayName: 'a', nodeType: 'Show', connections: { outcome: 'b' } },
        b: { displayName: 'b', nodeType: 'Inner', connections: { true: 'c', false: FAILURE_NODE_ID } },
        c: { displayName: 'c', nodeType: 'Show', connections: { outcome: SUCCESS_NODE_ID } },
      },
    },
    nodes: { a: { _id: 'a', _type: { _id: 'Show' }, label: `outer ${label} a` }, b: { _id: 'b', _type: { _id: 'Inner' }, tree: 'Nested' }, c: { _id: 'c', _type: { _id: 'Show' }, label: `outer ${label} c` } },
  };
}

function nested(label: string): JourneyDefinition {
  return {
    tree: {
      _id: 'Nested',
      entryNodeId: 'x',
      nodes: {
        x: { displayName: 'x', nodeType: 'Show', connections: { outcome: 'y' } },
        y: { displayName: 'y', nodeType: 'Show', connections: { outcome: SUCCESS_NODE_ID } },
      },
    },
    nodes: { x: { _id: 'x', _type: { _id: 'Show' }, label: `inner ${label} x` }, y: { _id: 'y', _type: { _id: 'Show' }, label: `inner ${label} y` } },
  };
}

const realm = defaultRealmConfig('alpha');
const request = { realm: '/alpha', clientIp: '127.0.0.1', locales: ['en'], headers: {}, query: {} };

type Step = Extract<JourneyResponse, { kind: 'step' }>;

function label(response: JourneyResponse): unknown {
  assert.equal(response.kind, 'step', JSON.stringify(response));
  return (response as Step).callbacks[0]?.output[0]?.value;
}

describe('a running journey keeps its revisions', () => {
  let store: Store;
  let journeys: JourneyService;
  let services: Awaited<ReturnType<typeof nodeTestServices>>;
  const invalidation = createCacheInvalidation();
  /** A journey service on the test store, hearing of writes on `bus` when given. */
  const service = (bus?: CacheInvalidation): JourneyService => {
    const key = { kid: 'k1', key: new Uint8Array(32).fill(7) };
    return createJourneyService({
      nodes: { get: (type) => (type === 'Show' ? anyNode(show) : type === 'Inner' ? anyNode(inner) : undefined) },
      journeys: store.journeys,
      ...(bus === undefined ? {} : { cacheInvalidation: bus }),
      ephemeral: store.ephemeral,
      authIdKeys: { active: async () => key, all: async () => [key] },
      cipher: { seal: async (_realm, value) => JSON.stringify(value), open: async (_realm, text) => JSON.parse(text) as Record<string, unknown> },
      sessions: createSessionService({ ephemeral: store.ephemeral, clock: services.clock }),
      services: services.services,
      clock: services.clock,
      publicUrl: 'https://id.example.com',
    });
  };
  /** Puts a version of both trees, announced as Arbor's writes are. */
  const publish = async (version: string): Promise<void> => {
    await store.journeys.put('alpha', outer(version));
    await store.journeys.put('alpha', nested(version));
    invalidation.invalidate('journey', journeyCacheKey('alpha', 'Outer'));
    invalidation.invalidate('journey', journeyCacheKey('alpha', 'Nested'));
  };
  const start = () => journeys.start({ realm, authIndexType: 'service', authIndexValue: 'Outer', request, noSession: true });
  const answer = (response: JourneyResponse, on = journeys) => on.continue({ realm, authId: (response as Step).authId, callbacks: (response as Step).callbacks, request });

  before(async () => {
    services = await nodeTestServices();
    store = services.store;
    journeys = service(invalidation);
    await publish('v1');
  });

  it('runs the main tree at the revision it started on, and an inner tree at the revision it entered', async () => {
    const started = await start();
    assert.equal(label(started), 'outer v1 a');
    const inside = await answer(started);
    assert.equal(label(inside), 'inner v1 x');
    const notEntered = await start();

    await publish('v2');
    assert.equal(label(await start()), 'outer v2 a', 'a new journey runs the new version at once');

    const innerSecond = await answer(inside);
    assert.equal(label(innerSecond), 'inner v1 y');
    const outerLast = await answer(innerSecond);
    assert.equal(label(outerLast), 'outer v1 c');
    assert.equal((await answer(outerLast)).kind, 'success');

    const entered = await answer(notEntered);
    assert.equal(label(entered), 'inner v2 x', 'the inner tree is pinned when first entered');
    assert.equal(label(await answer(await answer(entered))), 'outer v1 c');
  });

  it('fails with TREE_REVISION_GONE when a revision the journey runs is no longer stored', async () => {
    await publish('v3');
    const started = await start();
    await publish('v4');
    await store.journeys.purgeVersions(Number.MAX_SAFE_INTEGER);
    // This service still has v3 loaded (a revision never changes); another process has not.
    assert.equal(label(await answer(started)), 'inner v4 x');
    const restarted = await start();
    await publish('v5');
    await store.journeys.purgeVersions(Number.MAX_SAFE_INTEGER);
    await assert.rejects(answer(restarted, service()), { code: 'TREE_REVISION_GONE' });
  });
});
