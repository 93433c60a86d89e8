import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configsWith } from '../store/memory/testing/configs-with.ts';
import { defaultManagedConfig } from './default-user-schema.ts';
import { isIdentityError } from './errors.ts';
import { installDefaultManagedConfig, MANAGED_CONFIG_ID, schemaForType } from './schema-for-type.ts';

describe('schemaForType', () => {
  it('falls back to the default user schema when no managed config is stored', async () => {
    const configs = await configsWith();
    const user = await schemaForType(configs, 'user');
    assert.equal(user.name, 'user');
    assert.deepStrictEqual(user.schema.required, ['userName', 'givenName', 'sn', 'mail']);
    assert.equal(user.meta?.resourceCollection, 'internal/usermeta');
    const alpha = await schemaForType(configs, 'alpha_user');
    assert.equal(alpha.meta?.resourceCollection, 'managed/alpha_usermeta');
    assert.deepStrictEqual(Object.keys(alpha.schema.properties), Object.keys(user.schema.properties));
    assert.deepStrictEqual(alpha.schema.properties.password, user.schema.properties.password);
    assert.deepStrictEqual(alpha.schema.properties.manager?.resourceCollection, [
      { path: 'managed/alpha_user', label: 'User', query: { queryFilter: 'true', fields: ['userName', 'givenName', 'sn'] } },
    ]);
  });

  it('reads the stored managed config, with defaults for user types it lacks', async () => {
    const configs = await configsWith({ managed: { objects: [{ name: 'alpha_user', schema: { properties: { userName: { type: 'string' } } } }] } });
    assert.deepStrictEqual(Object.keys((await schemaForType(configs, 'alpha_user')).schema.properties), ['userName']);
    assert.equal((await schemaForType(configs, 'bravo_user')).name, 'bravo_user');
    await assert.rejects(schemaForType(configs, 'device'), (error) => isIdentityError(error, 'UNKNOWN_MANAGED_TYPE'));
  });

  it('refuses a stored config of the wrong shape', async () => {
    const configs = await configsWith({ managed: { objects: 'none' } });
    await assert.rejects(schemaForType(configs, 'user'), (error) => isIdentityError(error, 'INVALID_MANAGED_CONFIG'));
  });
});

describe('installDefaultManagedConfig', () => {
  it('stores the default once and never overwrites', async () => {
    const configs = await configsWith();
    assert.equal(await installDefaultManagedConfig(configs), true);
    assert.deepStrictEqual(await configs.get(MANAGED_CONFIG_ID), defaultManagedConfig());
    await configs.put(MANAGED_CONFIG_ID, { objects: [] });
    assert.equal(await installDefaultManagedConfig(configs), false);
    assert.deepStrictEqual(await configs.get(MANAGED_CONFIG_ID), { objects: [] });
  });
});
