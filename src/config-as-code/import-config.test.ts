/**
 * planImport / applyImport over the memory store: --prune really removes what the directory lacks
 * (and only with --prune), a custom node type and oauth2-provider.json come back byte for byte in
 * another installation, and a stray or non-JSON file stops the whole import.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { platformNodeRegistry } from '../cli/platform-node-registry.ts';
import { defaultRealmConfig } from '../config/realm-config.ts';
import type { NodeRegistry } from '../journeys/nodes/registry.ts';
import { customNodeDocumentId } from '../journeys/nodes/scripting/custom-script-node-store.ts';
import { oauth2SettingsId } from '../platform/oidc/oauth2-provider-settings.ts';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { type MemoryStore, openMemoryStore } from '../store/memory/open-memory-store.ts';
import type { ConfigFiles } from './config-files.ts';
import { exportConfig } from './export-config.ts';
import { applyImport, planImport } from './import-config.ts';

const TYPE_ID = 'designer-4c1d2e3f4a5b46c7d8e9f0a1b2c3d4e5';
const CUSTOM_NODE = {
  _id: TYPE_ID, serviceName: TYPE_ID, displayName: 'Greeter', description: 'says hello', script: "outcome = 'done';",
  outcomes: ['done'], errorOutcome: true, inputs: ['username'], outputs: [], tags: ['demo'],
  properties: { greeting: { title: 'Greeting', description: '', type: 'STRING', required: false, multivalued: false, defaultValue: 'hi' } },
};

let registry: NodeRegistry;
before(async () => {
  registry = await platformNodeRegistry();
});

async function storeWithAlpha(): Promise<MemoryStore> {
  const store = openMemoryStore();
  await store.realms.put(defaultRealmConfig('alpha'));
  return store;
}

async function exported(store: MemoryStore): Promise<ConfigFiles> {
  const realm = await store.realms.get('alpha');
  assert.ok(realm);
  return exportConfig(store, { realm, global: false, registry });
}

async function importInto(store: MemoryStore, files: ConfigFiles, prune = false) {
  const sealer = createSecretSealer(randomBytes(32));
  const plan = await planImport({ store, files, realm: 'alpha', registry, sealer: async () => sealer, secrets: new Map(), prune });
  if (plan.problems.length === 0) await applyImport(plan, store);
  return plan;
}

describe('config import', () => {
  it('round trips a custom node type and oauth2-provider.json into another installation', async () => {
    const source = await storeWithAlpha();
    await source.configs.put(customNodeDocumentId('alpha', TYPE_ID), CUSTOM_NODE);
    await source.configs.put(oauth2SettingsId('alpha'), { acrJourneys: { gold: 'Login' } });
    const files = await exported(source);
    assert.ok(files.has(`custom-nodes/${TYPE_ID}.json`) && files.has('oauth2-provider.json'), [...files.keys()].join());

    const target = await storeWithAlpha();
    const plan = await importInto(target, files);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.changes, [{ kind: '+', file: `custom-nodes/${TYPE_ID}.json` }, { kind: '+', file: 'oauth2-provider.json' }]);
    assert.deepEqual(await exported(target), files);
    assert.deepEqual(await target.configs.get(oauth2SettingsId('alpha')), { acrJourneys: { gold: 'Login' } });
  });

  it('keeps objects the directory lacks, and removes them with --prune', async () => {
    const store = await storeWithAlpha();
    await store.configs.put(customNodeDocumentId('alpha', TYPE_ID), CUSTOM_NODE);
    await store.configs.put(oauth2SettingsId('alpha'), { acrJourneys: { gold: 'Login' } });
    const files = new Map(await exported(store));
    files.delete(`custom-nodes/${TYPE_ID}.json`);
    files.delete('oauth2-provider.json');

    const kept = await importInto(store, files);
    assert.deepEqual([kept.problems, kept.changes], [[], []]);
    assert.ok((await store.configs.get(customNodeDocumentId('alpha', TYPE_ID))) !== undefined);

    const pruned = await importInto(store, files, true);
    assert.deepEqual(pruned.problems, []);
    assert.deepEqual(pruned.changes, [{ kind: '-', file: `custom-nodes/${TYPE_ID}.json` }, { kind: '-', file: 'oauth2-provider.json' }]);
    assert.equal(await store.configs.get(customNodeDocumentId('alpha', TYPE_ID)), undefined);
    assert.equal(await store.configs.get(oauth2SettingsId('alpha')), undefined);
    assert.deepEqual(await exported(store), files);
    // realm.json is never pruned.
    assert.ok((await store.realms.get('alpha')) !== undefined);
  });

  it('refuses the whole import for a stray file, a file that is not JSON or a clear secret, and writes nothing', async () => {
    const store = await storeWithAlpha();
    const files = new Map(await exported(store));
    files.set('notes.txt', 'hello');
    files.set('journeys/Extra/Inner.json', '{}');
    files.set('oauth2-provider.json', '{ "acrJourneys": ');
    files.set('oauth2-clients/shop.json', JSON.stringify({ coreOAuth2ClientConfig: { userpassword: 'clear-text', redirectionUris: ['https://shop.example.com/cb'] } }));
    files.set(`custom-nodes/${TYPE_ID}.json`, JSON.stringify(CUSTOM_NODE));
    const before = await exported(store);
    const plan = await importInto(store, files);
    assert.deepEqual(plan.problems.map((problem) => problem.file).sort(), ['journeys/Extra/Inner.json', 'notes.txt', 'oauth2-clients/shop.json', 'oauth2-provider.json']);
    assert.ok(plan.problems.some((problem) => problem.file === 'oauth2-provider.json' && problem.reason.startsWith('is not JSON')));
    assert.ok(plan.problems.some((problem) => problem.reason === 'is not a file of the config-as-code layout (docs/config-as-code.md)'));
    assert.ok(!JSON.stringify(plan.problems).includes('clear-text'));
    await assert.rejects(applyImport(plan, store), { message: 'an import with problems is never applied' });
    assert.deepEqual(await exported(store), before);
    assert.equal(await store.configs.get(customNodeDocumentId('alpha', TYPE_ID)), undefined);
  });
});
