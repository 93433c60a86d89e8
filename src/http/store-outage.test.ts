/**
 * What clients see while the store is out, on a whole Arbor through `app.inject()`, its store
 * switched out by the test: `/health/ready` answers 503 within `ARBOR_READY_TIMEOUT_MS` whether
 * the store refuses or never answers, `/health/live` stays 200, and a request that needs the
 * store (an AM journey, an IDM configuration read) answers AM's bare 503 — nothing of the
 * internal reason (service, address) reaches the client. Everything answers again once the store
 * does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestPlatform } from '../platform/testing/in-memory-platform.ts';
import { testPlatformOn } from '../platform/testing/in-memory-platform.ts';
import { openStore } from '../store/open-store.ts';
import { storeConnectionError } from '../store/store-connection-error.ts';

const LOGIN = '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login';

/** How the test's store behaves right now. */
const state: { health: 'answers' | 'refuses' | 'hangs'; out: boolean } = { health: 'answers', out: false };

/** What the store throws while it is out: the reason names an internal address. */
function down(): Error {
  return storeConnectionError({ service: 'PostgreSQL', address: 'db.internal.example:5432', stage: 'use', reason: 'no answer within 2 seconds' });
}

describe('readiness and requests while the store is out', () => {
  let arbor: TestPlatform;

  before(async () => {
    arbor = await testPlatformOn(
      async (clock) => {
        const store = await openStore({ memory: true, clock });
        return {
          ...store,
          health: () => (state.health === 'hangs' ? new Promise<void>(() => {}) : state.health === 'refuses' ? Promise.reject(down()) : store.health()),
          journeys: {
            ...store.journeys,
            get: (realm: string, name: string) => (state.out ? Promise.reject(down()) : store.journeys.get(realm, name)),
            current: (realm: string, name: string) => (state.out ? Promise.reject(down()) : store.journeys.current(realm, name)),
          },
          configs: { ...store.configs, get: (id: string) => (state.out ? Promise.reject(down()) : store.configs.get(id)) },
        };
      },
      { ARBOR_READY_TIMEOUT_MS: '300' },
    );
  });
  after(async () => {
    state.health = 'answers';
    state.out = false;
    await arbor.close();
  });

  it('readiness answers 503 within ARBOR_READY_TIMEOUT_MS when the store never answers; liveness stays 200', { timeout: 10_000 }, async () => {
    state.health = 'hangs';
    const started = performance.now();
    const ready = await arbor.app.inject({ method: 'GET', url: '/health/ready' });
    const ms = performance.now() - started;
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(ready.json(), { code: 503, reason: 'Service Unavailable', message: 'Not ready: the store did not answer within 0.3 seconds' });
    assert.ok(ms >= 290 && ms < 2000, `${Math.round(ms)} ms`);
    assert.equal((await arbor.app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
  });

  it('readiness answers 503 when the store refuses, and 200 once it answers', async () => {
    state.health = 'refuses';
    const refused = await arbor.app.inject({ method: 'GET', url: '/health/ready' });
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.json().message, 'Not ready: the store does not answer');
    assert.doesNotMatch(refused.body, /db\.internal|5432|PostgreSQL/);
    state.health = 'answers';
    assert.equal((await arbor.app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
  });

  it('an AM journey and an IDM read that need the store answer the bare 503, without the internal reason; then they work again', async () => {
    state.out = true;
    const journey = await arbor.app.inject({ method: 'POST', url: LOGIN, headers: { 'content-type': 'application/json' }, payload: '{}' });
    const config = await arbor.app.inject({ method: 'GET', url: '/openidm/selfservice/kba' });
    for (const answer of [journey, config]) {
      assert.equal(answer.statusCode, 503, answer.body);
      assert.deepEqual(answer.json(), { code: 503, reason: 'Service Unavailable', message: 'Service Unavailable' });
    }
    state.out = false;
    assert.equal((await arbor.app.inject({ method: 'POST', url: LOGIN, headers: { 'content-type': 'application/json' }, payload: '{}' })).statusCode, 200);
    assert.equal((await arbor.app.inject({ method: 'GET', url: '/openidm/selfservice/kba' })).statusCode, 200);
  });
});
