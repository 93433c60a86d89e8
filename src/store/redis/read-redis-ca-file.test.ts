/**
 * ARBOR_REDIS_CA_FILE: a PEM file of CA certificates read at start (a bundle keeps every
 * certificate, text around them dropped); a missing, unreadable, oversized or garbage file, a
 * private key, a broken certificate, or the setting without a TLS ARBOR_REDIS_URL, is refused by
 * the settings naming the variable and the path, never what the file holds.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rootCertificates } from 'node:tls';
import { isSettingsError, loadServerSettings, type SettingsError } from '../../config/server-settings.ts';
import { isRedisCaFileError, readRedisCaFile } from './read-redis-ca-file.ts';

const TLS_URL = 'rediss+cluster://n1.example.com:6380';

/** Two public CA certificates Node.js ships (any PEM certificate would do). */
const [FIRST, SECOND] = rootCertificates;

describe('ARBOR_REDIS_CA_FILE', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'arbor-redis-ca-'));
  });
  after(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  /** A file named `name` in the test's directory holding `content`; its path. */
  async function file(name: string, content: string | Buffer): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  }

  /** The settings error for ARBOR_REDIS_CA_FILE=`caFile` (relative to the test's directory) with the variables `env`. */
  function refusal(caFile: string, env: Record<string, string> = { ARBOR_REDIS_URL: TLS_URL }): SettingsError {
    try {
      loadServerSettings({ ...env, ARBOR_REDIS_CA_FILE: caFile }, dir);
    } catch (error) {
      assert.ok(isSettingsError(error), String(error));
      assert.equal(error.variable, 'ARBOR_REDIS_CA_FILE');
      return error;
    }
    assert.fail(`ARBOR_REDIS_CA_FILE=${caFile} was accepted`);
  }

  it('keeps every certificate of a bundle, dropping the text around them', async () => {
    assert.ok(FIRST !== undefined && SECOND !== undefined);
    const path = await file('bundle.pem', `# Our private CA\n${FIRST}\nissued 2026\n${SECOND}\n`);
    assert.equal(readRedisCaFile(path), `${FIRST.trim()}\n${SECOND.trim()}\n`);
  });

  it('is read by the settings, relative to the working directory, with a TLS ARBOR_REDIS_URL of each form', async () => {
    assert.ok(FIRST !== undefined);
    await file('ca.pem', FIRST);
    for (const url of ['rediss://cache.example.com:6380', 'rediss+sentinel://s1.example.com/mymaster', TLS_URL]) {
      assert.equal(loadServerSettings({ ARBOR_REDIS_URL: url, ARBOR_REDIS_CA_FILE: 'ca.pem' }, dir).redisCa, `${FIRST.trim()}\n`);
    }
    assert.equal(loadServerSettings({ ARBOR_REDIS_URL: TLS_URL, ARBOR_REDIS_CA_FILE: '' }, dir).redisCa, undefined);
  });

  it('is refused without a TLS ARBOR_REDIS_URL (a plain connection would ignore it)', async () => {
    assert.ok(FIRST !== undefined);
    await file('ca.pem', FIRST);
    for (const url of ['redis+cluster://n1.example.com:6379', 'redis://cache.example.com', 'redis+sentinel://s1.example.com/mymaster']) {
      assert.equal(refusal('ca.pem', { ARBOR_REDIS_URL: url }).message, 'ARBOR_REDIS_CA_FILE is set, but ARBOR_REDIS_URL does not use TLS (rediss://, rediss+sentinel:// or rediss+cluster://)');
    }
    assert.equal(refusal('ca.pem', {}).message, 'ARBOR_REDIS_CA_FILE is set, but ARBOR_REDIS_URL is not');
  });

  it('refuses a path that is missing, a directory or unreadable, naming it', async (t) => {
    assert.equal(refusal('missing.pem').message, `ARBOR_REDIS_CA_FILE ${join(dir, 'missing.pem')} does not exist`);
    assert.equal(refusal('.').message, `ARBOR_REDIS_CA_FILE ${dir} is not a file`);
    const locked = await file('locked.pem', FIRST ?? '');
    await chmod(locked, 0o000);
    if (process.getuid?.() === 0) {
      t.diagnostic('root reads every file: the unreadable case cannot be shown');
    } else {
      assert.equal(refusal('locked.pem').message, `ARBOR_REDIS_CA_FILE ${locked} cannot be read by this user`);
    }
  });

  it('refuses garbage, a DER file, a broken certificate and a private key, never repeating the content', async () => {
    const garbage = await file('garbage.pem', 'Hunter2-not-a-certificate\n');
    assert.equal(
      refusal('garbage.pem').message,
      `ARBOR_REDIS_CA_FILE ${garbage} holds no PEM certificate (-----BEGIN CERTIFICATE-----); convert a DER file with: openssl x509 -inform der -in ca.der -out ca.pem`,
    );
    await file('ca.der', Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00]));
    assert.match(refusal('ca.der').message, /holds no PEM certificate/);
    const broken = await file('broken.pem', `${FIRST ?? ''}\n-----BEGIN CERTIFICATE-----\nSHVudGVyMi1zZWNyZXQ=\n-----END CERTIFICATE-----\n`);
    assert.equal(refusal('broken.pem').message, `ARBOR_REDIS_CA_FILE ${broken}: certificate 2 is not a valid X.509 certificate`);
    const cut = await file('cut.pem', `-----BEGIN CERTIFICATE-----\nSHVudGVyMi1zZWNyZXQ=\n`);
    assert.equal(refusal('cut.pem').message, `ARBOR_REDIS_CA_FILE ${cut} is not valid PEM: a certificate's BEGIN line is not followed by base64 and its END line`);
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const withKey = await file('with-key.pem', `${FIRST ?? ''}\n${key}`);
    const message = refusal('with-key.pem').message;
    assert.equal(message, `ARBOR_REDIS_CA_FILE ${withKey} holds a private key: it must hold only the CA certificates (PEM), and a key must stay secret`);
    for (const text of ['Hunter2', 'SHVudGVyMi1zZWNyZXQ', key.split('\n')[1] ?? 'x']) assert.ok(!message.includes(text) && !refusal('broken.pem').message.includes(text));
  });

  it('refuses a file larger than 1 MiB before reading it all', async () => {
    const big = await file('big.pem', FIRST ?? '');
    await truncate(big, 64 * 1024 * 1024);
    assert.equal(refusal('big.pem').message, `ARBOR_REDIS_CA_FILE ${big} is larger than 1 MiB: it must hold only the CA certificates (PEM)`);
  });

  it('is a typed error when read directly', async () => {
    assert.throws(() => readRedisCaFile(join(dir, 'nothing-here.pem')), (error: unknown) => isRedisCaFileError(error) && error.code === 'INVALID_REDIS_CA_FILE');
  });
});
