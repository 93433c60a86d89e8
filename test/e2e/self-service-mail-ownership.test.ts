/**
 * Item 9 end to end, with the ForgeRock SDK and a real SMTP server: an address belongs to one
 * account. Registering with a taken address (or a list of addresses) is refused with
 * `failedPolicies`; recovery with an address several accounts share (data from before mail was
 * unique) answers as for an unknown address and mails nobody; a stored `mail` holding a list is
 * mailed to nobody; and a Registration that verifies the address (an Email Suspend step before
 * Create Object, docs/self-service.md) creates the account only once the emailed link is followed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { AttributeInputCallback, FRStep } from '@forgerock/javascript-sdk';
import type { SmtpSink } from '../../src/selfservice/email/smtp/testing/smtp-sink.ts';
import type { RegistrationAnswers, RestApi } from '../helpers/self-service.ts';
import { addUser, adminClient, asStep, asSuccess, callbackTypes, fillRegistration, importJourneyJson, mailTo, outbox, readUser, resumeFromLink, resumeLinkOf, startConfiguredSmtp, startStep, useTree } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

/** The mail callback's failed policies on a registration page sent back. */
function mailFailures(step: FRStep): unknown[] {
  const mail = step
    .getCallbacksOfType<AttributeInputCallback<string>>(CallbackType.StringAttributeInputCallback)
    .find((callback: AttributeInputCallback<string>) => callback.getName() === 'mail');
  assert.ok(mail !== undefined, 'a mail callback');
  return mail.getFailedPolicies();
}

/** Starts ResetPassword and submits `mail`; resolves to the answer's payload without its authId. */
async function requestReset(server: TestServer, mail: string): Promise<Record<string, unknown>> {
  useTree(server, 'ResetPassword');
  const first = await startStep();
  first.getCallbackOfType<AttributeInputCallback<string>>(CallbackType.StringAttributeInputCallback).setValue(mail);
  const { authId: _authId, ...rest } = asStep(await FRAuth.next(first)).payload;
  return rest;
}

/** The `managed` document with `mail`'s policies of `alpha_user` replaced: an install from before this change. */
async function mailPolicies(admin: RestApi, policies: { policyId: string }[]): Promise<void> {
  const managed = await admin('GET', '/openidm/config/managed');
  const document = structuredClone(managed.json) as { objects: { name: string; schema: { properties: Record<string, { policies?: unknown[] }> } }[] };
  const mail = document.objects.find((object) => object.name === 'alpha_user')?.schema.properties.mail;
  assert.ok(mail !== undefined);
  mail.policies = policies;
  const put = await admin('PUT', '/openidm/config/managed', document);
  assert.equal(put.status, 200, JSON.stringify(put.json));
}

/** The default alpha Registration with an Email Suspend step between its page and Create Object (the variant docs/self-service.md builds with jq). */
async function verifiedRegistration(server: TestServer): Promise<unknown> {
  const exported = await server.cli(['journey', 'export', 'Registration', '--realm', 'alpha', '--format', 'am']);
  assert.equal(exported.code, 0, exported.err);
  const journey = JSON.parse(exported.out) as { tree: { entryNodeId: string; nodes: Record<string, { connections: Record<string, string> }> }; nodes: Record<string, unknown> };
  const id = '7f3c1d2e-4b5a-4c6d-8e9f-0a1b2c3d4e5f';
  const page = journey.tree.nodes[journey.tree.entryNodeId];
  // The page's way on once the form is filled in (`socialAuthentication` is a social provider's).
  assert.ok(page !== undefined && page.connections.localAuthentication !== undefined);
  journey.tree.nodes[id] = { nodeType: 'EmailSuspendNode', displayName: 'Verify Email', connections: { outcome: page.connections.localAuthentication } } as never;
  page.connections.localAuthentication = id;
  journey.nodes[id] = {
    _id: id,
    _type: { _id: 'EmailSuspendNode', name: 'Email Suspend Node', collection: true },
    emailTemplateName: 'registration',
    emailAttribute: 'mail',
    objectLookup: false,
    identityAttribute: 'mail',
    emailSuspendMessage: { en: 'An email has been sent to the address you entered. Click the link in that email to finish signing up.' },
  };
  return journey;
}

describe('an address belongs to one account', () => {
  let server: TestServer;
  let admin: RestApi;
  let sink: SmtpSink;
  const newcomer = (userName: string, mail: string): RegistrationAnswers => ({ userName, password: 'Str0ng-Passw0rd', profile: { givenName: 'Nova', sn: 'Comer', mail } });

  before(async () => {
    server = await startTestServer({ env: { ARBOR_PUBLIC_URL: 'https://id.example.be' } });
    admin = await adminClient(server);
    sink = await startConfiguredSmtp(admin);
    await addUser(server, 'alpha', 'victim', 'Secret-Passw0rd', { mail: 'victim@example.com' });
  });
  after(async () => {
    await sink?.stop();
    await server?.close();
  });

  it("refuses to register another account with the victim's address (any case): failedPolicies UNIQUE on mail, no user", async () => {
    useTree(server, 'Registration');
    const first = await startStep();
    fillRegistration(first, newcomer('squatter', 'Victim@Example.COM'));
    const again = asStep(await FRAuth.next(first));
    assert.equal(again.getHeader(), 'Sign Up');
    assert.deepEqual(mailFailures(again), [{ policyRequirement: 'UNIQUE' }]);
    const found = await admin('GET', `/openidm/managed/alpha_user?_queryFilter=${encodeURIComponent('userName eq "squatter"')}`);
    assert.equal(found.json.resultCount, 0);
  });

  it('refuses to register a mail holding a list of addresses: failedPolicies VALID_EMAIL_ADDRESS_FORMAT', async () => {
    useTree(server, 'Registration');
    const first = await startStep();
    fillRegistration(first, newcomer('lister', 'lister@example.com, attacker@evil.example'));
    assert.deepEqual(mailFailures(asStep(await FRAuth.next(first))), [{ policyRequirement: 'VALID_EMAIL_ADDRESS_FORMAT' }]);
  });

  it('answers a reset for an address two accounts share as for an unknown one, and mails nobody', async () => {
    await mailPolicies(admin, [{ policyId: 'valid-email-address-format' }]);
    await addUser(server, 'alpha', 'twin1', 'Secret-Passw0rd', { mail: 'twins@example.com' });
    await addUser(server, 'alpha', 'twin2', 'Secret-Passw0rd', { mail: 'Twins@example.com' });
    const shared = await requestReset(server, 'twins@example.com');
    const unknown = await requestReset(server, 'nobody-here@example.com');
    assert.deepEqual(shared, unknown);
    await server.flushMail();
    assert.deepEqual(mailTo(sink, 'twins@example.com'), []);
    assert.deepEqual(mailTo(sink, 'Twins@example.com'), []);
    const messages = (await outbox(server)).filter((message) => message.message.to.some((to: string) => to.toLowerCase() === 'twins@example.com'));
    assert.ok(messages.every((message) => message.status === 'withheld'), JSON.stringify(messages));
  });

  it('mails nobody when a stored mail holds a list of addresses (data from before the strict check)', async () => {
    await mailPolicies(admin, []);
    await addUser(server, 'alpha', 'listed', 'Secret-Passw0rd', { mail: 'listed@example.com, attacker@evil.example' });
    await requestReset(server, 'listed@example.com, attacker@evil.example');
    await server.flushMail();
    assert.deepEqual(mailTo(sink, 'attacker@evil.example'), []);
    assert.deepEqual(mailTo(sink, 'listed@example.com'), []);
    await mailPolicies(admin, [{ policyId: 'valid-email-address-format' }]);
  });

  it('with an Email Suspend step, creates the account only once the emailed link is followed', async () => {
    const imported = await importJourneyJson(server, await verifiedRegistration(server), 'alpha');
    assert.equal(imported.code, 0, imported.err);
    useTree(server, 'Registration');
    const first = await startStep();
    fillRegistration(first, newcomer('verified', 'verified@example.com'));
    const waiting = asStep(await FRAuth.next(first));
    assert.deepEqual(callbackTypes(waiting), ['SuspendedTextOutputCallback']);
    const before = await admin('GET', `/openidm/managed/alpha_user?_queryFilter=${encodeURIComponent('userName eq "verified"')}`);
    assert.equal(before.json.resultCount, 0, 'no account before the address is verified');
    await server.flushMail();
    const [mail] = mailTo(sink, 'verified@example.com');
    assert.ok(mail !== undefined, 'the registration email');
    const link = resumeLinkOf(mail);
    assert.equal(link.origin, 'https://id.example.be');
    asSuccess(await resumeFromLink(server, link));
    const created = await readUser(admin, 'alpha_user', 'verified');
    assert.equal(created.mail, 'verified@example.com');
  });
});
