/** Replacing the `managed` config: validation first, unique constraints all-or-nothing, then search indexes, then the document. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { interceptCalls } from '../../store/memory/testing/intercept-calls.ts';
import { isIdentityError } from '../errors.ts';
import { isCrestError } from './errors.ts';
import { createManagedConfigService } from './managed-config-service.ts';

function type(name: string, unique: string[], searchable: string[] = []): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const property of new Set([...unique, ...searchable])) {
    properties[property] = { type: 'string', searchable: searchable.includes(property), ...(unique.includes(property) ? { policies: [{ policyId: 'unique' }] } : {}) };
  }
  return { name, schema: { type: 'object', properties } };
}

/**
 * A memory store whose managed objects record the index changes asked of them (forwarded to the
 * real repository), with type `b` holding two objects that share `dup` (so making it unique fails).
 */
async function recorder() {
  const store = openMemoryStore();
  await store.managedObjects.create('b', 'b1', { dup: 'Same' }, {});
  await store.managedObjects.create('b', 'b2', { dup: 'SAME' }, {});
  const calls: string[] = [];
  const objects = interceptCalls(store.managedObjects, {
    setUniqueAttributes: (name, attributes) => {
      calls.push(`unique ${name} [${attributes.join(',')}]`);
    },
    setSearchableAttributes: (name, attributes) => {
      calls.push(`searchable ${name} [${attributes.join(',')}]`);
    },
  });
  return { calls, objects, store };
}

describe('managed config service', () => {
  it('applies unique constraints, then search indexes, then stores the document read back with _id', async () => {
    const { calls, objects, store } = await recorder();
    const { configs } = store;
    await configs.put('managed', { objects: [type('a', [])] });
    const service = createManagedConfigService({ configs, objects });
    const result = await service.replace({ _id: 'managed', objects: [type('a', ['x'], ['x', 'y']), type('b', [], ['z'])] });
    assert.deepEqual(calls, ['unique a [x]', 'unique b []', 'searchable a [x,y]', 'searchable b [z]']);
    assert.equal(result._id, 'managed');
    assert.deepEqual(((await configs.get('managed')) as { objects: { name: string }[] }).objects.map((object) => object.name), ['a', 'b']);
    assert.deepEqual([await objects.uniqueAttributes('a'), await objects.searchableAttributes('a'), await objects.searchableAttributes('b')], [['x'], ['x', 'y'], ['z']]);
  });

  it('puts back the constraints it already changed when a later one fails, and stores nothing', async () => {
    const previous = { objects: [type('a', ['old']), type('b', [])] };
    const { calls, objects, store } = await recorder();
    const { configs } = store;
    await configs.put('managed', previous);
    await objects.setUniqueAttributes('a', ['old']);
    calls.length = 0;
    const service = createManagedConfigService({ configs, objects });
    await assert.rejects(service.replace({ objects: [type('a', ['new']), type('b', ['dup'])] }), (error) => isCrestError(error, 'CONFLICT') && /dup/.test(error.message));
    assert.deepEqual(calls, ['unique a [new]', 'unique b [dup]', 'unique a [old]']);
    assert.deepEqual(await configs.get('managed'), previous);
    assert.deepEqual([await objects.uniqueAttributes('a'), await objects.uniqueAttributes('b')], [['old'], []]);
  });

  it('refuses a malformed document or an unknown policy before touching anything', async () => {
    const { calls, objects, store } = await recorder();
    const service = createManagedConfigService({ configs: store.configs, objects });
    await assert.rejects(service.replace({ objects: [{ name: 'a/b', schema: { properties: {} } }] }), (error) => isIdentityError(error, 'INVALID_MANAGED_CONFIG'));
    const unknown = { objects: [{ name: 'a', schema: { properties: { p: { type: 'string', policies: [{ policyId: 'nope' }] } } } }] };
    await assert.rejects(service.replace(unknown), (error) => isIdentityError(error, 'INVALID_MANAGED_CONFIG') && /policies\[0\]\.policyId: unknown policy "nope"/.test(error.message));
    await assert.rejects(service.read(), (error) => isCrestError(error, 'NOT_FOUND'));
    assert.deepEqual(calls, []);
  });
});
