/**
 * The default `MFALogin` journey's "Email code", driven by the ForgeRock SDK against a real Arbor on
 * loopback whose email goes to a real SMTP server (smtp-server, read with mailparser): the code from
 * the mail signs in; wrong codes are retried as the Retry Limit allows, then the sign-in fails; an
 * expired code (a collector configured for one minute, the test clock moved past it) fails too.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { ChoiceCallback, FRStep, PasswordCallback } from '@forgerock/javascript-sdk';
import type { SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import type { StepResult } from '../helpers/self-service.ts';
import { addUser, adminClient, asFailure, asStep, asSuccess, callbackTypes, importJourneyJson, mailTo, startConfiguredSmtp, startStep, submitCredentials, useTree } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const PASSWORD = 'Secret-Passw0rd';
const ADDRESS = 'emil@example.com';

describe('MFALogin with a code sent by email, through the ForgeRock SDK and a real SMTP server', () => {
  let server: TestServer;
  let sink: SmtpSink;

  /** Password, then "Email code": resolves to the OTP step. */
  async function emailStep(): Promise<FRStep> {
    useTree(server, 'MFALogin');
    const chooser = asStep(await submitCredentials(await startStep(), 'emil', PASSWORD));
    chooser.getCallbackOfType<ChoiceCallback>(CallbackType.ChoiceCallback).setChoiceValue('Email code');
    const step = asStep(await FRAuth.next(chooser));
    assert.deepEqual(callbackTypes(step), ['PasswordCallback']);
    assert.equal(step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).getPrompt(), 'One Time Password');
    return step;
  }

  /** Delivers the outbox and reads the code of the newest mail to the user. */
  async function codeFromMail(): Promise<string> {
    const before = mailTo(sink, ADDRESS).length;
    await server.flushMail();
    const mails = mailTo(sink, ADDRESS);
    assert.equal(mails.length, before + 1, 'one new mail');
    const mail = mails.at(-1);
    assert.equal(mail?.subject, 'Your sign-in code');
    const code = /\b(\d{8})\b/.exec(`${mail?.text ?? ''} ${typeof mail?.html === 'string' ? mail.html : ''}`)?.[1];
    assert.ok(code !== undefined, `no code in ${mail?.text}`);
    return code;
  }

  async function answer(step: FRStep, code: string): Promise<StepResult> {
    step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword(code);
    return FRAuth.next(step);
  }

  before(async () => {
    server = await startTestServer();
    sink = await startConfiguredSmtp(await adminClient(server));
    await addUser(server, 'alpha', 'emil', PASSWORD, { mail: ADDRESS });
  });
  after(async () => {
    await sink?.stop();
    await server?.close();
  });

  it('the code from the mail signs in', async () => {
    const step = await emailStep();
    const success = asSuccess(await answer(step, await codeFromMail()));
    const token = success.getSessionToken() ?? '';
    assert.ok(token.length > 20);
    // The session records how the user was authenticated: the password, then the code (the OpenID provider's amr).
    const info = await fetch(`${server.baseUrl}/am/json/realms/root/realms/alpha/sessions?_action=getSessionInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=4.0' },
      body: JSON.stringify({ tokenId: token }),
    });
    assert.equal(((await info.json()) as { properties?: Record<string, string> }).properties?.amr, 'pwd,otp');
  });

  it('a wrong code is asked again three times, then the sign-in fails (Retry Limit)', async () => {
    let step = await emailStep();
    const code = await codeFromMail();
    const wrong = code === '12345678' ? '87654321' : '12345678';
    for (let attempt = 1; attempt <= 3; attempt += 1) step = asStep(await answer(step, wrong));
    asFailure(await answer(step, wrong));
  });

  it('an expired code fails (the collector set to one minute, the clock moved past it)', async () => {
    const template = JSON.parse(await readFile(new URL('../../src/platform/mfa/journeys/MFALogin.json', import.meta.url), 'utf8')) as { nodes: Record<string, { _type: { _id: string }; passwordExpiryTime?: number }> };
    const collector = Object.values(template.nodes).find((node) => node._type._id === 'OneTimePasswordCollectorDecisionNode');
    assert.ok(collector);
    collector.passwordExpiryTime = 1;
    const imported = await importJourneyJson(server, template, 'alpha');
    assert.equal(imported.code, 0, `${imported.out}${imported.err}`);
    assert.doesNotMatch(imported.out + imported.err, /warning|error/i, 'the default journey imports without a remark');

    const step = await emailStep();
    const code = await codeFromMail();
    server.clock.advance(61_000);
    let result = await answer(step, code);
    // The expired code is forgotten: asked again while the Retry Limit allows, and never a success.
    for (let attempt = 1; attempt <= 3 && result.type === 'Step'; attempt += 1) result = await answer(result as FRStep, code);
    asFailure(result);

    // Within the minute the same flow signs in: it was the expiry.
    const inTime = await emailStep();
    const fresh = await codeFromMail();
    server.clock.advance(50_000);
    asSuccess(await answer(inTime, fresh));
  });
});
