/**
 * Security questions, terms and consent end to end, with the ForgeRock SDK and configuration
 * changed over IDM's REST API by the administrator:
 * - KBA Verification in a small journey (email → Identify Existing User → KBA Verification) locks
 *   the user out after `numberOfAttemptsAllowed` wrong answers (set through
 *   `/openidm/config/selfservice.kba`), until the count expires;
 * - ForgeRock's `QA - Accept Terms and Conditions` fixture asks again once a new version is
 *   published and activated through `/openidm/config/selfservice.terms`, and records it;
 * - a Consent Collector journey records `consentedMappings` for the mappings of
 *   `/openidm/config/consent` that the user accepted.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CallbackType, FRAuth } from '@forgerock/javascript-sdk';
import type { AttributeInputCallback, FRCallback, PasswordCallback, TermsAndConditionsCallback } from '@forgerock/javascript-sdk';
import type { RestApi, StepResult } from '../helpers/self-service.ts';
import {
  addUser,
  adminClient,
  asFailure,
  asStep,
  asSuccess,
  buildJourney,
  callbackTypes,
  fillRegistration,
  importJourneyJson,
  kbaCheckJourney,
  readUser,
  signInWithSdk,
  startStep,
  useTree,
} from '../helpers/self-service.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { startTestServer } from '../helpers/test-server.ts';

const TERMS_FIXTURE = fileURLToPath(new URL('../fixtures/forgerock/platform-ui-e2e-fixtures/QA-Accept_Terms_and_Conditions_ForgeOps.json', import.meta.url));
const TERMS_TREE = 'QA - Accept Terms and Conditions';
const ANSWERS: Record<string, string> = { "What's your favorite color?": 'Dark Blue', 'Who was your first employer?': 'Acme Brewing' };

describe('KBA lockout, terms re-acceptance and consent', () => {
  let server: TestServer;
  let admin: RestApi;

  before(async () => {
    server = await startTestServer();
    admin = await adminClient(server);
  });
  after(async () => server?.close());

  describe('KBA Verification', () => {
    /** Runs the KBA journey for `mail`, answering the question asked with `answer(prompt)`. */
    const verify = async (mail: string, answer: (prompt: string) => string): Promise<StepResult> => {
      useTree(server, 'KbaCheck');
      const first = await startStep();
      first.getCallbackOfType<AttributeInputCallback<string>>(CallbackType.StringAttributeInputCallback).setValue(mail);
      const question = await FRAuth.next(first);
      if (question.type !== 'Step') return question;
      const step = asStep(question);
      assert.deepEqual(callbackTypes(step), ['PasswordCallback'], 'minimumAnswersToVerify is 1');
      const callback = step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback);
      callback.setPassword(answer(callback.getPrompt()));
      return FRAuth.next(step);
    };
    const right = (prompt: string): string => ` ${(ANSWERS[prompt] ?? '').toUpperCase()} `;

    before(async () => {
      const journey = kbaCheckJourney();
      const imported = await importJourneyJson(server, journey, 'alpha');
      assert.equal(imported.code, 0, imported.out + imported.err);

      // Lena registers with two security questions through the default Registration journey.
      useTree(server, 'Registration');
      const signUp = await startStep();
      fillRegistration(signUp, { userName: 'lena', password: 'Secret-Passw0rd', profile: { givenName: 'Lena', sn: 'Berg', mail: 'lena@example.com' }, answers: ['Dark Blue', 'Acme Brewing'] });
      asSuccess(await FRAuth.next(signUp));

      const kba = await admin('GET', '/openidm/config/selfservice.kba');
      const put = await admin('PUT', '/openidm/config/selfservice.kba', { ...kba.json, numberOfAttemptsAllowed: 2 });
      assert.equal(put.status, 200, JSON.stringify(put.json));
      assert.equal(put.json.numberOfAttemptsAllowed, 2);
    });

    it('accepts the right answer (case and surrounding spaces ignored)', async () => {
      asSuccess(await verify('lena@example.com', right));
    });

    it('locks the user out after the configured number of wrong answers, until the count expires', async () => {
      const first = asFailure(await verify('lena@example.com', () => 'Wrong'));
      assert.deepEqual([first.getCode(), first.getMessage()], [401, 'Login failure']);
      const second = asFailure(await verify('lena@example.com', () => 'Still wrong'));
      assert.deepEqual([second.getCode(), second.getMessage()], [401, 'Maximum attempts exceeded']);

      // Locked: the journey fails right after the email page, without asking a question.
      useTree(server, 'KbaCheck');
      const page = await startStep();
      page.getCallbackOfType<AttributeInputCallback<string>>(CallbackType.StringAttributeInputCallback).setValue('lena@example.com');
      const locked = asFailure(await FRAuth.next(page));
      assert.deepEqual([locked.getCode(), locked.getMessage()], [401, 'Maximum attempts exceeded']);

      server.clock.advance(23 * 3_600_000);
      asFailure(await verify('lena@example.com', right));
      server.clock.advance(2 * 3_600_000);
      asSuccess(await verify('lena@example.com', right));
      asFailure(await verify('lena@example.com', () => 'Wrong'));
      asSuccess(await verify('lena@example.com', right)); // one failure is below the limit again
    });
  });

  describe('terms and conditions re-acceptance (ForgeRock’s QA fixture, realm root)', () => {
    const signIn = (): Promise<StepResult> => signInWithSdk(server, 'mona', 'Secret-Passw0rd', TERMS_TREE, 'root');
    const accept = async (step: StepResult, version: string): Promise<void> => {
      const terms = asStep(step);
      assert.deepEqual(callbackTypes(terms), ['TermsAndConditionsCallback']);
      const callback = terms.getCallbackOfType<TermsAndConditionsCallback>(CallbackType.TermsAndConditionsCallback);
      assert.equal(callback.getVersion(), version);
      callback.setAccepted(true);
      asSuccess(await FRAuth.next(terms));
    };
    const accepted = async (): Promise<{ termsVersion?: string; acceptDate?: string } | undefined> =>
      ((await readUser(admin, 'user', 'mona'))._meta as { termsAccepted?: { termsVersion?: string; acceptDate?: string } }).termsAccepted;

    before(async () => {
      const imported = await server.cli(['journey', 'import', TERMS_FIXTURE, '--realm', 'root']);
      assert.equal(imported.code, 0, imported.out + imported.err);
      await addUser(server, 'root', 'mona', 'Secret-Passw0rd');
    });

    it('asks once for the active version, then again after a new version is published and activated, and records it', async () => {
      assert.equal(await accepted(), undefined);
      await accept(await signIn(), '0.0');
      assert.equal((await accepted())?.termsVersion, '0.0');
      asSuccess(await signIn()); // accepted: not asked again

      const terms = await admin('GET', '/openidm/config/selfservice.terms');
      const versions = terms.json.versions as Record<string, unknown>[];
      const draft = { version: '2.0', status: 'draft', createDate: '2025-05-01T12:00:00.000Z', termsTranslations: { en: '# Terms v2\n\nWe changed things.' } };
      assert.equal((await admin('PUT', '/openidm/config/selfservice.terms', { ...terms.json, versions: [...versions, draft] })).status, 200);
      asSuccess(await signIn()); // a draft changes nothing
      const published = await admin('PUT', '/openidm/config/selfservice.terms', { ...terms.json, versions: [...versions, { ...draft, status: 'published' }], active: '2.0' });
      assert.equal(published.status, 200, JSON.stringify(published.json));

      const asked = asStep(await signIn());
      assert.equal(asked.getCallbackOfType<TermsAndConditionsCallback>(CallbackType.TermsAndConditionsCallback).getTerms(), '# Terms v2\n\nWe changed things.');
      const before = server.clock.now();
      await accept(asked, '2.0');
      const recorded = await accepted();
      assert.equal(recorded?.termsVersion, '2.0');
      assert.ok(Date.parse(recorded?.acceptDate ?? '') >= before - 1000);
      asSuccess(await signIn()); // the new version accepted: not asked again
    });
  });

  describe('Consent Collector', () => {
    before(async () => {
      const consent = await admin('PUT', '/openidm/config/consent', {
        mappings: [
          { name: 'managedUser_systemCrm', displayName: 'CRM', icon: 'handshake', accessLevel: 'Actively Shared', message: { en: 'We share your name and email with our CRM.' }, fields: ['givenName', 'sn', 'mail'], consentRequired: true },
          { name: 'newsletter', displayName: 'Newsletter', message: { en: 'We send your email to our newsletter service.' }, fields: ['mail'], consentRequired: true },
          { name: 'audit', displayName: 'Audit', fields: ['userName'], consentRequired: false },
        ],
      });
      assert.equal(consent.status, 200, JSON.stringify(consent.json));
      const journey = buildJourney('ConsentCheck', 'managed/alpha_user', [
        {
          type: 'PageNode',
          key: 'signIn',
          config: { pageHeader: { en: 'Sign In' }, pageDescription: {} },
          children: [
            { type: 'ValidatedUsernameNode', config: { usernameAttribute: 'userName', validateInput: false } },
            { type: 'ValidatedPasswordNode', config: { passwordAttribute: 'password', validateInput: false } },
          ],
          connections: { outcome: 'DataStoreDecisionNode' },
        },
        { type: 'DataStoreDecisionNode', connections: { true: 'consent', false: 'failure' } },
        { type: 'PageNode', key: 'consent', config: { pageHeader: { en: 'Privacy & Consent' }, pageDescription: {} }, children: [{ type: 'ConsentNode', config: { allRequired: false, message: {} } }], connections: { outcome: 'PatchObjectNode' } },
        { type: 'PatchObjectNode', config: { identityResource: 'managed/alpha_user', identityAttribute: 'userName', patchAsObject: false, ignoredFields: [] }, connections: { PATCHED: 'success', FAILURE: 'failure' } },
      ]);
      const imported = await importJourneyJson(server, journey, 'alpha');
      assert.equal(imported.code, 0, imported.out + imported.err);
      await addUser(server, 'alpha', 'nora', 'Secret-Passw0rd');
    });

    it('offers each mapping that requires consent and records the accepted ones on the user', async () => {
      const page = asStep(await signInWithSdk(server, 'nora', 'Secret-Passw0rd', 'ConsentCheck'));
      assert.equal(page.getHeader(), 'Privacy & Consent');
      assert.deepEqual(callbackTypes(page), ['ConsentMappingCallback', 'ConsentMappingCallback']);
      const mappings = page.getCallbacksOfType<FRCallback>('ConsentMappingCallback');
      const crm = mappings.find((callback: FRCallback) => callback.getOutputByName('name', '') === 'managedUser_systemCrm');
      const newsletter = mappings.find((callback: FRCallback) => callback.getOutputByName('name', '') === 'newsletter');
      assert.ok(crm !== undefined && newsletter !== undefined);
      assert.equal(crm.getOutputByName('message', ''), 'We share your name and email with our CRM.');
      assert.deepEqual(crm.getOutputByName('fields', []), ['givenName', 'sn', 'mail']);
      assert.equal(crm.getOutputByName('accessLevel', ''), 'Actively Shared');
      crm.setInputValue(true);
      newsletter.setInputValue(false);
      const before = server.clock.now();
      asSuccess(await FRAuth.next(page));

      const nora = await readUser(admin, 'alpha_user', 'nora');
      const consented = nora.consentedMappings as { mapping: string; consentDate: string }[];
      assert.deepEqual(consented.map((entry) => entry.mapping), ['managedUser_systemCrm']);
      assert.ok(Date.parse(consented[0]?.consentDate ?? '') >= before - 1000, consented[0]?.consentDate);
    });
  });
});

