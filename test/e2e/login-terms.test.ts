/**
 * Terms and conditions in the default alpha `Login` journey, with the ForgeRock SDK against a real
 * Arbor: a user who never accepted the active terms gets a "Terms and Conditions" step right after
 * their password is verified (before the sign-in is counted), and a session once they accept;
 * later sign-ins go straight through until the administrator publishes and activates a new
 * version (the lifecycle of `/openidm/config/selfservice.terms`), which is asked for once and
 * recorded. A wrong password never reaches the terms; zero-page login gets the terms step
 * instead of a token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { TermsAndConditionsCallback } from '@forgerock/javascript-sdk';
import type { RestApi } from '../helpers/self-service.ts';
import { acceptTermsStep, addUser, adminClient, asFailure, asStep, asSuccess, callbackTypes, readUser, signInWithSdk, validateSession } from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const ALPHA_AUTHENTICATE = '/am/json/realms/root/realms/alpha/authenticate';

interface Meta {
  loginCount?: number;
  termsAccepted?: { termsVersion?: string; acceptDate?: string };
}

interface WireStep {
  authId?: string;
  tokenId?: string;
  header?: string;
  callbacks?: { type: string; output: { name: string; value: unknown }[]; input: { name: string; value: unknown }[] }[];
}

describe('terms and conditions in the default alpha Login journey', () => {
  let server: TestServer;
  let admin: RestApi;
  const meta = async (userName: string): Promise<Meta> => ((await readUser(admin, 'alpha_user', userName))._meta ?? {}) as Meta;
  const post = async (url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; setCookie: string | null; body: WireStep }> => {
    const response = await fetch(`${server.baseUrl}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-api-version': 'resource=2.1, protocol=1.0', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, setCookie: response.headers.get('set-cookie'), body: (await response.json()) as WireStep };
  };

  before(async () => {
    server = await startTestServer();
    admin = await adminClient(server);
    // Preferences set, so that progressive profile never asks: this test is about the terms step.
    await addUser(server, 'alpha', 'tara', 'Secret-Passw0rd', { 'preferences/marketing': 'true', 'preferences/updates': 'true' });
    await addUser(server, 'alpha', 'zeno', 'Secret-Passw0rd');
  });
  after(async () => server?.close());

  it('asks a new user at their first sign-in, right after the password, and counts the sign-in only once accepted', async () => {
    asFailure(await signInWithSdk(server, 'tara', 'Wrong-Passw0rd')); // a wrong password never reaches the terms

    const asked = asStep(await signInWithSdk(server, 'tara', 'Secret-Passw0rd'));
    assert.equal(asked.getHeader(), 'Terms and Conditions');
    assert.deepEqual(callbackTypes(asked), ['TermsAndConditionsCallback']);
    const terms = asked.getCallbackOfType<TermsAndConditionsCallback>(CallbackType.TermsAndConditionsCallback);
    assert.equal(terms.getVersion(), '0.0', 'the active version of a new Arbor');
    assert.match(terms.getTerms(), /^Lorem ipsum/);
    const abandoned = await meta('tara');
    assert.deepEqual([abandoned.loginCount, abandoned.termsAccepted], [undefined, undefined], 'left at the terms step: not counted, nothing recorded');

    terms.setAccepted(false);
    const again = asStep(await FRAuth.next(asked));
    assert.deepEqual(callbackTypes(again), ['TermsAndConditionsCallback'], 'not accepted: asked again');

    const before = server.clock.now();
    const success = asSuccess(await acceptTermsStep(again, '0.0'));
    const token = success.getSessionToken();
    assert.ok(token !== undefined);
    assert.equal((await validateSession(server, token)).uid, 'tara');
    const recorded = await meta('tara');
    assert.equal(recorded.termsAccepted?.termsVersion, '0.0');
    assert.ok(Date.parse(recorded.termsAccepted?.acceptDate ?? '') >= before - 1000, recorded.termsAccepted?.acceptDate);
    assert.equal(recorded.loginCount, 1, 'counted once, after the terms');
  });

  it('then signs the user in straight away, until a new version is activated, which is asked for once and recorded', async () => {
    asSuccess(await signInWithSdk(server, 'tara', 'Secret-Passw0rd'));

    // The administrator adds version 2.0 as a draft: nothing changes for users.
    const current = await admin('GET', '/openidm/config/selfservice.terms');
    assert.equal(current.status, 200, JSON.stringify(current.json));
    const versions = current.json.versions as Record<string, unknown>[];
    const draft = { version: '2.0', status: 'draft', createDate: '2025-05-01T12:00:00.000Z', termsTranslations: { en: '# Terms v2\n\nWe changed things.' } };
    const drafted = await admin('PUT', '/openidm/config/selfservice.terms', { ...current.json, versions: [...versions, draft] });
    assert.equal(drafted.status, 200, JSON.stringify(drafted.json));
    asSuccess(await signInWithSdk(server, 'tara', 'Secret-Passw0rd'));

    // Published and made active: the next sign-in asks for 2.0.
    const activated = await admin('PUT', '/openidm/config/selfservice.terms', { ...current.json, versions: [...versions, { ...draft, status: 'published' }], active: '2.0' });
    assert.equal(activated.status, 200, JSON.stringify(activated.json));
    const asked = asStep(await signInWithSdk(server, 'tara', 'Secret-Passw0rd'));
    assert.equal(asked.getCallbackOfType<TermsAndConditionsCallback>(CallbackType.TermsAndConditionsCallback).getTerms(), '# Terms v2\n\nWe changed things.');
    asSuccess(await acceptTermsStep(asked, '2.0'));
    assert.equal((await meta('tara')).termsAccepted?.termsVersion, '2.0', 'the new version is recorded');
    asSuccess(await signInWithSdk(server, 'tara', 'Secret-Passw0rd'));
    assert.equal((await meta('tara')).loginCount, 5, 'every completed sign-in counted once');
  });

  it('answers zero-page login with the terms step instead of a token; the answer brings the session', async () => {
    const headers = { 'x-openam-username': 'zeno', 'x-openam-password': 'Secret-Passw0rd' };
    const step = await post(`${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=Login`, headers, {});
    assert.equal(step.status, 200, JSON.stringify(step.body));
    assert.equal(step.body.tokenId, undefined);
    assert.equal(step.setCookie, null, 'no session yet');
    assert.equal(step.body.header, 'Terms and Conditions');
    assert.deepEqual(step.body.callbacks?.map((callback) => callback.type), ['TermsAndConditionsCallback']);
    const input = step.body.callbacks?.[0]?.input[0];
    assert.ok(input !== undefined);
    input.value = true;
    const success = await post(ALPHA_AUTHENTICATE, {}, step.body);
    assert.equal(success.status, 200, JSON.stringify(success.body));
    assert.equal(typeof success.body.tokenId, 'string');
    const next = await post(`${ALPHA_AUTHENTICATE}?authIndexType=service&authIndexValue=Login`, headers, {});
    assert.equal(typeof next.body.tokenId, 'string', 'accepted: the headers alone sign in again');
  });
});
