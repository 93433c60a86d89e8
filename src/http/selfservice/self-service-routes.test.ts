/**
 * The self-service configuration endpoints over HTTP: administrators only for config (401 without
 * credentials, 403 for end users), 400s naming the field, the terms lifecycle through PUTs, and the
 * public reads the login UI uses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TERMS_TEXT } from '../../selfservice/terms/default-terms.ts';
import type { SelfServiceTestApp } from './testing/self-service-test-app.ts';
import { ADMIN_PASSWORD, selfServiceTestApp } from './testing/self-service-test-app.ts';

const KBA = '/openidm/config/selfservice.kba';
const TERMS = '/openidm/config/selfservice.terms';
const CONSENT = '/openidm/config/consent';
const ADMIN_HEADERS = { 'x-openidm-username': 'amadmin', 'x-openidm-password': ADMIN_PASSWORD };

interface ErrorAnswer {
  code: number;
  reason: string;
  message: string;
  detail?: { field?: string };
}

describe('self-service configuration over HTTP', () => {
  let arbor: SelfServiceTestApp;
  let adminCookie: Record<string, string>;
  let userCookie: Record<string, string>;
  const call = (method: 'GET' | 'PUT', url: string, headers: Record<string, string> = {}, body?: unknown) =>
    arbor.app.inject({ method, url, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
  const admin = (method: 'GET' | 'PUT', url: string, body?: unknown) => call(method, url, adminCookie, body);

  before(async () => {
    arbor = await selfServiceTestApp();
    adminCookie = { cookie: `iPlanetDirectoryPro=${await arbor.adminToken()}` };
    userCookie = { cookie: `iPlanetDirectoryPro=${await arbor.userToken()}` };
  });
  after(async () => arbor?.close());

  it('lets only administrators read and write configuration: 401 without credentials, 403 for end users', async () => {
    for (const url of [KBA, TERMS, CONSENT]) {
      const anonymous = await call('GET', url);
      assert.equal(anonymous.statusCode, 401, url);
      assert.deepEqual(anonymous.json(), { code: 401, reason: 'Unauthorized', message: 'Access Denied' });
      assert.equal((await call('GET', url, { cookie: 'iPlanetDirectoryPro=forged' })).statusCode, 401, url);
      assert.equal((await call('GET', url, { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'wrong' })).statusCode, 401, url);
      assert.equal((await call('GET', url, userCookie)).statusCode, 403, url);
      assert.equal((await call('PUT', url, userCookie, {})).statusCode, 403, url);
      assert.equal((await call('PUT', url, {}, {})).statusCode, 401, url);
    }
    assert.equal((await call('GET', KBA, ADMIN_HEADERS)).statusCode, 200, 'X-OpenIDM-Username/Password of amadmin');
    assert.equal((await call('GET', KBA, { iplanetdirectorypro: adminCookie.cookie?.split('=')[1] ?? '' })).statusCode, 200, 'the header named after the cookie');
  });

  it('serves and replaces selfservice.kba, refusing a bad document with a 400 naming the field', async () => {
    const initial = await admin('GET', KBA);
    assert.equal(initial.statusCode, 200);
    const body = initial.json<Record<string, unknown>>();
    assert.equal(body._id, 'selfservice.kba');
    assert.equal(body.minimumAnswersToDefine, 2);

    const refused = await admin('PUT', KBA, { ...body, minimumAnswersToVerify: 3 });
    assert.equal(refused.statusCode, 400);
    const error = refused.json<ErrorAnswer>();
    assert.equal(error.reason, 'Bad Request');
    assert.match(error.message, /minimumAnswersToVerify/);
    assert.deepEqual(error.detail, { field: 'minimumAnswersToVerify' });
    assert.equal((await admin('PUT', KBA, { ...body, questions: { '1': { en: 42 } } })).json<ErrorAnswer>().detail?.field, 'questions.1.en');
    assert.equal((await admin('PUT', KBA)).statusCode, 400, 'no body');
    assert.equal((await call('PUT', KBA, { ...adminCookie, 'content-type': 'application/json' }, undefined)).statusCode, 400);

    const questions = { ...(body.questions as Record<string, unknown>), '3': { en: 'What was the name of your first pet?', fr: 'Quel était le nom de votre premier animal ?' } };
    const replaced = await admin('PUT', KBA, { ...body, questions, numberOfAttemptsAllowed: 5 });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.deepEqual((await admin('GET', KBA)).json(), replaced.json());
    assert.equal((await admin('GET', KBA)).json<{ numberOfAttemptsAllowed: number }>().numberOfAttemptsAllowed, 5);
  });

  it('serves the questions publicly at /openidm/selfservice/kba, without the lockout settings', async () => {
    const answer = await call('GET', '/openidm/selfservice/kba');
    assert.equal(answer.statusCode, 200);
    const body = answer.json<Record<string, unknown>>();
    assert.deepEqual(Object.keys(body).sort(), ['_id', 'kbaPropertyName', 'minimumAnswersToDefine', 'minimumAnswersToVerify', 'questions']);
    assert.equal(body._id, 'kba');
    assert.equal((body.questions as Record<string, Record<string, string>>)['1']?.en, "What's your favorite color?");
  });

  it('takes terms from draft to published to active through PUTs, refusing changes to published versions', async () => {
    const initial = (await admin('GET', TERMS)).json<{ versions: Record<string, unknown>[]; active: string }>();
    assert.equal(initial.active, '0.0');
    const draft = { version: '1.0', termsTranslations: { en: '# Terms\n\nBe nice.', fr: '# Conditions\n\nSoyez gentils.' }, createDate: '2025-05-01T12:00:00.000Z', status: 'draft' };
    const withDraft = { ...initial, versions: [...initial.versions, draft] };
    assert.equal((await admin('PUT', TERMS, withDraft)).statusCode, 200);

    const activeDraft = await admin('PUT', TERMS, { ...withDraft, active: '1.0' });
    assert.equal(activeDraft.statusCode, 400);
    assert.deepEqual(activeDraft.json<ErrorAnswer>().detail, { field: 'active' });
    assert.match(activeDraft.json<ErrorAnswer>().message, /"1.0", which is a draft/);

    const edited = { ...initial, versions: [...initial.versions, { ...draft, termsTranslations: { ...draft.termsTranslations, en: '# Terms\n\nBe very nice.' } }] };
    assert.equal((await admin('PUT', TERMS, edited)).statusCode, 200, 'a draft may change');
    const published = { ...initial, versions: [...initial.versions, { ...edited.versions[1], status: 'published' }], active: '1.0' };
    const activated = await admin('PUT', TERMS, published);
    assert.equal(activated.statusCode, 200, activated.body);
    assert.equal((await admin('GET', TERMS)).json<{ active: string }>().active, '1.0');

    const changed = await admin('PUT', TERMS, { ...published, versions: [published.versions[0], { ...published.versions[1], termsTranslations: { en: 'Sneaky' } }] });
    assert.equal(changed.statusCode, 409);
    assert.deepEqual(changed.json<ErrorAnswer>().detail, { field: '1.0' });
    assert.match(changed.json<ErrorAnswer>().message, /Terms version "1.0" is published and cannot change its text/);
    const removed = await admin('PUT', TERMS, { ...published, versions: [published.versions[1]] });
    assert.equal(removed.statusCode, 409);
    assert.match(removed.json<ErrorAnswer>().message, /"0.0" is published and cannot be removed/);
    assert.equal((await admin('PUT', TERMS, { ...published, versions: 'none' })).json<ErrorAnswer>().detail?.field, 'versions');
    assert.equal((await admin('GET', TERMS)).json<{ versions: { termsTranslations: { en: string } }[] }>().versions[1]?.termsTranslations.en, '# Terms\n\nBe very nice.');
  });

  it('serves the active terms publicly in the request’s language, as Markdown and sanitized HTML', async () => {
    const french = await call('GET', '/openidm/selfservice/terms', { 'accept-language': 'fr-BE, fr;q=0.9, en;q=0.5' });
    assert.equal(french.statusCode, 200);
    const body = french.json<Record<string, unknown>>();
    assert.equal(body.version, '1.0');
    assert.equal(body.terms, '# Conditions\n\nSoyez gentils.');
    assert.equal(body.termsHtml, '<h1 id="conditions">Conditions</h1>\n<p>Soyez gentils.</p>\n');
    assert.equal(body.createDate, '2025-05-01T12:00:00.000Z');
    assert.deepEqual(body.uiConfig, { displayName: "We've updated our terms", purpose: 'You must accept the updated terms in order to proceed.', buttonText: 'Accept' });
    assert.equal((await call('GET', '/openidm/selfservice/terms', { 'accept-language': 'de' })).json<{ terms: string }>().terms, '# Terms\n\nBe very nice.');

    const current = (await admin('GET', TERMS)).json<{ versions: unknown[] }>();
    await admin('PUT', TERMS, { ...current, active: '0.0' });
    assert.equal((await call('GET', '/openidm/selfservice/terms')).json<{ terms: string }>().terms, DEFAULT_TERMS_TEXT);
    await admin('PUT', TERMS, { versions: current.versions });
    const none = await call('GET', '/openidm/selfservice/terms');
    assert.equal(none.statusCode, 404);
    assert.equal(none.json<ErrorAnswer>().message, 'No terms and conditions are active');
  });

  it('stores consent mappings, refusing a bad document with a 400 naming the field', async () => {
    assert.equal((await admin('GET', CONSENT)).statusCode, 404, 'none until an administrator writes one');
    const mapping = { name: 'managedUser_systemCrm', displayName: 'CRM', icon: 'handshake', accessLevel: 'Actively Shared', message: { en: 'Shared with our CRM.' }, fields: ['mail'], consentRequired: true };
    const stored = await admin('PUT', CONSENT, { mappings: [mapping] });
    assert.equal(stored.statusCode, 200, stored.body);
    assert.deepEqual(stored.json(), { _id: 'consent', enabled: true, mappings: [mapping] });
    assert.deepEqual((await admin('GET', CONSENT)).json(), stored.json());
    const refused = await admin('PUT', CONSENT, { mappings: [{ ...mapping, fields: 'mail' }] });
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(refused.json<ErrorAnswer>().detail, { field: 'mappings[0].fields' });
    assert.match(refused.json<ErrorAnswer>().message, /mappings\[0\]\.fields must be an array/);
  });
});
