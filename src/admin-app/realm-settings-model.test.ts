import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formOf, settingsBody } from './realm-settings-model.ts';

const DOCUMENT = {
  userType: 'alpha_user',
  successUrl: '/enduser/?realm=/alpha',
  externalLoginUrl: '',
  lockout: { enabled: true, failureCount: 5, failureWindowMinutes: 5, durationMinutes: 15, durationMultiplier: 1, warnUserCount: 0 },
  sessions: { maxIdleMinutes: 30, maxSessionMinutes: 120 },
  journeys: { stepTimeoutMinutes: 5, maxDurationMinutes: 30, maxNodesPerRequest: 100, defaultTree: 'Login', suspendedMinutes: 60 },
  throttling: { clientFailures: 20, clientWindowSeconds: 60, administratorFailures: 10, administratorWindowMinutes: 15 },
  scripting: { timeoutMs: 2000 },
  sms: { url: 'https://sms.example.com/send', headers: { authorization: { $secret: 'realm/sms/headers/authorization' } } },
};

describe('the realm settings form', () => {
  it('shows each setting as text, and sends back the document it read when nothing changed', () => {
    const values = formOf(DOCUMENT);
    assert.equal(values['lockout.failureCount'], '5');
    assert.equal(values['lockout.enabled'], 'true');
    assert.equal(values['usersMayDeleteAccount'], 'false');
    assert.equal(values['pages.theme.primaryColor'], '');
    const body = settingsBody(DOCUMENT, values);
    assert.ok(body.ok);
    assert.deepEqual(body.document, { ...DOCUMENT, usersMayDeleteAccount: false });
  });

  it('puts edited values back as numbers, booleans and lists, keeping what the page does not show', () => {
    const values = { ...formOf(DOCUMENT), 'lockout.failureCount': ' 3 ', 'lockout.enabled': 'false', validGotoDestinations: 'https://app.example.com/*\n\n https://b.example.com/x ', 'pages.theme.primaryColor': '#123456' };
    const body = settingsBody(DOCUMENT, values);
    assert.ok(body.ok);
    assert.deepEqual(body.document.lockout, { ...DOCUMENT.lockout, failureCount: 3, enabled: false });
    assert.deepEqual(body.document.validGotoDestinations, ['https://app.example.com/*', 'https://b.example.com/x']);
    assert.deepEqual(body.document.pages, { theme: { primaryColor: '#123456' } });
    assert.deepEqual(body.document.sms, DOCUMENT.sms, 'the SMS secret references go back as they came');
    assert.equal(DOCUMENT.lockout.failureCount, 5, 'the document read is not changed');
  });

  it('refuses a count that is not a whole number before sending, naming the field', () => {
    const body = settingsBody(DOCUMENT, { ...formOf(DOCUMENT), 'sessions.maxIdleMinutes': '-1', 'journeys.stepTimeoutMinutes': 'five' });
    assert.ok(!body.ok);
    assert.deepEqual([...body.problems.keys()], ['sessions.maxIdleMinutes', 'journeys.stepTimeoutMinutes']);
  });

  it('leaves out an emptied theme', () => {
    const withTheme = { ...DOCUMENT, pages: { theme: { textColor: '#000' } } };
    const body = settingsBody(withTheme, { ...formOf(withTheme), 'pages.theme.textColor': '' });
    assert.ok(body.ok);
    assert.equal(body.document.pages, undefined);
  });
});
