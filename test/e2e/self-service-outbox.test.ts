/**
 * A password reset while the SMTP server is down: the email stays in the outbox (seen with
 * `arbor mail list`), is not retried before its backoff, and is delivered once the server is back
 * and the test clock has passed the backoff; its link still resumes the journey.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { AttributeInputCallback } from '@forgerock/javascript-sdk';
import type { SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import { addUser, adminClient, asStep, callbackTypes, mailTo, outbox, resumeFromLink, resumeLinkOf, startConfiguredSmtp, startStep, useTree } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

describe('a reset email while the SMTP server is down', () => {
  let server: TestServer;
  let sink: SmtpSink;

  before(async () => {
    server = await startTestServer();
    sink = await startConfiguredSmtp(await adminClient(server));
    await addUser(server, 'alpha', 'kim', 'Secret-Passw0rd', { mail: 'kim@example.com' });
  });
  after(async () => {
    await sink?.stop();
    await server?.close();
  });

  it('is kept in the outbox and delivered after the backoff once the server is back', async () => {
    await sink.stop();
    useTree(server, 'ResetPassword');
    const first = await startStep();
    first.getCallbackOfType<AttributeInputCallback<string>>(CallbackType.StringAttributeInputCallback).setValue('kim@example.com');
    assert.deepEqual(callbackTypes(asStep(await FRAuth.next(first))), ['SuspendedTextOutputCallback'], 'the user sees the usual message');

    const failedAt = server.clock.now();
    // (The worker's own 10-second pass may have made this attempt first: then this one claims nothing.)
    const attempt = await server.flushMail();
    assert.equal(attempt.sent, 0, JSON.stringify(attempt));
    const [kept] = await outbox(server);
    assert.ok(kept !== undefined);
    assert.deepEqual([kept.status, kept.template, kept.message.to], ['pending', 'resetPassword', ['kim@example.com']]);
    assert.ok(kept.attempts >= 1);
    assert.match(kept.lastError ?? '', /ECONNREFUSED/);
    assert.ok(kept.nextAttemptAt >= failedAt + 60_000, 'retried after a backoff');
    const listed = await server.cli(['mail', 'list', '--status', 'pending']);
    assert.equal(listed.code, 0, listed.err);
    assert.match(listed.out, new RegExp(`^${kept.id}\\tpending\\t.*\\tkim@example\\.com\\tReset your password\\tattempts=\\d+\\tnext attempt .*ECONNREFUSED`, 'm'));

    await sink.restart();
    assert.equal((await server.flushMail()).claimed, 0, 'not before the backoff');
    assert.equal(sink.messages.length, 0);

    server.clock.advance(kept.nextAttemptAt - server.clock.now() + 1_000);
    await server.flushMail();
    const [mail] = mailTo(sink, 'kim@example.com');
    assert.ok(mail !== undefined, 'delivered once the server is back');
    assert.equal(mail.subject, 'Reset your password');
    assert.deepEqual((await outbox(server)).map((message) => [message.id, message.status]), [[kept.id, 'sent']]);
    assert.equal((await server.flushMail()).claimed, 0, 'sent once');

    const page = asStep(await resumeFromLink(server, resumeLinkOf(mail)));
    assert.equal(page.getDescription(), 'Change password', 'the late link still resumes the journey');
  });
});
