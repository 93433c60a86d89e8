/**
 * Script secrets in config as code over the memory store: exported under `global/secrets/` with
 * the value as a reference (never the value, never sealed text); an import keeps the stored value
 * and writes the metadata, takes a new value from `--secrets` (base64, sealed before it is
 * stored), refuses a secret it has no value for and a value written in clear, and `--prune` never
 * removes a secret.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { platformNodeRegistry } from '../cli/platform-node-registry.ts';
import { defaultRealmConfig } from '../config/realm-config.ts';
import type { NodeRegistry } from '../journeys/nodes/registry.ts';
import { parseScriptSecretBody } from '../secrets/parse-script-secret-body.ts';
import { scriptSecretDocumentId } from '../secrets/script-secret-document.ts';
import { createScriptSecrets } from '../secrets/script-secrets.ts';
import { createSecretSealer } from '../secrets/secret-sealer.ts';
import { type MemoryStore, openMemoryStore } from '../store/memory/open-memory-store.ts';
import type { ConfigFiles } from './config-files.ts';
import { exportConfig } from './export-config.ts';
import { applyImport, planImport } from './import-config.ts';

const VALUE = 'Risk-API-K3y';
const sealer = createSecretSealer(randomBytes(32));
const base64 = (text: string): string => Buffer.from(text).toString('base64');

let registry: NodeRegistry;
before(async () => {
  registry = await platformNodeRegistry();
});

async function storeWithSecret(): Promise<MemoryStore> {
  const store = openMemoryStore();
  await store.realms.put(defaultRealmConfig('alpha'));
  await secretsOf(store).put('esv-risk-api-key', parseScriptSecretBody('esv-risk-api-key', { valueBase64: base64(VALUE), description: 'Risk API' }), 'amadmin');
  return store;
}

function secretsOf(store: MemoryStore) {
  return createScriptSecrets({ configs: store.configs, sealer, clock: { now: () => Date.now() } });
}

async function exported(store: MemoryStore): Promise<ConfigFiles> {
  const realm = await store.realms.get('alpha');
  assert.ok(realm);
  return exportConfig(store, { realm, global: true, registry });
}

async function importInto(store: MemoryStore, files: ConfigFiles, options: { secrets?: Record<string, string>; prune?: boolean } = {}) {
  const plan = await planImport({ store, files, realm: 'alpha', registry, sealer: async () => sealer, secrets: new Map(Object.entries(options.secrets ?? {})), prune: options.prune ?? false });
  if (plan.problems.length === 0) await applyImport(plan, store);
  return plan;
}

describe('script secrets in config as code', () => {
  it('exports each secret under global/secrets/ with its value as a reference', async () => {
    const files = await exported(await storeWithSecret());
    assert.deepEqual(JSON.parse(files.get('global/secrets/esv-risk-api-key.json') ?? '{}'), {
      _id: 'esv-risk-api-key',
      description: 'Risk API',
      encoding: 'generic',
      useInPlaceholders: false,
      valueBase64: { $secret: 'global/secrets/esv-risk-api-key/valueBase64' },
    });
    const all = [...files.values()].join('\n');
    for (const clear of [VALUE, base64(VALUE), '"v1.', 'sealed']) assert.equal(all.includes(clear), false, `${clear} exported`);
    const realmOnly = await exportConfig(await storeWithSecret(), { realm: defaultRealmConfig('alpha'), global: false, registry });
    assert.equal([...realmOnly.keys()].some((path) => path.startsWith('global/')), false, 'only with the global documents');
  });

  it('keeps the stored value, writes the metadata, and takes a new value from --secrets', async () => {
    const store = await storeWithSecret();
    const files = await exported(store);
    const file = 'global/secrets/esv-risk-api-key.json';
    const edited = new Map(files).set(file, JSON.stringify({ ...JSON.parse(files.get(file) ?? '{}'), description: 'Risk API (prod)' }));
    const plan = await importInto(store, edited);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.changes, [{ kind: '~', file }]);
    assert.equal((await secretsOf(store).get('esv-risk-api-key'))?.description, 'Risk API (prod)');
    assert.equal((await secretsOf(store).value('esv-risk-api-key'))?.toString(), VALUE, 'the value stays');

    const unchanged = await importInto(store, await exported(store));
    assert.deepEqual([unchanged.problems, unchanged.changes], [[], []]);

    const rotated = await importInto(store, edited, { secrets: { 'global/secrets/esv-risk-api-key/valueBase64': base64('Rotated-K3y') } });
    assert.deepEqual(rotated.problems, []);
    assert.equal((await secretsOf(store).value('esv-risk-api-key'))?.toString(), 'Rotated-K3y');
    assert.equal((await secretsOf(store).get('esv-risk-api-key'))?.activeVersion, '2');
    assert.equal(JSON.stringify(await store.configs.get(scriptSecretDocumentId('esv-risk-api-key'))).includes(base64('Rotated-K3y')), false, 'sealed at rest');
  });

  it('refuses a secret without a value to store, a value in clear and a bad id, and never prunes a secret', async () => {
    const files = await exported(await storeWithSecret());
    const fresh = openMemoryStore();
    await fresh.realms.put(defaultRealmConfig('alpha'));
    const missing = await importInto(fresh, files);
    assert.deepEqual(missing.problems, [{ file: 'global/secrets/esv-risk-api-key.json', reason: 'valueBase64: no secret global/secrets/esv-risk-api-key/valueBase64 is stored and none is given (--secrets)' }]);
    const given = await importInto(fresh, files, { secrets: { 'global/secrets/esv-risk-api-key/valueBase64': base64(VALUE) } });
    assert.deepEqual(given.problems, []);
    assert.deepEqual(given.changes.filter((change) => change.file.startsWith('global/secrets/')), [{ kind: '+', file: 'global/secrets/esv-risk-api-key.json' }]);
    assert.equal((await secretsOf(fresh).value('esv-risk-api-key'))?.toString(), VALUE);

    const clear = new Map(files).set('global/secrets/esv-risk-api-key.json', JSON.stringify({ _id: 'esv-risk-api-key', valueBase64: base64(VALUE) }));
    const refused = await importInto(fresh, clear);
    assert.equal(refused.problems.length, 1);
    assert.match(refused.problems[0]?.reason ?? '', /^valueBase64: must be a secret reference/);
    assert.equal(JSON.stringify(refused.problems).includes(base64(VALUE)), false, 'the value is not quoted');
    const badId = await importInto(fresh, new Map(files).set('global/secrets/esv-Bad.json', '{}'));
    assert.match(badId.problems.map((problem) => `${problem.file}: ${problem.reason}`).join('\n'), /global\/secrets\/esv-Bad.json: "esv-Bad" is not a secret id/);

    const withoutSecrets = new Map([...files].filter(([path]) => !path.startsWith('global/secrets/')));
    const pruned = await importInto(fresh, withoutSecrets, { prune: true });
    assert.deepEqual(pruned.problems, []);
    assert.equal(pruned.changes.some((change) => change.file.startsWith('global/secrets/')), false);
    assert.equal((await secretsOf(fresh).value('esv-risk-api-key'))?.toString(), VALUE, 'an import never removes a secret');
  });
});
