/**
 * The default alpha `ResetPassword` journey with the ForgeRock SDK and a real SMTP server: the
 * email arrives, its link carries `suspendedId`, `realm`, `authIndexType` and `authIndexValue`;
 * resuming shows the new-password page; the new password signs in and the old does not; the link
 * works once (then AM's SuspendedAuthSessionException); an unknown address gets the same screen
 * and no email.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { AttributeInputCallback, FRStep, SuspendedTextOutputCallback, ValidatedCreatePasswordCallback } from '@forgerock/javascript-sdk';
import type { SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import {
  addUser,
  adminClient,
  asFailure,
  asStep,
  asSuccess,
  callbackTypes,
  mailTo,
  outbox,
  resumeFromLink,
  resumeLinkOf,
  signInWithSdk,
  startConfiguredSmtp,
  startStep,
  useTree,
} from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const SUSPENDED_MESSAGE = 'An email has been sent to the address you entered. Click the link in that email to proceed.';
const TOKEN_NOT_FOUND = 'org.forgerock.openam.auth.nodes.framework.token.SuspendedAuthSessionException: Token not found. It may have expired.';

/** Starts ResetPassword and submits `mail`; resolves to the suspended step. */
async function requestReset(server: TestServer, mail: string): Promise<FRStep> {
  useTree(server, 'ResetPassword');
  const first = await startStep();
  assert.equal(first.getHeader(), 'Reset Password');
  assert.deepEqual(callbackTypes(first), ['StringAttributeInputCallback']);
  const address = first.getCallbackOfType<AttributeInputCallback<string>>(CallbackType.StringAttributeInputCallback);
  assert.equal(address.getName(), 'mail');
  address.setValue(mail);
  return asStep(await FRAuth.next(first));
}

/** A step without its authId (which differs on every step). */
function withoutAuthId(step: FRStep): Record<string, unknown> {
  const { authId, ...rest } = step.payload;
  assert.ok(typeof authId === 'string');
  return rest;
}

describe('the default ResetPassword journey with the ForgeRock SDK and a real SMTP server', () => {
  let server: TestServer;
  let sink: SmtpSink;

  before(async () => {
    server = await startTestServer({ env: { ARBOR_PUBLIC_URL: 'https://id.example.be' } });
    sink = await startConfiguredSmtp(await adminClient(server));
    await addUser(server, 'alpha', 'hana', 'Old-Passw0rd1', { mail: 'hana@example.com', givenName: 'Hana', sn: 'Ito' }, { termsAccepted: true });
  });
  after(async () => {
    await sink?.stop();
    await server?.close();
  });

  it('emails a link that resumes into the new-password page; the new password works, the old does not; the link works once', async () => {
    const suspended = await requestReset(server, 'hana@example.com');
    assert.deepEqual(callbackTypes(suspended), ['SuspendedTextOutputCallback']);
    const text = suspended.getCallbackOfType<SuspendedTextOutputCallback>(CallbackType.SuspendedTextOutputCallback);
    assert.equal(text.getMessage(), SUSPENDED_MESSAGE);
    assert.equal(text.getMessageType(), '0');

    await server.flushMail();
    const [mail] = mailTo(sink, 'hana@example.com');
    assert.ok(mail !== undefined, 'the reset email reached the SMTP server');
    assert.equal(mail.from?.value[0]?.address, 'accounts@example.be');
    assert.equal(mail.subject, 'Reset your password');
    const link = resumeLinkOf(mail);
    assert.equal(link.searchParams.get('realm'), '/alpha');
    assert.equal(link.searchParams.get('authIndexType'), 'service');
    assert.equal(link.searchParams.get('authIndexValue'), 'ResetPassword');
    assert.match(link.searchParams.get('suspendedId') ?? '', /^[\w-]{20,}$/);
    assert.equal(`${link.origin}${link.pathname}`, 'https://id.example.be/login', 'the login page at the public URL');

    const page = asStep(await resumeFromLink(server, link));
    assert.equal(page.getHeader(), 'Reset Password');
    assert.equal(page.getDescription(), 'Change password');
    assert.deepEqual(callbackTypes(page), ['ValidatedCreatePasswordCallback']);
    page.getCallbackOfType<ValidatedCreatePasswordCallback>(CallbackType.ValidatedCreatePasswordCallback).setPassword('New-Passw0rd2');
    asSuccess(await FRAuth.next(page));

    asSuccess(await signInWithSdk(server, 'hana', 'New-Passw0rd2'));
    asFailure(await signInWithSdk(server, 'hana', 'Old-Passw0rd1'));

    const replay = asFailure(await resumeFromLink(server, link));
    assert.equal(replay.getCode(), 401);
    assert.equal(replay.getMessage(), TOKEN_NOT_FOUND);
  });

  it('answers an unknown address with the same screen as a known one, and sends it no email', async () => {
    const before = sink.messages.length;
    const known = await requestReset(server, 'hana@example.com');
    const unknown = await requestReset(server, 'nobody@example.com');
    assert.deepEqual(withoutAuthId(unknown), withoutAuthId(known));
    await server.flushMail();
    assert.deepEqual(sink.messages.slice(before).map((message) => message.to !== undefined && !Array.isArray(message.to) ? message.to.text : ''), ['hana@example.com']);
    assert.deepEqual(mailTo(sink, 'nobody@example.com'), []);
    assert.deepEqual(
      (await outbox(server)).filter((message) => message.message.to.includes('nobody@example.com')).map((message) => message.status),
      ['withheld'],
      'nothing queued for delivery: the same work was done, the message withheld',
    );
  });

  it('keeps a link working for its suspension (60 minutes by default), not longer', async () => {
    const emailed = async (): Promise<URL> => {
      const before = mailTo(sink, 'hana@example.com').length;
      await requestReset(server, 'hana@example.com');
      await server.flushMail();
      const mail = mailTo(sink, 'hana@example.com')[before];
      assert.ok(mail !== undefined);
      return resumeLinkOf(mail);
    };
    const late = await emailed();
    server.clock.advance(59 * 60_000);
    assert.equal(asStep(await resumeFromLink(server, late)).getDescription(), 'Change password', 'past the 30-minute journey limit, within the suspension');

    const expired = await emailed();
    server.clock.advance(61 * 60_000);
    const failure = asFailure(await resumeFromLink(server, expired));
    assert.deepEqual([failure.getCode(), failure.getMessage()], [401, TOKEN_NOT_FOUND]);
  });
});
