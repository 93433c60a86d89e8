import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createManualClock } from '../../identity/testing/manual-clock.ts';
import { createSecretSealer } from '../../secrets/secret-sealer.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { installDefaultEmailTemplates } from './default-email-templates.ts';
import { noreplyAddress } from './email-addresses.ts';
import { createEmailSecrets } from './email-secrets.ts';
import { createEmailService, type EmailService } from './email-service.ts';
import { isEmailError } from './errors.ts';

describe('email service', () => {
  let store: Store;
  let email: EmailService;
  const clock = createManualClock();
  const secrets = createEmailSecrets(createSecretSealer(randomBytes(32)));

  beforeEach(async () => {
    store = await openStore({ memory: true });
    await installDefaultEmailTemplates(store.configs);
    email = createEmailService({ configs: store.configs, outbox: store.outbox, clock, defaultFrom: noreplyAddress('https://id.example.org:8443/am'), secrets });
  });
  afterEach(async () => store.close());

  const only = async () => {
    const [message, ...rest] = await store.outbox.list({ limit: 10 });
    assert.equal(rest.length, 0);
    assert.ok(message);
    return message;
  };

  /** The message as delivered: its sealed body opened. */
  const opened = (queued: { message: Parameters<typeof secrets.openMessage>[0] } | undefined) => (queued === undefined ? undefined : secrets.openMessage(queued.message));

  it('sendTemplate renders the template in the best locale and queues it; stored while no SMTP is configured', async () => {
    const object = { userName: 'ann', givenName: 'Ann', resumeURI: 'https://id.example.org/login?suspendedId=s1' };
    assert.deepEqual(await email.sendTemplate('resetPassword', 'ann@example.com', object, ['fr-BE', 'en']), { queued: true });
    const queued = await only();
    assert.deepEqual([queued.status, queued.template, queued.locale, queued.createdAt, queued.nextAttemptAt], ['stored', 'resetPassword', 'fr', clock.now(), clock.now()]);
    assert.equal(queued.message.subject, 'Réinitialisez votre mot de passe');
    assert.deepEqual(queued.message.to, ['ann@example.com']);
    assert.equal(queued.message.from, 'noreply@id.example.org', 'no sender anywhere: noreply@<public host>');
    assert.ok(opened(queued)?.html?.includes('href="https://id.example.org/login?suspendedId&#x3D;s1"'));
    assert.ok(opened(queued)?.text.includes('(https://id.example.org/login?suspendedId=s1)'));
  });

  it('writes the body sealed: the stored message holds the envelope, never the link', async () => {
    const object = { userName: 'ann', resumeURI: 'https://id.example.org/login?suspendedId=secret-resume-id' };
    await email.sendTemplate('resetPassword', 'ann@example.com', object, ['en']);
    const queued = await only();
    assert.equal(queued.message.contentType, 'text/html');
    assert.ok(queued.message.body?.startsWith('v1.'), queued.message.body);
    assert.doesNotMatch(JSON.stringify(queued), /secret-resume-id|suspendedId/);
    assert.ok(opened(queued)?.text.includes('suspendedId=secret-resume-id'));
  });

  it('is pending once SMTP is configured; the sender is the template’s, else the settings’', async () => {
    await store.configs.put('external.email', { host: 'smtp.example.org', from: 'accounts@example.org' });
    await email.sendTemplate('welcome', 'ann@example.com', { userName: 'ann' }, []);
    const first = await only();
    assert.deepEqual([first.status, first.message.from, first.locale], ['pending', 'accounts@example.org', 'en']);
    const welcome = await store.configs.get('emailTemplate/welcome');
    await store.configs.put('emailTemplate/welcome', { ...(welcome as object), from: 'hello@example.org' });
    clock.advance(1);
    await email.sendTemplate('welcome', 'ann@example.com', { userName: 'ann' }, []);
    const [latest] = await store.outbox.list({ limit: 1 });
    assert.equal(latest?.message.from, 'hello@example.org');
  });

  it('does not queue a missing or disabled template', async () => {
    assert.deepEqual(await email.queueTemplate({ templateName: 'nope', to: 'a@b.test', object: {}, locales: [] }), { queued: false, reason: 'missing' });
    const welcome = await store.configs.get('emailTemplate/welcome');
    await store.configs.put('emailTemplate/welcome', { ...(welcome as object), enabled: false });
    assert.deepEqual(await email.sendTemplate('welcome', 'a@b.test', {}, []), { queued: false });
    assert.deepEqual(await store.outbox.list({ limit: 10 }), []);
  });

  it('send queues a ready message: one recipient, cc and bcc as lists, HTML with its text alternative', async () => {
    const { id } = await email.send({ to: 'a@x.test', cc: ['c@x.test'], bcc: 'd@x.test; e@x.test', subject: 'Hi\r\nBcc: evil@x.test', body: '<p>Hello <b>you</b></p>', type: 'text/html' });
    const queued = await store.outbox.get(id);
    assert.deepEqual(opened(queued), {
      from: 'noreply@id.example.org',
      to: ['a@x.test'],
      cc: ['c@x.test'],
      bcc: ['d@x.test', 'e@x.test'],
      subject: 'Hi Bcc: evil@x.test',
      text: 'Hello you',
      html: '<p>Hello <b>you</b></p>',
    });
    const plain = await store.outbox.get((await email.send({ from: 'me@x.test', to: 'a@x.test', subject: 's', body: '<xml/>', type: 'text/xml' })).id);
    assert.deepEqual([plain?.message.from, opened(plain)?.text, opened(plain)?.html, plain?.message.contentType], ['me@x.test', '<xml/>', undefined, 'text/plain']);
  });

  it('refuses bad messages, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ to: '' }, 'to'],
      [{ to: 'not-an-address' }, 'to'],
      [{ to: 'a@x.test\r\nBcc: b@x.test' }, 'to'],
      [{ to: 'a@x.test, b@x.test' }, 'to'],
      [{ to: ['a@x.test', 'b@x.test'] }, 'to'],
      [{ to: 'Ann <a@x.test>' }, 'to'],
      [{ to: 'a@x.test', cc: 'x' }, 'cc'],
      [{ to: 'a@x.test', bcc: [1] }, 'bcc'],
      [{ to: 'a@x.test', type: 'application/json' }, 'type'],
      [{ to: 'a@x.test', from: 'a@x.test, b@x.test' }, 'from'],
    ];
    for (const [fields, field] of cases) {
      await assert.rejects(
        email.send({ subject: 's', body: 'b', ...fields } as Parameters<EmailService['send']>[0]),
        (error) => isEmailError(error, 'INVALID_MESSAGE') && error.field === field,
        JSON.stringify(fields),
      );
    }
    await assert.rejects(email.queueTemplate({ templateName: 'welcome', to: 'nobody', object: {}, locales: [] }), (error) => isEmailError(error, 'INVALID_MESSAGE'));
    assert.deepEqual(await email.sendTemplate('welcome', 'nobody', {}, []), { queued: false }, 'a journey gets "not sent", not an error');
    assert.deepEqual(await email.sendTemplate('welcome', 'victim@x.test, attacker@evil.test', {}, []), { queued: false }, 'a stored mail holding a list is mailed to nobody');
    assert.deepEqual(await email.sendTemplate('../welcome', 'a@b.test', {}, []), { queued: false });
    assert.deepEqual(await store.outbox.list({ limit: 10 }), []);
  });

  it('noreplyAddress takes the host of the public URL', () => {
    assert.equal(noreplyAddress('http://localhost:8080'), 'noreply@localhost');
    assert.equal(noreplyAddress('https://login.example.be/'), 'noreply@login.example.be');
  });
});
