import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSmtpConfigured, parseEmailSettings, withoutPassword } from './email-settings.ts';
import { isEmailError } from './errors.ts';

/** IDM's conf/external.email.json as the reference documents it. */
const IDM_DOCUMENT = {
  host: 'smtp.example.com',
  port: 587,
  debug: false,
  auth: { enable: true, username: 'mailer', password: 'S3cret' },
  from: 'noreply@example.com',
  starttls: { enable: true },
  ssl: { enable: false },
  smtpProperties: ['mail.smtp.ssl.protocols=TLSv1.2'],
  threadPoolSize: 20,
  timeout: 300000,
  writetimeout: 300000,
  connectiontimeout: 300000,
};

function rejects(value: unknown, field: string, message: RegExp): void {
  assert.throws(
    () => parseEmailSettings(value),
    (error) => isEmailError(error, 'INVALID_EMAIL_SETTINGS') && error.field === field && message.test(error.message),
  );
}

describe('parseEmailSettings', () => {
  it("accepts IDM's document unchanged", () => {
    assert.deepEqual(parseEmailSettings(IDM_DOCUMENT), IDM_DOCUMENT);
    assert.equal(isSmtpConfigured(parseEmailSettings(IDM_DOCUMENT)), true);
  });

  it('keeps unknown fields, drops _id, trims the host and reads numbers given as strings', () => {
    const parsed = parseEmailSettings({ _id: 'external.email', host: ' mail.local ', port: '2525', mailerVendor: { x: 1 }, auth: { enable: false, mechanism: 'PLAIN' } });
    assert.deepEqual(parsed, { host: 'mail.local', port: 2525, mailerVendor: { x: 1 }, auth: { enable: false, mechanism: 'PLAIN' } });
  });

  it('an empty document, or one without a host, means no SMTP: the outbox is the destination', () => {
    assert.equal(isSmtpConfigured(parseEmailSettings({})), false);
    assert.equal(isSmtpConfigured(parseEmailSettings({ host: '', from: 'a@b.c' })), false);
    assert.equal(isSmtpConfigured(undefined), false);
  });

  it('names the field at fault', () => {
    rejects([], '', /JSON object/);
    rejects({ host: 42 }, 'host', /host must be a string/);
    rejects({ host: 'smtp example.com' }, 'host', /host name/);
    rejects({ port: 70000 }, 'port', /port must be an integer from 1 to 65535/);
    rejects({ port: 'abc' }, 'port', /port/);
    rejects({ auth: 'yes' }, 'auth', /auth must be an object/);
    rejects({ auth: { enable: 'maybe' } }, 'auth.enable', /auth.enable must be true or false/);
    rejects({ auth: { enable: true, password: 'x' } }, 'auth.username', /auth.username is required/);
    rejects({ auth: { enable: true, username: 'u', password: 7 } }, 'auth.password', /auth.password must be a string/);
    rejects({ from: 'nobody' }, 'from', /from must be an email address/);
    rejects({ starttls: { enable: 1 } }, 'starttls.enable', /starttls.enable/);
    rejects({ starttls: { enable: true }, ssl: { enable: true } }, 'starttls.enable', /cannot both be true/);
    rejects({ smtpProperties: 'a=b' }, 'smtpProperties', /array of strings/);
    rejects({ timeout: -1 }, 'timeout', /timeout must be an integer/);
    rejects({ connectiontimeout: 1.5 }, 'connectiontimeout', /connectiontimeout/);
  });

  it('withoutPassword leaves the password out and nothing else', () => {
    const shown = withoutPassword(parseEmailSettings(IDM_DOCUMENT));
    assert.deepEqual(shown.auth, { enable: true, username: 'mailer' });
    assert.equal(shown.host, 'smtp.example.com');
    assert.equal(JSON.stringify(shown).includes('S3cret'), false);
  });
});
