/**
 * One request's view of the managed objects, over the real memory store behind a counting proxy:
 * each object and each lookup read once, writes through it seen by later reads, staged changes
 * written together by `settle` (again over a concurrent write), and every write guarded by
 * revision as before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { countCalls } from '../store/memory/testing/intercept-calls.ts';
import { hasErrorCode, isIdentityError } from './errors.ts';
import type { StoredManagedObject } from './ports.ts';
import { requestObjects } from './request-objects.ts';

const TYPE = 'alpha_user';

async function setup() {
  const store = openMemoryStore();
  await store.managedObjects.create(TYPE, 'u1', { userName: 'Bob', mail: 'bob@example.com' }, { loginCount: 1 });
  await store.managedObjects.create(TYPE, 'u2', { userName: 'carol', mail: 'carol@example.com' }, {});
  const counted = countCalls(store.managedObjects);
  return { real: store.managedObjects, counted, view: requestObjects(counted.repository) };
}

const countUp = async (stored: StoredManagedObject) => ({ data: stored.data, meta: { ...stored.meta, loginCount: Number(stored.meta.loginCount ?? 0) + 1 } });

describe('request objects: reads', () => {
  it('reads an object once, by id or by lookup, whatever the case of the value looked up', async () => {
    const { counted, view } = await setup();
    const [found] = await view.findByAttribute(TYPE, 'userName', 'bob', 2);
    assert.equal(found?.id, 'u1');
    assert.deepEqual(await view.findByAttribute(TYPE, 'userName', 'BOB', 2), [found]);
    assert.equal((await view.get(TYPE, 'u1'))?.rev, found?.rev);
    assert.equal(await view.get(TYPE, 'nobody'), undefined);
    assert.equal(await view.get(TYPE, 'nobody'), undefined);
    assert.deepEqual([counted.count('findByAttribute'), counted.count('get')], [1, 1], 'one lookup, and one read of the object that does not exist');
  });

  it('answers reads with what the request wrote, and looks up again what a write may have changed', async () => {
    const { counted, view } = await setup();
    const [stored] = await view.findByAttribute(TYPE, 'userName', 'bob', 2);
    assert.ok(stored !== undefined);
    const updated = await view.update(TYPE, 'u1', { ...stored.data, mail: 'bobby@example.com' }, stored.meta, stored.rev);
    assert.deepEqual(await view.get(TYPE, 'u1'), updated);
    assert.deepEqual((await view.findByAttribute(TYPE, 'userName', 'bob', 2)).map((object) => object.data.mail), ['bobby@example.com']);
    assert.deepEqual([counted.count('get'), counted.count('findByAttribute')], [0, 1], 'the name did not change: the lookup stands');
    await view.update(TYPE, 'u1', { ...updated.data, userName: 'robert' }, updated.meta, updated.rev);
    assert.deepEqual(await view.findByAttribute(TYPE, 'userName', 'bob', 2), [], 'the name changed: looked up again');
    assert.equal(counted.count('findByAttribute'), 2);
  });
});

describe('request objects: staged changes', () => {
  it('are seen at once, written by settle in one update', async () => {
    const { real, counted, view } = await setup();
    await view.stage(TYPE, 'u1', countUp);
    await view.stage(TYPE, 'u1', async (stored) => ({ data: { ...stored.data, retries: [] }, meta: stored.meta }));
    const seen = await view.get(TYPE, 'u1');
    assert.deepEqual([seen?.meta.loginCount, seen?.data.retries], [2, []]);
    assert.equal((await real.get(TYPE, 'u1'))?.meta.loginCount, 1, 'nothing written yet');
    await view.settle();
    const written = await real.get(TYPE, 'u1');
    assert.deepEqual([written?.meta.loginCount, written?.data.retries, written?.rev], [2, [], '2']);
    assert.equal(counted.count('update'), 1);
    await view.settle();
    assert.equal(counted.count('update'), 1, 'settled once');
  });

  it('are applied again to the object another request wrote meanwhile', async () => {
    const { real, view } = await setup();
    await view.stage(TYPE, 'u1', countUp);
    const current = await real.get(TYPE, 'u1');
    assert.ok(current !== undefined);
    await real.update(TYPE, 'u1', { ...current.data, mail: 'elsewhere@example.com' }, { ...current.meta, loginCount: 5 }, current.rev);
    await view.settle();
    const written = await real.get(TYPE, 'u1');
    assert.deepEqual([written?.data.mail, written?.meta.loginCount], ['elsewhere@example.com', 6]);
  });

  it('go with an update based on the copy that has them; an update based on an older copy is stale', async () => {
    const { real, counted, view } = await setup();
    const older = await view.get(TYPE, 'u1');
    assert.ok(older !== undefined);
    const staged = await view.stage(TYPE, 'u1', countUp);
    assert.notEqual(staged.rev, older.rev);
    await assert.rejects(view.update(TYPE, 'u1', { ...older.data, mail: 'x@example.com' }, older.meta, older.rev), (error) => hasErrorCode(error, 'REV_MISMATCH'));
    await view.update(TYPE, 'u1', { ...staged.data, mail: 'x@example.com' }, staged.meta, staged.rev);
    await view.settle();
    const written = await real.get(TYPE, 'u1');
    assert.deepEqual([written?.data.mail, written?.meta.loginCount, counted.count('update')], ['x@example.com', 2, 1]);
  });

  it('keep their increments when many requests settle on one object at once (the same user signing in in parallel)', async () => {
    const store = openMemoryStore();
    await store.managedObjects.create(TYPE, 'u1', { userName: 'Bob' }, { loginCount: 0 });
    const views = Array.from({ length: 6 }, () => requestObjects(store.managedObjects));
    for (const view of views) await view.stage(TYPE, 'u1', countUp);
    await Promise.all(views.map((view) => view.settle()));
    assert.equal((await store.managedObjects.get(TYPE, 'u1'))?.meta.loginCount, 6, 'every request counted once');
  });

  it('give up with CONCURRENT_UPDATE (a retry-later answer) when the object never stops changing', async () => {
    const { real, view } = await setup();
    await view.stage(TYPE, 'u1', countUp);
    const alwaysStale = { ...real, update: async () => Promise.reject(Object.assign(new Error('stale'), { code: 'REV_MISMATCH' })) };
    const racing = requestObjects(alwaysStale);
    await racing.stage(TYPE, 'u1', countUp);
    await assert.rejects(racing.settle(), (error) => isIdentityError(error, 'CONCURRENT_UPDATE'));
  });

  it('have nowhere to go once the object is deleted', async () => {
    const { real, view } = await setup();
    await view.stage(TYPE, 'u2', countUp);
    await real.delete(TYPE, 'u2');
    await view.settle();
    assert.equal(await real.get(TYPE, 'u2'), undefined);
  });

  it('need an object', async () => {
    const { view } = await setup();
    await assert.rejects(view.stage(TYPE, 'nobody', countUp), (error) => hasErrorCode(error, 'NOT_FOUND'));
  });
});

describe('request objects: writes stay guarded by revision', () => {
  it('a write based on what the request read fails when another request wrote first; the next read is fresh', async () => {
    const { real, view } = await setup();
    const read = await view.get(TYPE, 'u1');
    assert.ok(read !== undefined);
    await real.update(TYPE, 'u1', { ...read.data, mail: 'first@example.com' }, read.meta, read.rev);
    await assert.rejects(view.update(TYPE, 'u1', { ...read.data, mail: 'second@example.com' }, read.meta, read.rev), (error) => hasErrorCode(error, 'REV_MISMATCH'));
    assert.equal((await view.get(TYPE, 'u1'))?.data.mail, 'first@example.com');
  });

  it('two requests never share what they read', async () => {
    const { real } = await setup();
    const first = requestObjects(real);
    const second = requestObjects(real);
    await first.stage(TYPE, 'u1', countUp);
    assert.equal((await second.get(TYPE, 'u1'))?.meta.loginCount, 1);
  });
});
