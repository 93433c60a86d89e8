import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isSecretsError } from './errors.ts';
import { decodeMasterKey, generateMasterKeyText, loadMasterKey, MASTER_KEY_FILE, readExistingMasterKey } from './master-key.ts';

const roots: string[] = [];
async function dataDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'arbor-master-key-'));
  roots.push(root);
  return join(root, 'data');
}
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe('master key', () => {
  it('takes ARBOR_MASTER_KEY when set, without touching the data directory', async () => {
    const text = generateMasterKeyText();
    const dir = await dataDir();
    const loaded = await loadMasterKey({ env: { ARBOR_MASTER_KEY: text }, dataDir: dir });
    assert.deepStrictEqual(loaded, { key: Buffer.from(text, 'base64url'), source: 'env', generated: false });
    await assert.rejects(stat(dir));
  });

  it('refuses an ARBOR_MASTER_KEY that is not base64url of 32 bytes', async () => {
    for (const bad of ['short', Buffer.alloc(31).toString('base64url'), `${generateMasterKeyText()}==`, Buffer.alloc(32).toString('base64')]) {
      await assert.rejects(loadMasterKey({ env: { ARBOR_MASTER_KEY: bad }, dataDir: await dataDir() }), (error) => isSecretsError(error, 'INVALID_MASTER_KEY'), bad);
    }
  });

  it('generates the key file once, mode 0600, and reads it back afterwards', async () => {
    const dir = await dataDir();
    const first = await loadMasterKey({ env: {}, dataDir: dir });
    assert.equal(first.generated, true);
    assert.equal(first.key.length, 32);
    assert.equal(first.path, join(dir, MASTER_KEY_FILE));
    assert.equal((await stat(join(dir, MASTER_KEY_FILE))).mode & 0o777, 0o600);
    const again = await loadMasterKey({ env: { ARBOR_MASTER_KEY: '' }, dataDir: dir });
    assert.equal(again.generated, false);
    assert.ok(again.key.equals(first.key));
    assert.deepStrictEqual(await readdir(dir), [MASTER_KEY_FILE], 'no temporary file is left behind');
  });

  it('gives racing first starts the same key', async () => {
    const dir = await dataDir();
    const loaded = await Promise.all([1, 2, 3, 4].map(() => loadMasterKey({ env: {}, dataDir: dir })));
    assert.equal(loaded.filter((key) => key.generated).length, 1);
    for (const key of loaded) assert.ok(key.key.equals(loaded[0]!.key));
  });

  it('says what is wrong with a bad key without printing it', () => {
    const standard = Buffer.alloc(32, 0xfb).toString('base64');
    const cases: Array<[string, string]> = [
      ['', 'it is empty'],
      ['abc', 'it has 3 characters'],
      [standard, 'it has = padding: that is standard base64; use base64url (- and _ instead of + and /, no =)'],
      [standard.replace('=', ''), 'it has + or /: that is standard base64; use base64url (- and _ instead of + and /, no =)'],
      [`${generateMasterKeyText().slice(0, 20)} ${generateMasterKeyText().slice(0, 22)}`, 'it holds white space'],
    ];
    for (const [text, reason] of cases) {
      assert.throws(
        () => decodeMasterKey(text, 'ARBOR_MASTER_KEY'),
        (error) => isSecretsError(error, 'INVALID_MASTER_KEY') && error.message === `ARBOR_MASTER_KEY must be base64url of 32 bytes (43 characters of A-Z, a-z, 0-9, - and _): ${reason}` && (text === '' || !error.message.includes(text)),
        reason,
      );
    }
  });

  it('reads an existing key file without ever creating one', async () => {
    const dir = await dataDir();
    assert.equal(await readExistingMasterKey(dir), undefined);
    await assert.rejects(stat(dir), 'no data directory was created');
    const generated = await loadMasterKey({ env: {}, dataDir: dir });
    const existing = await readExistingMasterKey(dir);
    assert.ok(existing?.key.equals(generated.key));
    assert.equal(existing?.generated, false);
    await writeFile(join(dir, MASTER_KEY_FILE), 'garbage\n');
    await assert.rejects(readExistingMasterKey(dir), (error) => isSecretsError(error, 'INVALID_MASTER_KEY') && error.message.includes('it has 7 characters'));
  });

  it('refuses a damaged key file', async () => {
    const dir = await dataDir();
    await loadMasterKey({ env: {}, dataDir: dir });
    await writeFile(join(dir, MASTER_KEY_FILE), 'garbage\n');
    await assert.rejects(loadMasterKey({ env: {}, dataDir: dir }), (error) => isSecretsError(error, 'INVALID_MASTER_KEY'));
    assert.equal(await readFile(join(dir, MASTER_KEY_FILE), 'utf8'), 'garbage\n', 'an existing file is never replaced');
  });
});
