/** The email module's secrets: message bodies and the SMTP password sealed, opened, and read from older forms. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { isSecretsError } from '../../secrets/errors.ts';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { createEmailSecrets } from './email-secrets.ts';

describe('email secrets', () => {
  const secrets = createEmailSecrets(createSecretSealer(randomBytes(32)));
  const message = { from: 'a@x.test', to: ['b@x.test'], cc: [], bcc: ['c@x.test'], subject: 'Reset', text: 'Reset (https://id.test/?suspendedId=s1)', html: '<a href="https://id.test/?suspendedId=s1">Reset</a>' };

  it('seals the body of a message, keeps the envelope in clear, and opens it again', () => {
    const stored = secrets.sealMessage(message);
    assert.deepEqual({ ...stored, body: 'x' }, { from: 'a@x.test', to: ['b@x.test'], cc: [], bcc: ['c@x.test'], subject: 'Reset', contentType: 'text/html', body: 'x' });
    assert.doesNotMatch(JSON.stringify(stored), /suspendedId/);
    assert.deepEqual(secrets.openMessage(stored), message);
    const { html: _html, ...plain } = message;
    assert.deepEqual(secrets.openMessage(secrets.sealMessage(plain)), plain);
    assert.equal(secrets.sealMessage(plain).contentType, 'text/plain');
  });

  it('reads a body written before sealing (clear JSON) and nothing once the body is dropped; another key is refused', () => {
    const { text, html, ...envelope } = message;
    assert.deepEqual(secrets.openMessage({ ...envelope, contentType: 'text/html', body: JSON.stringify({ text, html }) }), message);
    assert.equal(secrets.openMessage({ ...envelope, contentType: 'text/html' }), undefined);
    const other = createEmailSecrets(createSecretSealer(randomBytes(32)));
    assert.throws(() => other.openMessage(secrets.sealMessage(message)), (error) => isSecretsError(error, 'MASTER_KEY_MISMATCH'));
  });

  it('seals the SMTP password as a $crypto envelope, opened only in the settings handed to the transport', () => {
    const envelope = secrets.sealPassword('Sm7p-Secret');
    assert.equal(envelope.$crypto.type, 'x-arbor-sealed');
    assert.doesNotMatch(JSON.stringify(envelope), /Sm7p/);
    assert.equal(secrets.opensPassword(envelope), true);
    assert.equal(createEmailSecrets(createSecretSealer(randomBytes(32))).opensPassword(envelope), false);
    assert.equal(secrets.opensPassword('Sm7p-Secret'), false, 'a clear password is not an envelope');
    const settings = { host: 'smtp.test', auth: { enable: true, username: 'mailer', password: envelope } };
    assert.deepEqual(secrets.openSettings(settings), { host: 'smtp.test', auth: { enable: true, username: 'mailer', password: 'Sm7p-Secret' } });
    assert.deepEqual(secrets.openSettings({ ...settings, auth: { ...settings.auth, password: 'Older-Clear' } }).auth?.password, 'Older-Clear');
    assert.deepEqual(secrets.openSettings({ host: 'smtp.test' }), { host: 'smtp.test' });
  });
});
