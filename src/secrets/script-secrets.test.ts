/**
 * Script secrets over the configuration store (the in-memory store, SQLite, and PostgreSQL when
 * ARBOR_TEST_POSTGRES_URL is set): sealed before they reach it (the raw document holds neither the
 * value nor its base64), listed and read as metadata only, a new value a new version, the same
 * value the same version, a value opened only by `value` and only under its own id and master key,
 * ids checked.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { ConfigRepository } from '../config/ports.ts';
import { openMemoryStore } from '../store/memory/open-memory-store.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { parseScriptSecretBody } from './parse-script-secret-body.ts';
import { SCRIPT_SECRETS_PREFIX, scriptSecretDocumentId } from './script-secret-document.ts';
import { isScriptSecretError } from './script-secret-errors.ts';
import { createScriptSecrets } from './script-secrets.ts';
import { createSecretSealer } from './secret-sealer.ts';

const VALUE = 'Api-K3y-for-the-risk-service';
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

interface Backend {
  name: string;
  open(): Promise<Store>;
  /** Drops what the backend made (a PostgreSQL schema). */
  drop?(): Promise<void>;
}

/** PostgreSQL at ARBOR_TEST_POSTGRES_URL, in a fresh schema dropped afterwards. */
function postgres(url: string): Backend {
  const schema = `arbor_test_${randomBytes(6).toString('hex')}`;
  const schemaUrl = new URL(url);
  schemaUrl.searchParams.set('options', `-c search_path=${schema}`);
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  let created = false;
  return {
    name: 'PostgreSQL',
    async open() {
      if (!created) await admin.query(`create schema ${schema}`);
      created = true;
      return openStore({ databaseUrl: schemaUrl.toString() });
    },
    async drop() {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

const POSTGRES_URL = process.env.ARBOR_TEST_POSTGRES_URL || undefined;
const backends: Backend[] = [
  { name: 'memory', open: async () => openMemoryStore() },
  { name: 'SQLite', open: () => openStore({ memory: true }) },
  ...(POSTGRES_URL === undefined ? [] : [postgres(POSTGRES_URL)]),
];

for (const { name, open, drop } of backends) {
  describe(`script secrets (${name})`, () => {
    const stores: Store[] = [];
    after(async () => {
      for (const store of stores) await store.close();
      await drop?.();
    });
    let time = Date.parse('2026-01-02T03:04:05.000Z');
    const clock = { now: () => time };
    const sealer = createSecretSealer(randomBytes(32));
    async function fresh(): Promise<{ configs: ConfigRepository; secrets: ReturnType<typeof createScriptSecrets> }> {
      const store = await open();
      stores.push(store);
      return { configs: store.configs, secrets: createScriptSecrets({ configs: store.configs, sealer, clock }) };
    }

    it('seals the value before it reaches the store and shows metadata only', async () => {
      const { configs, secrets } = await fresh();
      const put = await secrets.put('esv-risk-api-key', parseScriptSecretBody('esv-risk-api-key', { valueBase64: base64(VALUE), description: 'Risk API', encoding: 'generic', useInPlaceholders: false }), 'amadmin');
      assert.equal(put.created, true);
      assert.deepEqual(put.secret, {
        _id: 'esv-risk-api-key',
        description: 'Risk API',
        encoding: 'generic',
        useInPlaceholders: false,
        activeVersion: '1',
        loadedVersion: '1',
        loaded: true,
        createDate: '2026-01-02T03:04:05.000Z',
        lastChangeDate: '2026-01-02T03:04:05.000Z',
        lastChangedBy: 'amadmin',
      });
      const raw = JSON.stringify(await configs.get(scriptSecretDocumentId('esv-risk-api-key')));
      assert.ok(raw.includes('"sealed":"v1.'), raw);
      for (const clear of [VALUE, base64(VALUE), Buffer.from(VALUE).toString('hex')]) assert.equal(raw.includes(clear), false, 'the value is sealed at rest');
      assert.deepEqual(await configs.list(SCRIPT_SECRETS_PREFIX), ['environment/secrets/esv-risk-api-key']);

      const listed = JSON.stringify([await secrets.list(), await secrets.get('esv-risk-api-key'), await secrets.versions('esv-risk-api-key')]);
      for (const clear of [VALUE, base64(VALUE), 'sealed', 'v1.']) assert.equal(listed.includes(clear), false, `${clear} is not in what is shown`);
      assert.equal((await secrets.value('esv-risk-api-key'))?.toString('utf8'), VALUE);
    });

    it('makes a new version for a new value, keeps the version for the same one, and deletes', async () => {
      const { secrets } = await fresh();
      const write = (value: string, description: string) => parseScriptSecretBody('esv-x', { valueBase64: base64(value), description });
      await secrets.put('esv-x', write('one', 'first'), 'amadmin');
      time += 1000;
      const same = await secrets.put('esv-x', write('one', 'described again'), 'ops');
      assert.deepEqual([same.created, same.secret.activeVersion, same.secret.description, same.secret.lastChangedBy], [false, '1', 'described again', 'ops']);
      assert.equal(same.secret.createDate, '2026-01-02T03:04:05.000Z', 'the creation stays');
      time += 1000;
      const unchanged = await secrets.put('esv-x', write('one', 'described again'), 'someone else');
      assert.deepEqual(unchanged.secret, same.secret, 'a write that changes nothing writes nothing');
      const replaced = await secrets.put('esv-x', write('two', 'second'), 'amadmin');
      assert.equal(replaced.secret.activeVersion, '2');
      assert.equal((await secrets.value('esv-x'))?.toString(), 'two');
      const version = await secrets.createVersion('esv-x', base64('three'), 'amadmin');
      assert.deepEqual(version, { version: '3', createDate: new Date(time).toISOString(), loaded: true, status: 'ENABLED' });
      assert.deepEqual(await secrets.versions('esv-x'), [version]);
      assert.equal((await secrets.updateMetadata('esv-x', { description: 'third' }, 'amadmin')).description, 'third');
      assert.equal((await secrets.value('esv-x'))?.toString(), 'three');

      assert.equal((await secrets.delete('esv-x'))?._id, 'esv-x');
      assert.equal(await secrets.delete('esv-x'), undefined);
      assert.equal(await secrets.get('esv-x'), undefined);
      assert.equal(await secrets.value('esv-x'), undefined);
      await assert.rejects(secrets.updateMetadata('esv-x', { description: 'gone' }, 'amadmin'), (error) => isScriptSecretError(error, 'SECRET_NOT_FOUND'));
    });

    it('opens a value only under its own id and master key', async () => {
      const { configs, secrets } = await fresh();
      await secrets.put('esv-a', parseScriptSecretBody('esv-a', { valueBase64: base64(VALUE) }), 'amadmin');
      await secrets.put('esv-b', parseScriptSecretBody('esv-b', { valueBase64: base64('other') }), 'amadmin');
      const a = await configs.get(scriptSecretDocumentId('esv-a'));
      const b = await configs.get(scriptSecretDocumentId('esv-b'));
      assert.ok(typeof a === 'object' && a !== null && 'sealed' in a && typeof b === 'object' && b !== null);
      await configs.put(scriptSecretDocumentId('esv-b'), { ...b, sealed: a.sealed });
      await assert.rejects(secrets.value('esv-b'), (error) => error instanceof Error && !error.message.includes(VALUE), 'a sealed value copied to another secret does not open');
      const otherKey = createScriptSecrets({ configs, sealer: createSecretSealer(randomBytes(32)), clock });
      await assert.rejects(otherKey.value('esv-a'), /another master key/);
    });

    it('refuses ids that are not ESV names', async () => {
      const { secrets } = await fresh();
      for (const id of ['risk-key', 'esv-Upper', 'esv-', 'esv--x', 'esv.x', `esv-${'a'.repeat(121)}`, 'esv-a/b']) {
        await assert.rejects(secrets.get(id), (error) => isScriptSecretError(error, 'INVALID_SECRET_ID'), id);
      }
      assert.equal(await secrets.get(`esv-${'a'.repeat(120)}`), undefined, '124 characters is the longest id');
    });
  });
}
