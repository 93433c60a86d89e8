import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSmsError } from './sms-errors.ts';
import { DEFAULT_SMS_TIMEOUT_MS, isLoopbackHost, resolveSmsSettings } from './sms-settings.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isSmsError(error) ? error.code : 'NOT_AN_SMS_ERROR';
  }
  return undefined;
}

describe('resolveSmsSettings', () => {
  it('takes an https webhook with its headers, and the default timeout', () => {
    const settings = resolveSmsSettings({ webhookUrl: 'https://sms.example.com/send', headers: { Authorization: 'Bearer t0ken' } });
    assert.equal(settings.webhookUrl.href, 'https://sms.example.com/send');
    assert.deepEqual(settings.headers, { Authorization: 'Bearer t0ken' });
    assert.equal(settings.timeoutMs, DEFAULT_SMS_TIMEOUT_MS);
  });

  it('says SMS_NOT_CONFIGURED for a realm without a webhook', () => {
    assert.equal(codeOf(() => resolveSmsSettings(undefined)), 'SMS_NOT_CONFIGURED');
    assert.equal(codeOf(() => resolveSmsSettings({ webhookUrl: ' ' })), 'SMS_NOT_CONFIGURED');
  });

  it('refuses plain http, unless allowLoopbackHttp is on and the host is a loopback address', () => {
    assert.equal(codeOf(() => resolveSmsSettings({ webhookUrl: 'http://sms.example.com/send' })), 'SMS_SETTINGS_INVALID');
    assert.equal(codeOf(() => resolveSmsSettings({ webhookUrl: 'http://127.0.0.1:8080/sms' })), 'SMS_SETTINGS_INVALID');
    assert.equal(codeOf(() => resolveSmsSettings({ webhookUrl: 'http://sms.example.com/send', allowLoopbackHttp: true })), 'SMS_SETTINGS_INVALID');
    assert.equal(resolveSmsSettings({ webhookUrl: 'http://127.0.0.1:8080/sms', allowLoopbackHttp: true }).webhookUrl.port, '8080');
    assert.equal(codeOf(() => resolveSmsSettings({ webhookUrl: 'ftp://sms.example.com/' })), 'SMS_SETTINGS_INVALID');
  });

  it('refuses credentials in the URL, header injection, reserved headers and a timeout out of range', () => {
    assert.equal(codeOf(() => resolveSmsSettings({ webhookUrl: 'https://user:secret@sms.example.com/' })), 'SMS_SETTINGS_INVALID');
    assert.equal(codeOf(() => resolveSmsSettings({ webhookUrl: 'https://sms.example.com/', headers: { 'X-Key': 'a\r\nHost: evil' } })), 'SMS_SETTINGS_INVALID');
    assert.equal(codeOf(() => resolveSmsSettings({ webhookUrl: 'https://sms.example.com/', headers: { 'Content-Type': 'text/plain' } })), 'SMS_SETTINGS_INVALID');
    assert.equal(codeOf(() => resolveSmsSettings({ webhookUrl: 'https://sms.example.com/', timeoutMs: 60_000 })), 'SMS_SETTINGS_INVALID');
  });

  it('never quotes a header value (it may be a secret) in its error', () => {
    try {
      resolveSmsSettings({ webhookUrl: 'https://sms.example.com/', headers: { 'X-Key': 'sup3r-secret\n' } });
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof Error && !error.message.includes('sup3r-secret'));
    }
  });
});

describe('isLoopbackHost', () => {
  it('knows 127.x, ::1 and localhost, and nothing else', () => {
    assert.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('127.1.2.3') && isLoopbackHost('[::1]') && isLoopbackHost('LOCALHOST'));
    assert.ok(!isLoopbackHost('10.0.0.1') && !isLoopbackHost('127.0.0.1.example.com') && !isLoopbackHost('example.com'));
  });
});
