/** Replacing the `managed` config: validation first, unique constraints all-or-nothing, then search indexes, then the document. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIdentityError } from '../errors.ts';
import { createFakeConfigs } from '../testing/fake-configs.ts';
import { isCrestError } from './errors.ts';
import { createManagedConfigService } from './managed-config-service.ts';

function type(name: string, unique: string[], searchable: string[] = []): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const property of new Set([...unique, ...searchable])) {
    properties[property] = { type: 'string', searchable: searchable.includes(property), ...(unique.includes(property) ? { policies: [{ policyId: 'unique' }] } : {}) };
  }
  return { name, schema: { type: 'object', properties } };
}

function recorder(failOn?: { type: string; attribute: string }) {
  const calls: string[] = [];
  return {
    calls,
    objects: {
      async setUniqueAttributes(name: string, attributes: string[]) {
        calls.push(`unique ${name} [${attributes.join(',')}]`);
        if (failOn !== undefined && name === failOn.type && attributes.includes(failOn.attribute)) {
          throw Object.assign(new Error(`duplicates in ${failOn.attribute}`), { name: 'StoreError', code: 'UNIQUE_VIOLATION', attribute: failOn.attribute });
        }
      },
      async setSearchableAttributes(name: string, attributes: string[]) {
        calls.push(`searchable ${name} [${attributes.join(',')}]`);
      },
    },
  };
}

describe('managed config service', () => {
  it('applies unique constraints, then search indexes, then stores the document read back with _id', async () => {
    const configs = createFakeConfigs({ managed: { objects: [type('a', [])] } });
    const { calls, objects } = recorder();
    const service = createManagedConfigService({ configs, objects });
    const result = await service.replace({ _id: 'managed', objects: [type('a', ['x'], ['x', 'y']), type('b', [], ['z'])] });
    assert.deepEqual(calls, ['unique a [x]', 'unique b []', 'searchable a [x,y]', 'searchable b [z]']);
    assert.equal(result._id, 'managed');
    assert.deepEqual(((await configs.get('managed')) as { objects: { name: string }[] }).objects.map((object) => object.name), ['a', 'b']);
  });

  it('puts back the constraints it already changed when a later one fails, and stores nothing', async () => {
    const previous = { objects: [type('a', ['old']), type('b', [])] };
    const configs = createFakeConfigs({ managed: previous });
    const { calls, objects } = recorder({ type: 'b', attribute: 'dup' });
    const service = createManagedConfigService({ configs, objects });
    await assert.rejects(service.replace({ objects: [type('a', ['new']), type('b', ['dup'])] }), (error) => isCrestError(error, 'CONFLICT') && /dup/.test(error.message));
    assert.deepEqual(calls, ['unique a [new]', 'unique b [dup]', 'unique a [old]']);
    assert.deepEqual(await configs.get('managed'), previous);
  });

  it('refuses a malformed document or an unknown policy before touching anything', async () => {
    const { calls, objects } = recorder();
    const service = createManagedConfigService({ configs: createFakeConfigs(), objects });
    await assert.rejects(service.replace({ objects: [{ name: 'a/b', schema: { properties: {} } }] }), (error) => isIdentityError(error, 'INVALID_MANAGED_CONFIG'));
    const unknown = { objects: [{ name: 'a', schema: { properties: { p: { type: 'string', policies: [{ policyId: 'nope' }] } } } }] };
    await assert.rejects(service.replace(unknown), (error) => isIdentityError(error, 'INVALID_MANAGED_CONFIG') && /policies\[0\]\.policyId: unknown policy "nope"/.test(error.message));
    await assert.rejects(service.read(), (error) => isCrestError(error, 'NOT_FOUND'));
    assert.deepEqual(calls, []);
  });
});
