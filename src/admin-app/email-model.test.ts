/** The email section's pure parts: places, the SMTP form and its write-only password, template documents, outbox entries in words. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deliveryText, emailPathOf, emailPlaceOf, outboxEntryOf, previewDocument, sampleObjectOf, smtpDocumentOf, smtpFormOf, smtpProblems, templateBodyOf, templateDocumentOf, templateLocales } from './email-model.ts';

const SEALED = { $crypto: { type: 'x-arbor-sealed', value: { data: 'v1.x.y' } } };

describe('email model', () => {
  it('reads and writes the section places', () => {
    assert.deepEqual(emailPlaceOf([]), { tab: 'settings' });
    assert.deepEqual(emailPlaceOf(['nonsense']), { tab: 'settings' });
    assert.deepEqual(emailPlaceOf(['templates', 'welcome']), { tab: 'templates', name: 'welcome' });
    assert.deepEqual(emailPlaceOf(['outbox']), { tab: 'outbox' });
    assert.deepEqual(emailPathOf({ tab: 'outbox', id: 'abc' }), ['outbox', 'abc']);
  });

  it('shows a stored password as stored, never its value, and sends a password only when one is typed', () => {
    const stored = { _id: 'external.email', host: 'smtp.example.com', port: 587, starttls: { enable: true }, auth: { enable: true, username: 'mailer', password: SEALED }, from: 'a@example.com', smtpProperties: { 'mail.smtp.localhost': 'arbor' } };
    const form = smtpFormOf(stored);
    assert.deepEqual(form, { host: 'smtp.example.com', port: '587', security: 'starttls', username: 'mailer', from: 'a@example.com', passwordStored: true });
    assert.doesNotMatch(JSON.stringify(form), /crypto|v1\./);
    const kept = smtpDocumentOf(stored, form, '');
    assert.deepEqual(kept.auth, { enable: true, username: 'mailer' }, 'no password: the server keeps the stored one');
    assert.deepEqual(kept.smtpProperties, { 'mail.smtp.localhost': 'arbor' }, 'other fields round-trip');
    assert.equal(Object.hasOwn(kept, '_id'), false);
    assert.deepEqual(smtpDocumentOf(stored, { ...form, security: 'ssl', port: '' }, 'n3w').auth, { enable: true, username: 'mailer', password: 'n3w' });
    const off = smtpDocumentOf(stored, { ...form, host: '', username: '', security: 'none' }, '');
    assert.deepEqual([off.host, off.auth, off.ssl, off.starttls], [undefined, { enable: false }, { enable: false }, { enable: false }]);
    assert.deepEqual(smtpFormOf(undefined), { host: '', port: '', security: 'none', username: '', from: '', passwordStored: false });
  });

  it('flags a bad port, host or sender before sending', () => {
    const form = smtpFormOf({ host: 'smtp.example.com' });
    assert.deepEqual(smtpProblems(form), {});
    assert.deepEqual(Object.keys(smtpProblems({ ...form, port: '70000', host: 'a b', from: 'nobody' })).sort(), ['from', 'host', 'port']);
  });

  it('edits a template per locale and saves its unknown fields back', () => {
    const document = templateDocumentOf({ _id: 'emailTemplate/welcome', enabled: false, subject: { fr: 'Bonjour', en: 'Hello' }, message: { en: '<p>Hi</p>', fr: '<p>Salut</p>' }, defaultLocale: 'fr', styles: 'body{}', __proto__: { polluted: true } });
    assert.deepEqual(templateLocales(document), ['fr', 'en'], 'the default first');
    const body = templateBodyOf({ ...document, message: { ...document.message, en: '<p>Hey</p>' } });
    assert.deepEqual(body, { styles: 'body{}', enabled: false, subject: { fr: 'Bonjour', en: 'Hello' }, message: { en: '<p>Hey</p>', fr: '<p>Salut</p>' }, defaultLocale: 'fr', mimeType: 'text/html' });
  });

  it('parses the sample data and frames a preview that can run nothing', () => {
    assert.deepEqual(sampleObjectOf('{"givenName":"Ann"}'), { object: { givenName: 'Ann' } });
    assert.ok('problem' in sampleObjectOf('[1]'));
    assert.ok('problem' in sampleObjectOf('{'));
    assert.match(previewDocument('<p>x</p>'), /default-src 'none'.*<body><p>x<\/p><\/body>/);
  });

  it('reads outbox entries defensively and says where each one is', () => {
    const failing = outboxEntryOf({ _id: 'm1', status: 'pending', to: ['a@example.com', 3], subject: 'Hi', attempts: 2, lastError: 'connect ECONNREFUSED', nextAttemptAt: 'soon', retryable: true });
    assert.deepEqual([failing.to, failing.retryable, deliveryText(failing)], [['a@example.com'], true, 'Attempt 2 failed: connect ECONNREFUSED. Next attempt soon']);
    assert.equal(deliveryText(outboxEntryOf({ status: 'pending', attempts: 0 })), 'Queued: waiting for delivery');
    assert.equal(deliveryText(outboxEntryOf({ status: 'failed', attempts: 10, lastError: '550 no such user' })), 'Failed after 10 attempts: 550 no such user');
    assert.equal(deliveryText(outboxEntryOf({ status: 'stored' })), 'Kept: no SMTP server configured');
    assert.match(deliveryText(outboxEntryOf({ status: 'sent', sentAt: '2026-01-02T03:04:05.000Z' })), /^Delivered /);
    assert.equal(outboxEntryOf({ status: 'weird', attempts: -1 }).attempts, 0);
    assert.deepEqual(outboxEntryOf({ body: { text: 't', html: '<p>t</p>' } }).body, { text: 't', html: '<p>t</p>' });
  });
});
