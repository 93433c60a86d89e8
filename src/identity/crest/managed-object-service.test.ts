/** The CREST service on the memory store: creates, PUT, PATCH, delete, revisions, policies, passwords, `_meta`, access hooks. */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { createPolicyService } from '../../policy/policy-service.ts';
import type { MemoryManagedObjectRepository } from '../../store/memory/memory-managed-object-repository.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { interceptCalls } from '../../store/memory/testing/intercept-calls.ts';
import { createPasswordHasher } from '../password-hasher.ts';
import { defaultManagedConfig } from '../default-user-schema.ts';
import { FAST_ARGON2 } from '../testing/identity-fixture.ts';
import { createManualClock } from '../testing/manual-clock.ts';
import type { CrestErrorCode } from './errors.ts';
import { isCrestError } from './errors.ts';
import { parseFieldSelection } from './field-selection.ts';
import type { ManagedObjectService } from './managed-object-service.ts';
import { createManagedObjectService } from './managed-object-service.ts';
import { parsePatchOperations } from './patch-operations.ts';

const BABS = { userName: 'bjensen', givenName: 'Babs', sn: 'Jensen', mail: 'babs@example.com', password: 'Secret-Passw0rd' };
const DEVICE_TYPE = {
  name: 'device',
  schema: { type: 'object', required: ['serial'], properties: { serial: { type: 'string', searchable: true, policies: [{ policyId: 'unique' }] }, owner: { type: 'string' } } },
};

function fails(code: CrestErrorCode, pattern?: RegExp): (error: unknown) => boolean {
  return (error) => isCrestError(error, code) && (pattern === undefined || pattern.test(error.message));
}

describe('managed object service', () => {
  let objects: MemoryManagedObjectRepository;
  let service: ManagedObjectService;
  /** Run just before the service's own writes reach the store (to make a concurrent write really happen then). */
  let beforeWrite: { update?: (type: string, id: string) => Promise<void>; create?: (type: string, id: string) => Promise<void> };
  const clock = createManualClock();
  const hasher = createPasswordHasher(FAST_ARGON2);

  beforeEach(async () => {
    const store = openMemoryStore({ clock });
    objects = store.managedObjects;
    const { configs } = store;
    await configs.put('managed', { objects: [...defaultManagedConfig().objects, DEVICE_TYPE] });
    const policy = createPolicyService({ objects, configs });
    beforeWrite = {};
    const steered = interceptCalls(objects, {
      update: (type, id) => beforeWrite.update?.(type, id),
      create: (type, id) => beforeWrite.create?.(type, id),
    });
    let count = 0;
    service = createManagedObjectService({ objects: steered, configs, policy, hasher, clock, newId: () => `id-${++count}` });
  });

  it('creates with a server id: defaults applied, password hashed, _meta stamped, no password in the answer', async () => {
    const created = await service.create('user', { ...BABS, _id: 'ignored', _rev: '99', _meta: { loginCount: 9 } });
    assert.equal(created.id, 'id-1');
    assert.equal(created.body._id, 'id-1');
    assert.equal(created.body.accountStatus, 'active');
    assert.equal(created.body.password, undefined);
    const stored = await objects.get('user', 'id-1');
    assert.match(String(stored?.data.password), /^\$argon2id\$/);
    assert.equal((await hasher.verify(String(stored?.data.password), BABS.password)).ok, true);
    const now = new Date(clock.now()).toISOString();
    assert.deepEqual(stored?.meta, { createDate: now, lastChanged: { date: now } });
    assert.deepEqual((await service.read('user', 'id-1', { fields: parseFieldSelection('_meta/*') })).body._meta, stored?.meta);
  });

  it('refuses what the policies refuse (403 detail), too-long passwords (400) and duplicate client ids (412)', async () => {
    await assert.rejects(service.create('user', { ...BABS, password: 'short' }), (error) => {
      assert.ok(fails('POLICY_VALIDATION_FAILED')(error));
      assert.equal((error as { detail?: { result?: boolean } }).detail?.result, false);
      return true;
    });
    await assert.rejects(service.create('user', { ...BABS, password: `A1${'x'.repeat(300)}` }), fails('BAD_REQUEST', /at most 256 bytes/));
    await service.create('user', BABS, { id: 'babs' });
    await assert.rejects(service.create('user', { ...BABS, userName: 'other' }, { id: 'babs' }), fails('PRECONDITION_FAILED', /already another resource/));
    await assert.rejects(service.create('user', BABS, { id: 'a/b' }), fails('BAD_REQUEST'));
    await assert.rejects(service.create('nothing', BABS), (error) => (error as { code?: string }).code === 'UNKNOWN_MANAGED_TYPE');
  });

  it('PUT replaces: omitted properties go, the password hash stays, revisions move, createDate stays', async () => {
    const created = await service.create('user', { ...BABS, description: 'temp' }, { id: 'babs' });
    const hash = (await objects.get('user', 'babs'))?.data.password;
    clock.advance(60_000);
    const { password: _password, ...withoutPassword } = BABS;
    const updated = await service.update('user', 'babs', { ...withoutPassword, accountStatus: 'active' }, { ifMatch: created.rev });
    assert.equal(updated.created, false);
    assert.notEqual(updated.rev, created.rev);
    const stored = await objects.get('user', 'babs');
    assert.equal(stored?.data.description, undefined);
    assert.equal(stored?.data.password, hash);
    assert.equal(stored?.meta.createDate, new Date(clock.now() - 60_000).toISOString());
    assert.deepEqual(stored?.meta.lastChanged, { date: new Date(clock.now()).toISOString() });
    await assert.rejects(service.update('user', 'babs', withoutPassword, { ifMatch: created.rev }), fails('PRECONDITION_FAILED'));
    const same = await service.update('user', 'babs', { ...withoutPassword, accountStatus: 'active' }, { ifMatch: '*' });
    assert.equal(same.rev, updated.rev, 'an update that changes nothing writes nothing');
  });

  it('PUT preconditions: If-None-Match * creates only, other values are 400, If-Match on a missing object is 404, neither upserts', async () => {
    assert.equal((await service.update('user', 'u1', BABS, { ifNoneMatch: '*' })).created, true);
    await assert.rejects(service.update('user', 'u1', BABS, { ifNoneMatch: '*' }), fails('PRECONDITION_FAILED'));
    await assert.rejects(service.update('user', 'u1', BABS, { ifNoneMatch: '3' }), fails('BAD_REQUEST', /only "\*"/));
    await assert.rejects(service.update('user', 'u2', BABS, { ifMatch: '*' }), fails('NOT_FOUND'));
    const upserted = await service.update('user', 'u2', { ...BABS, userName: 'second', mail: 'second@example.com' });
    assert.equal(upserted.created, true);
    const again = await service.update('user', 'u2', { ...BABS, userName: 'second', mail: 'second@example.com', sn: 'Changed' });
    assert.equal(again.created, false);
    assert.equal(again.body.sn, 'Changed');
  });

  it('PATCH validates the result, hashes a new password, honours If-Match and retries a lost race without it', async () => {
    const created = await service.create('user', BABS, { id: 'babs' });
    await assert.rejects(service.patch('user', 'babs', parsePatchOperations([{ operation: 'replace', field: 'password', value: 'weak' }])), fails('POLICY_VALIDATION_FAILED'));
    const patched = await service.patch('user', 'babs', parsePatchOperations([{ operation: 'replace', field: 'password', value: 'Another-Passw0rd' }]), { ifMatch: created.rev });
    const stored = await objects.get('user', 'babs');
    assert.equal((await hasher.verify(String(stored?.data.password), 'Another-Passw0rd')).ok, true);
    await assert.rejects(service.patch('user', 'babs', parsePatchOperations([{ operation: 'replace', field: 'sn', value: 'X' }]), { ifMatch: created.rev }), fails('PRECONDITION_FAILED'));
    let raced = false;
    beforeWrite.update = async (type, id) => {
      if (raced) return;
      raced = true;
      const current = await objects.get(type, id);
      if (current !== undefined) await objects.update(type, id, { ...current.data, description: 'concurrent' }, current.meta);
    };
    const after = await service.patch('user', 'babs', parsePatchOperations([{ operation: 'replace', field: 'sn', value: 'Y' }]));
    assert.equal(after.body.sn, 'Y');
    assert.equal(after.body.description, 'concurrent', 'the retry applied the patch to the newer object');
    assert.notEqual(after.rev, patched.rev);
    await assert.rejects(service.patch('user', 'babs', parsePatchOperations([{ operation: 'copy', from: '/password', field: '/description' }])), fails('FORBIDDEN', /password cannot be read/));
    await assert.rejects(service.patch('user', 'babs', parsePatchOperations([{ operation: 'remove', field: '/password', value: 'guess' }])), fails('FORBIDDEN', /password cannot be read/));
    await assert.rejects(service.patch('user', 'nobody', parsePatchOperations([{ operation: 'replace', field: 'sn', value: 'Z' }])), fails('NOT_FOUND'));
  });

  it('DELETE returns the deleted object; a stale If-Match is 412 and a missing object 404', async () => {
    const created = await service.create('user', BABS, { id: 'babs' });
    await assert.rejects(service.delete('user', 'babs', { ifMatch: '999' }), fails('PRECONDITION_FAILED'));
    const deleted = await service.delete('user', 'babs', { ifMatch: created.rev });
    assert.equal(deleted.body.userName, 'bjensen');
    assert.equal(deleted.body.password, undefined);
    await assert.rejects(service.delete('user', 'babs'), fails('NOT_FOUND'));
  });

  it('reports a store UNIQUE_VIOLATION as the policy failure UNIQUE on that property', async () => {
    await objects.setUniqueAttributes('device', ['serial']);
    // Another writer takes the serial after the service's policy check, just before its create lands.
    beforeWrite.create = async (type) => {
      delete beforeWrite.create;
      await objects.create(type, 'racer', { serial: 's-1' }, {});
    };
    await assert.rejects(service.create('device', { serial: 'S-1' }), (error) => {
      assert.ok(fails('POLICY_VALIDATION_FAILED')(error));
      assert.deepEqual((error as { detail?: unknown }).detail, { result: false, failedPolicyRequirements: [{ property: 'serial', policyRequirements: [{ policyRequirement: 'UNIQUE' }] }] });
      return true;
    });
    assert.deepEqual((await objects.list('device', { limit: 10, offset: 0 })).items.map((o) => o.id), ['racer']);
    assert.equal((await service.create('device', { serial: 'S-2' })).body.serial, 'S-2', 'any declared type works');
  });

  it('lets an access hook see the change and refuse it; mayCreate false never creates', async () => {
    await service.create('user', BABS, { id: 'babs' });
    const seen: string[][] = [];
    const access = {
      mayCreate: false,
      async checkWrite({ changed }: { changed: string[] }) {
        seen.push(changed);
        if (changed.includes('accountStatus')) throw Object.assign(new Error('no'), { name: 'CrestError', code: 'FORBIDDEN' });
      },
    };
    await service.patch('user', 'babs', parsePatchOperations([{ operation: 'replace', field: 'sn', value: 'New' }]), { access });
    await assert.rejects(service.patch('user', 'babs', parsePatchOperations([{ operation: 'replace', field: 'accountStatus', value: 'inactive' }]), { access }), fails('FORBIDDEN'));
    assert.deepEqual(seen, [['sn'], ['accountStatus']]);
    await assert.rejects(service.update('user', 'someone', BABS, { access }), fails('NOT_FOUND'));
    await assert.rejects(service.create('user', BABS, { access }), fails('FORBIDDEN'));
  });
});
