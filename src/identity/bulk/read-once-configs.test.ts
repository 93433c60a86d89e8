import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultManagedConfig } from '../default-user-schema.ts';
import { schemaForType } from '../schema-for-type.ts';
import { configsWith } from '../../store/memory/testing/configs-with.ts';
import { countCalls, interceptCalls } from '../../store/memory/testing/intercept-calls.ts';
import { readOnceConfigs } from './read-once-configs.ts';

describe('readOnceConfigs', () => {
  it('reads each document once until it is written through the wrapper', async () => {
    const configs = countCalls(await configsWith({ a: { v: 1 } }));
    const reads = () => configs.count('get');
    const once = readOnceConfigs(configs.repository);
    assert.deepEqual([await once.get('a'), await once.get('a'), reads()], [{ v: 1 }, { v: 1 }, 1]);
    await once.put('a', { v: 2 });
    assert.deepEqual([await once.get('a'), reads()], [{ v: 2 }, 2]);
    assert.equal(await once.delete('a'), true);
    assert.deepEqual([await once.get('a'), reads()], [undefined, 3]);
    assert.deepEqual(await once.list(''), []);
  });

  it('narrows the managed document to one type, whose schema stays the same', async () => {
    const configs = await configsWith({ managed: defaultManagedConfig() });
    const once = readOnceConfigs(configs, { managedType: 'alpha_user' });
    const managed = (await once.get('managed')) as { objects: { name: string }[] };
    assert.deepEqual(managed.objects.map((object) => object.name), ['alpha_user']);
    assert.deepEqual(await schemaForType(once, 'alpha_user'), await schemaForType(configs, 'alpha_user'));
  });

  it('does not remember a failed read', async () => {
    let reads = 0;
    const failingOnce = interceptCalls(await configsWith({ x: 'ok' }), {
      get: () => {
        if (++reads === 1) throw new Error('down');
      },
    });
    const once = readOnceConfigs(failingOnce);
    await assert.rejects(once.get('x'), /down/);
    assert.equal(await once.get('x'), 'ok');
  });
});
