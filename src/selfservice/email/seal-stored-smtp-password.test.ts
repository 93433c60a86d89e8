/** An SMTP password an older Arbor stored in clear is sealed once at start; anything else is left alone. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { openMemoryStore } from '../../store/memory/open-memory-store.ts';
import { createEmailSecrets } from './email-secrets.ts';
import { sealStoredSmtpPassword } from './seal-stored-smtp-password.ts';

describe('sealStoredSmtpPassword', () => {
  const secrets = createEmailSecrets(createSecretSealer(randomBytes(32)));

  it('re-stores a clear password sealed, the rest of the document unchanged; then has nothing more to do', async () => {
    const { configs } = openMemoryStore();
    await configs.put('external.email', { host: 'smtp.test', auth: { enable: true, username: 'mailer', password: 'Older-Clear' }, vendor: { kept: true } });
    assert.equal(await sealStoredSmtpPassword(configs, secrets), true);
    const stored = await configs.get('external.email');
    assert.doesNotMatch(JSON.stringify(stored), /Older-Clear/);
    assert.deepEqual(secrets.openSettings({ host: 'smtp.test', ...(stored as object) }).auth?.password, 'Older-Clear');
    assert.equal(await sealStoredSmtpPassword(configs, secrets), false);
  });

  it('leaves no document, no password and a broken document alone', async () => {
    const { configs } = openMemoryStore();
    assert.equal(await sealStoredSmtpPassword(configs, secrets), false);
    await configs.put('external.email', { host: 'smtp.test', auth: { enable: false } });
    assert.equal(await sealStoredSmtpPassword(configs, secrets), false);
    await configs.put('external.email', { host: 'smtp.test', port: 'not a port', auth: { enable: true, username: 'u', password: 'p' } });
    assert.equal(await sealStoredSmtpPassword(configs, secrets), false);
    assert.equal((await configs.get('external.email') as { auth: { password: string } }).auth.password, 'p');
  });
});
