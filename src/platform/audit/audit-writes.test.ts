/**
 * The audited store on the memory store: creates, updates and deletes of managed objects are
 * activity events with before and after (secrets removed); a write that changes only `_meta`
 * records nothing; outside a request the "before" is read, inside one it is what the request
 * read; configuration and journey writes are config events; events of a transaction that rolls
 * back are never recorded.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runWithAuditContext } from '../../audit/audit-context.ts';
import type { AuditEventInput } from '../../audit/audit-event.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { auditWrites } from './audit-writes.ts';

function audited() {
  const recorded: AuditEventInput[] = [];
  const store = auditWrites(openMemoryStore(), { record: (event) => void recorded.push(event) });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  return { store, recorded, settle };
}

describe('auditWrites', () => {
  it('records creates, updates and deletes with before and after, without the password', async () => {
    const { store, recorded, settle } = audited();
    await store.managedObjects.create('alpha_user', 'u1', { userName: 'ann', password: 'hash-1', mail: 'a@example.com' }, {});
    await store.managedObjects.update('alpha_user', 'u1', { userName: 'ann', password: 'hash-2', mail: 'b@example.com' }, {});
    await store.managedObjects.delete('alpha_user', 'u1');
    await settle();
    assert.deepEqual(
      recorded.map((event) => (event.topic === 'activity' ? [event.operation, event.before?.mail, event.after?.mail, event.changedFields] : [])),
      [
        ['create', undefined, 'a@example.com', undefined],
        ['update', 'a@example.com', 'b@example.com', ['mail', 'password']],
        ['delete', 'b@example.com', undefined, undefined],
      ],
    );
    assert.ok(!JSON.stringify(recorded).includes('hash-'));
    assert.equal(recorded[0]?.topic === 'activity' ? recorded[0].realm : '', 'alpha');
  });

  it('records nothing for bookkeeping that changes only _meta', async () => {
    const { store, recorded, settle } = audited();
    await store.managedObjects.create('alpha_user', 'u1', { userName: 'ann' }, {});
    await store.managedObjects.update('alpha_user', 'u1', { userName: 'ann' }, { loginCount: 1 });
    await settle();
    assert.equal(recorded.length, 1);
  });

  it('takes the "before" of an update from what the request read, and the actor from the request', async () => {
    const { store, recorded, settle } = audited();
    await store.managedObjects.create('alpha_user', 'u1', { userName: 'ann', sn: 'One' }, {});
    const context = { transactionId: 'req-1', clientIp: '192.0.2.7', actor: async () => ({ realm: 'root', username: 'amadmin' }), seen: new Map<string, Record<string, unknown>>() };
    await runWithAuditContext(context, async () => {
      const read = await store.managedObjects.get('alpha_user', 'u1');
      if (read !== undefined) read.data.sn = 'changed in place by the caller';
      await store.managedObjects.update('alpha_user', 'u1', { userName: 'ann', sn: 'Two' }, {});
    });
    await settle();
    const update = recorded[1];
    assert.ok(update?.topic === 'activity');
    assert.equal(update.before?.sn, 'One');
    assert.deepEqual(update.actor, { realm: 'root', username: 'amadmin' });
    assert.equal(update.transactionId, 'req-1');
    assert.equal(update.clientIp, '192.0.2.7');
  });

  it('records configuration documents and journeys written, and nothing for a rewrite that changes nothing', async () => {
    const { store, recorded, settle } = audited();
    await store.configs.put('realm/alpha/scripts/s1', { name: 'Check', script: 'x', secret: 'hide-me' });
    await store.configs.put('realm/alpha/scripts/s1', { name: 'Check', script: 'x', secret: 'hide-me' });
    await store.configs.delete('realm/alpha/scripts/s1');
    await settle();
    assert.deepEqual(recorded.map((event) => (event.topic === 'config' ? [event.operation, event.objectId, event.realm] : [])), [
      ['create', 'realm/alpha/scripts/s1', 'alpha'],
      ['delete', 'realm/alpha/scripts/s1', 'alpha'],
    ]);
    assert.ok(!JSON.stringify(recorded).includes('hide-me'));
  });

  it('records a transaction\'s writes once it commits, and none of a transaction that rolls back', async () => {
    const { store, recorded, settle } = audited();
    await store.transaction(async (tx) => {
      await tx.managedObjects.create('alpha_user', 'kept', { userName: 'kept' }, {});
    });
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.managedObjects.create('alpha_user', 'gone', { userName: 'gone' }, {});
        throw new Error('rolled back');
      }),
    );
    await settle();
    assert.deepEqual(recorded.map((event) => (event.topic === 'activity' ? event.objectId : '')), ['kept']);
  });
});
