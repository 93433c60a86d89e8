/**
 * Every store contract on the memory store, plus what only the memory store has to prove: its
 * transactions are isolated and atomic against concurrent writes from outside, and nothing a
 * caller gives or gets is shared with the store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRealmConfig } from '../../config/realm-config.ts';
import type { QueryFilter } from '../../identity/query-filter/query-filter.ts';
import { parseQueryFilter } from '../../identity/query-filter/parse-query-filter.ts';
import { allStoreContracts } from '../contract/all-store-contracts.ts';
import { ephemeralStoreContract } from '../contract/ephemeral-store.contract.ts';
import { sampleJourney } from '../contract/journey-repository.contract.ts';
import { manualClock } from '../contract/manual-clock.ts';
import type { Store } from '../store.ts';
import { openMemoryStore } from './open-memory-store.ts';

describe('store contract suite on the memory store', () => {
  allStoreContracts((clock) => Promise.resolve(openMemoryStore({ clock })), 'memory');
  ephemeralStoreContract(async () => {
    const clock = manualClock();
    const store = openMemoryStore({ clock });
    return { ephemeral: store.ephemeral, clock, close: () => store.close() };
  }, { clocked: true });
});

/** A promise the test settles, and whether a watched promise has settled yet. */
function gate(): { open(): void; opened: Promise<void> } {
  const { promise, resolve } = Promise.withResolvers<void>();
  return { open: () => resolve(), opened: promise };
}

function watch<T>(promise: Promise<T>): { settled(): boolean; promise: Promise<T> } {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  return { settled: () => done, promise: watched };
}

/** Lets every pending callback run (the memory store never waits on I/O). */
const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('memory store transactions', () => {
  it('isolates a transaction: outside reads see the committed state, outside writes wait and then land after it', async () => {
    const store = openMemoryStore();
    await store.managedObjects.create('user', 'a', { v: 0 }, {});
    const release = gate();
    const inside = gate();
    const tx = watch(
      store.transaction(async (repos) => {
        await repos.managedObjects.update('user', 'a', { v: 'tx' }, {});
        await repos.managedObjects.create('user', 'b', { v: 'tx' }, {});
        inside.open();
        await release.opened;
        return 'committed';
      }),
    );
    await inside.opened;
    const outsideUpdate = watch(store.managedObjects.update('user', 'a', { v: 'outside' }, {}));
    const outsideCreate = watch(store.managedObjects.create('user', 'c', { v: 'outside' }, {}));
    const outsideConfig = watch(store.configs.put('k', 'outside'));
    await drain();
    assert.deepEqual([outsideUpdate.settled(), outsideCreate.settled(), outsideConfig.settled()], [false, false, false], 'outside writes wait for the transaction');
    assert.deepEqual((await store.managedObjects.get('user', 'a'))?.data, { v: 0 }, 'outside reads see the committed state');
    assert.equal(await store.managedObjects.get('user', 'b'), undefined);
    assert.equal(await store.configs.get('k'), undefined);

    release.open();
    assert.equal(await tx.promise, 'committed');
    const updated = await outsideUpdate.promise;
    await outsideCreate.promise;
    await outsideConfig.promise;
    assert.deepEqual([updated.rev, updated.data], ['3', { v: 'outside' }], 'the outside update applies on top of the committed transaction');
    const page = await store.managedObjects.list('user', { limit: 10, offset: 0 });
    assert.deepEqual(page.items.map((o) => [o.id, o.data['v']]), [['a', 'outside'], ['b', 'tx'], ['c', 'outside']]);
    assert.equal(await store.configs.get('k'), 'outside');
  });

  it('keeps the outside writes made during a transaction that rolls back, and none of its own', async () => {
    const store = openMemoryStore();
    const release = gate();
    const inside = gate();
    const tx = store.transaction(async (repos) => {
      await repos.managedObjects.create('user', 'tx', {}, {});
      await repos.configs.put('tx', true);
      await repos.outbox.enqueue({ from: 'a@x', to: ['b@x'], cc: [], bcc: [], subject: 's', contentType: 'text/plain', body: 'sealed' }, { status: 'pending', now: 1 });
      inside.open();
      await release.opened;
      throw new Error('boom');
    });
    await inside.opened;
    const outside = Promise.all(Array.from({ length: 5 }, (_, i) => store.managedObjects.create('user', `out${i}`, { i }, {})));
    release.open();
    await assert.rejects(tx, /boom/);
    await outside;
    assert.deepEqual((await store.managedObjects.list('user', { limit: 10, offset: 0 })).items.map((o) => o.id), ['out0', 'out1', 'out2', 'out3', 'out4']);
    assert.equal(await store.configs.get('tx'), undefined);
    assert.deepEqual(await store.outbox.list({ limit: 10 }), []);
  });

  it('serializes transactions and outside writes: a read-modify-write in each never loses an update', async () => {
    const store = openMemoryStore();
    await store.managedObjects.create('counter', 'c', { n: 0 }, {});
    const increment = async (repos: Pick<Store, 'managedObjects'>): Promise<void> => {
      const current = await repos.managedObjects.get('counter', 'c');
      await drain(); // let everything else that can run, run
      await repos.managedObjects.update('counter', 'c', { n: Number(current?.data['n']) + 1 }, {}, current?.rev);
    };
    await Promise.all(Array.from({ length: 10 }, () => store.transaction(increment)));
    assert.deepEqual((await store.managedObjects.get('counter', 'c'))?.data, { n: 10 });
  });

  it('refuses an outside write from inside a transaction instead of waiting for itself forever', async () => {
    const store = openMemoryStore();
    await assert.rejects(
      store.transaction(async () => {
        await store.managedObjects.create('user', 'a', {}, {});
      }),
      /would wait for the transaction forever/,
    );
    await assert.rejects(store.transaction(() => store.transaction(async () => 'nested')), /would wait for the transaction forever/);
    await store.managedObjects.create('user', 'a', {}, {}); // the store still works
  });

  it('makes a transaction\'s repositories unusable once it is over', async () => {
    const store = openMemoryStore();
    let leaked: Pick<Store, 'managedObjects'> | undefined;
    await store.transaction(async (repos) => {
      leaked = repos;
    });
    await assert.rejects(async () => leaked?.managedObjects.get('user', 'a'), /the transaction is over/);
    await assert.rejects(async () => leaked?.managedObjects.create('user', 'a', {}, {}), /the transaction is over/);
  });

  it('answers health checks until closed, and closes more than once', async () => {
    const store = openMemoryStore();
    await store.health();
    await store.migrate();
    await store.close();
    await store.close();
    await assert.rejects(store.health(), /closed/);
  });
});

describe('memory store copies', () => {
  it('keeps managed objects apart from what callers give and get', async () => {
    const store = openMemoryStore();
    const data = { userName: 'alice', tags: ['a'], nested: { deep: 1 } };
    const meta = { lastChanged: { date: 'd1' } };
    const pending = store.managedObjects.create('user', 'a', data, meta);
    data.tags.push('given after the call');
    meta.lastChanged.date = 'changed after the call';
    const created = await pending;
    assert.deepEqual(created.data, { userName: 'alice', tags: ['a'], nested: { deep: 1 } });
    assert.deepEqual(created.meta, { lastChanged: { date: 'd1' } });

    const mutate = (object: { data: Record<string, unknown>; meta: Record<string, unknown> } | undefined): void => {
      assert.ok(object !== undefined);
      (object.data['tags'] as string[]).push('got');
      (object.data['nested'] as Record<string, unknown>)['deep'] = 2;
      object.meta['lastChanged'] = 'got';
    };
    mutate(created);
    mutate(await store.managedObjects.get('user', 'a'));
    mutate((await store.managedObjects.findByAttribute('user', 'userName', 'ALICE'))[0]);
    mutate((await store.managedObjects.list('user', { limit: 1, offset: 0 })).items[0]);
    mutate((await store.managedObjects.query('user', { filter: { op: 'true' }, sortKeys: [], countTotal: false })).items[0]);
    const updated = await store.managedObjects.update('user', 'a', { ...(await store.managedObjects.get('user', 'a'))?.data }, { ...meta, lastChanged: { date: 'd1' } });
    mutate(updated);
    const stored = await store.managedObjects.get('user', 'a');
    assert.deepEqual(stored?.data, { userName: 'alice', tags: ['a'], nested: { deep: 1 } });
    assert.deepEqual(stored?.meta, { lastChanged: { date: 'd1' } });
    mutate(await store.managedObjects.delete('user', 'a'));
  });

  it('stores documents as JSON, as the SQL stores do: undefined properties dropped, copies in and out', async () => {
    const store = openMemoryStore();
    const created = await store.managedObjects.create('user', 'a', { kept: 1, dropped: undefined, date: new Date(0) }, {});
    assert.deepEqual(created.data, { kept: 1, date: '1970-01-01T00:00:00.000Z' });

    const config = { objects: [{ name: 'user' }] };
    await store.configs.put('managed', config);
    config.objects.push({ name: 'given after' });
    const read = (await store.configs.get('managed')) as { objects: unknown[] };
    read.objects.push('got');
    assert.deepEqual(await store.configs.get('managed'), { objects: [{ name: 'user' }] });
    await store.configs.put('nothing', undefined);
    assert.equal(await store.configs.get('nothing'), null);

    const realm = defaultRealmConfig('alpha');
    await store.realms.put(realm);
    realm.lockout.failureCount = 99;
    const gotRealm = await store.realms.get('alpha');
    assert.ok(gotRealm !== undefined);
    gotRealm.lockout.failureCount = 98;
    (await store.realms.list())[0]!.lockout.failureCount = 97;
    assert.deepEqual(await store.realms.get('alpha'), defaultRealmConfig('alpha'));

    const journey = sampleJourney('Login');
    await store.journeys.put('alpha', journey);
    journey.tree.entryNodeId = 'given after';
    const gotJourney = await store.journeys.get('alpha', 'Login');
    assert.ok(gotJourney !== undefined);
    gotJourney.tree.entryNodeId = 'got';
    assert.deepEqual(await store.journeys.get('alpha', 'Login'), sampleJourney('Login'));

    const key = { realm: 'alpha', purpose: 'authId.hmac' as const, kid: 'k1', material: 'm', createdAt: 1, status: 'active' as const };
    await store.keys.insertIfAbsent(key);
    key.material = 'given after';
    (await store.keys.list('alpha', 'authId.hmac'))[0]!.material = 'got';
    assert.deepEqual(await store.keys.list('alpha', 'authId.hmac'), [{ ...key, material: 'm' }]);

    const message = { from: 'a@x', to: ['b@x'], cc: [], bcc: [], subject: 's', contentType: 'text/plain' as const, body: 'sealed' };
    const queued = await store.outbox.enqueue(message, { status: 'pending', now: 1 });
    message.to.push('given after');
    queued.message.to.push('got');
    (await store.outbox.get(queued.id))!.message.to.push('got');
    const [claimed] = await store.outbox.claim({ now: 1, limit: 1, leaseMs: 10 });
    claimed!.message.to.push('got');
    assert.deepEqual((await store.outbox.get(queued.id))?.message.to, ['b@x']);
  });

  it('reads own properties only: a `__proto__` property is data, inherited names are absent (filters built directly: the parser refuses these names)', async () => {
    const store = openMemoryStore();
    const hostile = JSON.parse('{"userName": "p", "__proto__": {"polluted": "yes"}, "_id": {"x": "inner"}}') as Record<string, unknown>;
    await store.managedObjects.create('user', 'p', hostile, {});
    await store.managedObjects.create('user', 'q', { userName: 'q' }, {});
    const stored = await store.managedObjects.get('user', 'p');
    assert.ok(stored !== undefined && Object.hasOwn(stored.data, '__proto__'));
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    const ids = async (filter: string | QueryFilter): Promise<string[]> =>
      (await store.managedObjects.query('user', { filter: typeof filter === 'string' ? parseQueryFilter(filter) : filter, sortKeys: [], countTotal: false })).items.map((o) => o.id);
    assert.deepEqual(await ids({ op: 'eq', field: ['__proto__', 'polluted'], value: 'yes' }), ['p']);
    const inherited: QueryFilter = { op: 'or', filters: ['constructor', 'toString', 'hasOwnProperty'].map((name) => ({ op: 'pr', field: [name] })) };
    assert.deepEqual(await ids(inherited), []);
    assert.deepEqual(await ids('_id eq "p"'), ['p'], '_id is the key');
    assert.deepEqual(await ids('/_id/x eq "inner"'), ['p'], 'a pointer into an _id property reads the property');
    assert.deepEqual(await store.managedObjects.findByAttribute('user', 'constructor', 'x'), []);
    assert.deepEqual((await store.managedObjects.findByAttribute('user', 'userName', 'P')).map((o) => o.id), ['p']);
  });
});
