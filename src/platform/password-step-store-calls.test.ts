/**
 * What one password step costs the store (issue 9): the alpha `Login` journey's Sign In page
 * answered for a user who has accepted the terms and whose progressive profile does not trigger,
 * on a whole Arbor (`testPlatformOn`) over the REAL memory store behind a recording proxy. The user
 * is read once: every node, gateway and the journey's finish share that read (a request-scoped
 * view); the bookkeeping of a sign-in (login count, lockout count) is one update; the lockout
 * counters, the client throttle, the session generation and the session are touched no more than
 * their guarantees need. The counts per port are printed, and held to a budget so that a regression
 * shows: ports other work may cache further (configuration, journeys, realms, keys) have a ceiling,
 * the ones this step's own work decides have an exact count.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acceptActiveTerms } from '../http/testing/accept-active-terms.ts';
import { createPasswordHasher } from '../identity/password-hasher.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import type { TestPlatform } from './testing/in-memory-platform.ts';
import { testPlatformOn } from './testing/in-memory-platform.ts';
import { TEST_ARGON2 } from './testing/node-test-services.ts';
import type { StoreCall } from './testing/record-request-store-calls.ts';
import { countsOf, recordRequestStoreCalls } from './testing/record-request-store-calls.ts';

const AUTHENTICATE = '/am/json/realms/root/realms/alpha/authenticate';
const USER = { userName: 'bjensen', password: 'Ch4ngeit!', givenName: 'Babs', sn: 'Jensen', mail: 'bjensen@example.com' };

interface Step {
  authId: string;
  callbacks: { type: string; input: { name: string; value: unknown }[] }[];
}

/** The calls that read the user `id` (named `userName`): by id, by attribute, by query. */
function readsOf(calls: readonly StoreCall[], id: string, userName: string): StoreCall[] {
  const names = (value: unknown): boolean => JSON.stringify(value).toLowerCase().includes(userName.toLowerCase()) || JSON.stringify(value).includes(id);
  return calls.filter((call) => call.port === 'managedObjects' && ['get', 'findByAttribute', 'query', 'list'].includes(call.method) && names(call.args));
}

/** Calls per port. */
function perPort(calls: readonly StoreCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.port] = (counts[call.port] ?? 0) + 1;
  return counts;
}

describe('one password step of the alpha Login journey', () => {
  const store = recordRequestStoreCalls();
  let arbor: TestPlatform;
  let userId: string;

  const startLogin = async (): Promise<Step> => {
    const response = await arbor.app.inject({ method: 'POST', url: `${AUTHENTICATE}?authIndexType=service&authIndexValue=Login` });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<Step>();
  };
  const answer = (step: Step) => {
    const filled = structuredClone(step);
    const [name, password] = filled.callbacks;
    assert.ok(name?.input[0] !== undefined && password?.input[0] !== undefined, JSON.stringify(step));
    name.input[0].value = USER.userName;
    password.input[0].value = USER.password;
    return arbor.app.inject({ method: 'POST', url: AUTHENTICATE, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(filled) });
  };

  before(async () => {
    arbor = await testPlatformOn(async (clock) => store.wrap(openMemoryStore({ clock })), {}, { passwordHasher: createPasswordHasher(TEST_ARGON2) });
    const user = await arbor.identity.createUser('alpha_user', USER);
    userId = user._id;
    await acceptActiveTerms(arbor, 'alpha_user', USER.userName);
    // Far from the third sign-in, when ProgressiveProfile asks for preferences.
    await arbor.identity.updateMeta('alpha_user', userId, (meta) => ({ ...meta, loginCount: 10 }));
    // A first sign-in: realm keys and caches are loaded once per process, whoever asks first.
    const warmUp = await answer(await startLogin());
    assert.equal(warmUp.statusCode, 200, warmUp.body);
  });
  after(async () => arbor?.close());

  it('reads the user once, writes it once, and touches the ephemeral store only as the guard and the session need', async (t) => {
    const before = await arbor.store.managedObjects.get('alpha_user', userId);
    let recorded;
    do {
      const step = await startLogin();
      recorded = await store.record(() => answer(step));
    } while (recorded.disturbed);
    const { result: response, calls } = recorded;
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(typeof response.json<{ tokenId?: unknown }>().tokenId, 'string', response.body);

    const counts = countsOf(calls);
    t.diagnostic(`store calls of one password step: ${JSON.stringify(counts)}`);
    t.diagnostic(`per port: ${JSON.stringify(perPort(calls))}`);
    for (const call of calls) t.diagnostic(`${call.port}.${call.method} ${JSON.stringify(call.args).slice(0, 120)}`);

    const reads = readsOf(calls, userId, USER.userName);
    assert.equal(reads.length, 1, `the user is read ${reads.length} times: ${reads.map((call) => `${call.method}(${JSON.stringify(call.args)})`).join(', ')}`);
    assert.deepEqual(
      Object.fromEntries(Object.entries(counts).filter(([name]) => name.startsWith('managedObjects.'))),
      { 'managedObjects.findByAttribute': 1, 'managedObjects.update': 1 },
      'one lookup, and the login count (with whatever else a sign-in keeps on the user) in one update',
    );
    assert.deepEqual(
      Object.fromEntries(Object.entries(counts).filter(([name]) => name.startsWith('ephemeral.'))),
      {
        // The journey state of the step, taken once.
        'ephemeral.consume': 1,
        // The client address's attempt, the account's attempt, then the given-back (verified) attempt.
        'ephemeral.increment': 3,
        // The lock before and after the account's attempt is reserved; the session generation; the user's session list.
        'ephemeral.get': 4,
        // The account's failures cleared once.
        'ephemeral.delete': 1,
        // The session, and the user's session list.
        'ephemeral.put': 2,
      },
    );
    assert.equal(counts['store.transaction'], undefined, 'no transaction');
    // Configuration, journeys, realms and keys are cached (or about to be) by other work: a ceiling only.
    const ports = perPort(calls);
    for (const [port, ceiling] of Object.entries({ configs: 2, journeys: 2, realms: 0, keys: 0, outbox: 0 })) {
      assert.ok((ports[port] ?? 0) <= ceiling, `${port}: ${ports[port]} calls, at most ${ceiling} expected`);
    }

    const after = await arbor.store.managedObjects.get('alpha_user', userId);
    assert.equal(after?.meta.loginCount, Number(before?.meta.loginCount) + 1, 'the login count went up by one');
    assert.equal(after?.rev, String(Number(before?.rev) + 1), 'in one write');
  });

  it('writes the login count and the end of a run of lockouts in one update', async () => {
    await arbor.identity.updateMeta('alpha_user', userId, (meta) => ({ ...meta, lockoutCount: 2 }));
    const before = await arbor.store.managedObjects.get('alpha_user', userId);
    let recorded;
    do {
      const step = await startLogin();
      recorded = await store.record(() => answer(step));
    } while (recorded.disturbed);
    assert.equal(recorded.result.statusCode, 200, recorded.result.body);
    assert.deepEqual(
      recorded.calls.filter((call) => call.port === 'managedObjects').map((call) => call.method),
      ['findByAttribute', 'update'],
    );
    const after = await arbor.store.managedObjects.get('alpha_user', userId);
    assert.deepEqual([after?.meta.loginCount, after?.meta.lockoutCount, after?.rev], [Number(before?.meta.loginCount) + 1, 0, String(Number(before?.rev) + 1)]);
  });
});
