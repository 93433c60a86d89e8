/**
 * The default alpha `ForgottenUsername` journey with the ForgeRock SDK and a real SMTP server:
 * the email carries the username, and its link continues into the `Login` inner tree (the Sign In
 * page), where signing in succeeds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { AttributeInputCallback, SuspendedTextOutputCallback } from '@forgerock/javascript-sdk';
import type { SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import { addUser, adminClient, asStep, asSuccess, callbackTypes, mailTo, resumeFromLink, resumeLinkOf, startConfiguredSmtp, startStep, submitCredentials, useTree, validateSession } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

describe('the default ForgottenUsername journey with the ForgeRock SDK and a real SMTP server', () => {
  let server: TestServer;
  let sink: SmtpSink;

  before(async () => {
    server = await startTestServer();
    sink = await startConfiguredSmtp(await adminClient(server));
    await addUser(server, 'alpha', 'ines.vermeulen', 'Secret-Passw0rd', { mail: 'ines@example.com', givenName: 'Ines', sn: 'Vermeulen' }, { termsAccepted: true });
  });
  after(async () => {
    await sink?.stop();
    await server?.close();
  });

  it('emails the username; the link continues into the Sign In page, where signing in succeeds', async () => {
    useTree(server, 'ForgottenUsername');
    const first = await startStep();
    assert.equal(first.getHeader(), 'Forgotten Username');
    const address = first.getCallbackOfType<AttributeInputCallback<string>>(CallbackType.StringAttributeInputCallback);
    assert.equal(address.getName(), 'mail');
    address.setValue('ines@example.com');
    const suspended = asStep(await FRAuth.next(first));
    assert.deepEqual(callbackTypes(suspended), ['SuspendedTextOutputCallback']);
    assert.match(suspended.getCallbackOfType<SuspendedTextOutputCallback>(CallbackType.SuspendedTextOutputCallback).getMessage(), /An email has been sent/);

    await server.flushMail();
    const [mail] = mailTo(sink, 'ines@example.com');
    assert.ok(mail !== undefined, 'the email reached the SMTP server');
    assert.ok(mail.text?.includes('ines.vermeulen'), `the username is in the text: ${mail.text}`);
    assert.ok(String(mail.html).includes('ines.vermeulen'), 'and in the HTML');
    const link = resumeLinkOf(mail);
    assert.equal(link.searchParams.get('authIndexValue'), 'ForgottenUsername');

    const signIn = asStep(await resumeFromLink(server, link));
    assert.equal(signIn.getHeader(), 'Sign In', 'the Login inner tree');
    assert.deepEqual(callbackTypes(signIn), ['NameCallback', 'PasswordCallback']);
    const success = asSuccess(await submitCredentials(signIn, 'ines.vermeulen', 'Secret-Passw0rd'));
    const token = success.getSessionToken();
    assert.ok(token !== undefined);
    assert.equal((await validateSession(server, token)).uid, 'ines.vermeulen');
  });

  it('answers an unknown address with the same screen and emails nobody', async () => {
    const before = sink.messages.length;
    useTree(server, 'ForgottenUsername');
    const first = await startStep();
    first.getCallbackOfType<AttributeInputCallback<string>>(CallbackType.StringAttributeInputCallback).setValue('nobody@example.com');
    const suspended = asStep(await FRAuth.next(first));
    assert.deepEqual(callbackTypes(suspended), ['SuspendedTextOutputCallback']);
    assert.equal(suspended.getCallbackOfType<SuspendedTextOutputCallback>(CallbackType.SuspendedTextOutputCallback).getMessage(), 'An email has been sent to the address you entered. Click the link in that email to proceed.');
    assert.equal((await server.flushMail()).claimed, 0);
    assert.equal(sink.messages.length, before);
  });
});
