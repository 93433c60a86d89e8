/** The email REST surface through inject: who may call it, validation naming the field, the hidden SMTP password, the actions. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import { defaultEmailTemplates } from '../../selfservice/email/default-email-templates.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';

const SETTINGS = '/openidm/config/external.email';
/** Stands for the sealed password in comparisons. */
const SEALED = '<sealed>';
const TEMPLATE = '/openidm/config/emailTemplate';
const ACTION = '/openidm/external/email';

describe('email routes', () => {
  let arbor: TestPlatform;
  let admin: Record<string, string>;
  let user: Record<string, string>;

  const signIn = async (path: string, username: string, password: string): Promise<string> => {
    const response = await arbor.app.inject({ method: 'POST', url: `${path}?authIndexType=service&authIndexValue=Login`, headers: { 'x-openam-username': username, 'x-openam-password': password } });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ tokenId: string }>().tokenId;
  };
  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, body?: unknown): Promise<LightMyRequestResponse> =>
    arbor.app.inject({ method, url, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
  const fieldOf = (response: LightMyRequestResponse): unknown => response.json<{ detail?: { field?: unknown } }>().detail?.field;

  before(async () => {
    arbor = await inMemoryPlatform();
    admin = { cookie: `iPlanetDirectoryPro=${await signIn('/am/json/realms/root/authenticate', 'amadmin', 'Admin-Passw0rd!')}` };
    await arbor.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'Doe', mail: 'erin@example.com' });
    await acceptActiveTerms(arbor, 'alpha_user', 'erin'); // so that the alpha Login's terms step does not ask
    user = { iplanetdirectorypro: await signIn('/am/json/realms/root/realms/alpha/authenticate', 'erin', 'Secret-Passw0rd') };
  });
  after(async () => arbor?.close());

  it('answers 401 without credentials and 403 to anyone but an administrator', async () => {
    for (const [method, url] of [['GET', SETTINGS], ['PUT', SETTINGS], ['GET', `${TEMPLATE}/welcome`], ['DELETE', `${TEMPLATE}/welcome`], ['POST', `${ACTION}?_action=send`]] as const) {
      assert.equal((await call(method, url, {}, method === 'GET' || method === 'DELETE' ? undefined : {})).statusCode, 401, `${method} ${url}`);
      const forbidden = await call(method, url, user, method === 'GET' || method === 'DELETE' ? undefined : {});
      assert.equal(forbidden.statusCode, 403, `${method} ${url}`);
    }
    assert.equal((await call('GET', SETTINGS, { cookie: 'iPlanetDirectoryPro=forged' })).statusCode, 401);
  });

  it('external.email: 404 before it exists; a PUT is validated, stores the password sealed and answers only its $crypto envelope', async () => {
    const missing = await call('GET', SETTINGS, admin);
    assert.deepEqual([missing.statusCode, missing.json<{ message: string }>().message], [404, 'No configuration exists with id external.email']);

    const bad = await call('PUT', SETTINGS, admin, { host: 'smtp.example.com', port: 99999 });
    assert.equal(bad.statusCode, 400);
    assert.equal(fieldOf(bad), 'port');
    assert.match(bad.json<{ message: string }>().message, /port must be an integer from 1 to 65535/);
    assert.equal(fieldOf(await call('PUT', SETTINGS, admin, { auth: { enable: true } })), 'auth.username');

    const document = { host: 'smtp.example.com', port: 587, auth: { enable: true, username: 'mailer', password: 'Sm7p-Secret' }, from: 'noreply@example.com', starttls: { enable: true }, vendorExtra: [1] };
    const put = await call('PUT', SETTINGS, admin, document);
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.body.includes('Sm7p-Secret'), false);
    const read = await call('GET', SETTINGS, admin);
    assert.equal(read.body.includes('Sm7p-Secret'), false);
    const { auth, ...rest } = read.json<{ auth: { password: unknown } }>();
    assert.deepEqual(rest, { _id: 'external.email', host: 'smtp.example.com', port: 587, from: 'noreply@example.com', starttls: { enable: true }, vendorExtra: [1] });
    assert.deepEqual({ ...auth, password: SEALED }, { enable: true, username: 'mailer', password: SEALED });
    assert.match(JSON.stringify(auth.password), /^\{"\$crypto":\{"type":"x-arbor-sealed","value":\{"cipher":"AES-256-GCM","stableId":"[\w-]{11}","data":"v1\.[\w-]{11}\.[\w-]+"\}\}\}$/);
    assert.deepEqual(put.json(), read.json(), 'PUT answers what GET does');
    // Saving what GET returned (no password) keeps the stored one: proven end to end in test/e2e/email-outbox-smtp.test.ts.
    assert.equal((await call('PUT', SETTINGS, admin, read.json())).statusCode, 200);
    assert.equal((await call('PUT', SETTINGS, { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' }, read.json())).statusCode, 200, 'X-OpenIDM-* credentials work too');
  });

  it('external.email: the database holds the password sealed only; the envelope GET returned keeps it, a new password replaces it, "" clears it, another system\'s $crypto is refused', async () => {
    const stored = async (): Promise<string> => JSON.stringify(await arbor.store.configs.get('external.email'));
    const document = { host: 'smtp.example.com', auth: { enable: true, username: 'mailer', password: 'Sm7p-Secret' } };
    assert.equal((await call('PUT', SETTINGS, admin, document)).statusCode, 200);
    assert.doesNotMatch(await stored(), /Sm7p-Secret/);
    const first = (await call('GET', SETTINGS, admin)).json<{ auth: { password: unknown } }>();
    assert.equal((await call('PUT', SETTINGS, admin, first)).statusCode, 200);
    assert.deepEqual((await call('GET', SETTINGS, admin)).json(), first, 'saving what GET returned changes nothing');
    assert.equal((await call('PUT', SETTINGS, admin, { ...document, auth: { enable: true, username: 'mailer' } })).statusCode, 200);
    assert.deepEqual((await call('GET', SETTINGS, admin)).json(), first, 'an auth block without a password keeps the stored one');
    assert.equal((await call('PUT', SETTINGS, admin, { ...document, auth: { enable: true, username: 'mailer', password: 'N3w-Secret' } })).statusCode, 200);
    const replaced = (await call('GET', SETTINGS, admin)).json<{ auth: { password: unknown } }>();
    assert.notDeepEqual(replaced.auth.password, first.auth.password);
    assert.doesNotMatch(await stored(), /N3w-Secret/);
    const idm = { $crypto: { type: 'x-simple-encryption', value: { cipher: 'AES/CBC/PKCS5Padding', data: 'abc', iv: 'x', keySize: 16, mac: 'y', purpose: 'idm.password.encryption', salt: 'z', stableId: 'openidm-sym-default' } } };
    const foreign = await call('PUT', SETTINGS, admin, { ...document, auth: { enable: true, username: 'mailer', password: idm } });
    assert.deepEqual([foreign.statusCode, fieldOf(foreign)], [400, 'auth.password']);
    const elsewhere = { $crypto: { type: 'x-arbor-sealed', value: { cipher: 'AES-256-GCM', stableId: 'AAAAAAAAAAA', data: 'v1.AAAAAAAAAAA.bm90LW91cnM' } } };
    const otherKey = await call('PUT', SETTINGS, admin, { ...document, auth: { enable: true, username: 'mailer', password: elsewhere } });
    assert.deepEqual([otherKey.statusCode, fieldOf(otherKey)], [400, 'auth.password']);
    assert.equal((await call('PUT', SETTINGS, admin, { ...document, auth: { enable: true, username: 'mailer', password: '' } })).statusCode, 200);
    assert.deepEqual((await call('GET', SETTINGS, admin)).json<{ auth: unknown }>().auth, { enable: true, username: 'mailer' }, '"" clears it');
  });

  it('emailTemplate/<name>: PUT validated (400 naming the field), GET, DELETE, 404 when absent, 400 for a bad name', async () => {
    const welcome = defaultEmailTemplates().welcome;
    const bad = await call('PUT', `${TEMPLATE}/promo`, admin, { ...welcome, message: { ...welcome.message, fr: '{{#if object.x}}never closed' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(fieldOf(bad), 'message.fr');
    assert.equal(fieldOf(await call('PUT', `${TEMPLATE}/promo`, admin, { ...welcome, mimeType: 'text/rtf' })), 'mimeType');
    assert.equal((await call('PUT', `${TEMPLATE}/promo`, admin, [])).statusCode, 400);

    const put = await call('PUT', `${TEMPLATE}/promo`, admin, { ...welcome, enabled: false });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json(), { _id: 'emailTemplate/promo', ...welcome, enabled: false });
    assert.deepEqual((await call('GET', `${TEMPLATE}/promo`, admin)).json(), { _id: 'emailTemplate/promo', ...welcome, enabled: false });
    assert.equal((await call('DELETE', `${TEMPLATE}/promo`, admin)).statusCode, 200);
    const gone = await call('GET', `${TEMPLATE}/promo`, admin);
    assert.deepEqual([gone.statusCode, gone.json<{ message: string }>().message], [404, 'No configuration exists with id emailTemplate/promo']);
    assert.equal((await call('DELETE', `${TEMPLATE}/promo`, admin)).statusCode, 404);
    assert.equal((await call('GET', `${TEMPLATE}/${'x'.repeat(65)}`, admin)).statusCode, 400);
    assert.equal((await call('PUT', `${TEMPLATE}/bad.name`, admin, welcome)).statusCode, 400);
  });

  it('_action=send queues a message and answers as IDM does; bad input is a 400 naming the field', async () => {
    const sent = await call('POST', `${ACTION}?_action=send`, admin, { to: 'ann@example.com', subject: 'Hi', body: '<p>Hello</p>', type: 'text/html' });
    assert.equal(sent.statusCode, 200, sent.body);
    const answer = sent.json<{ status: string; message: string; outboxId: string }>();
    assert.deepEqual([answer.status, answer.message], ['OK', 'Email sent']);
    assert.match(answer.outboxId, /^[0-9a-f-]{36}$/);
    assert.equal(fieldOf(await call('POST', `${ACTION}?_action=send`, admin, { to: 'nobody', subject: 's', body: 'b' })), 'to');
    assert.equal(fieldOf(await call('POST', `${ACTION}?_action=send`, admin, { to: 'a@b.test', body: 'b' })), 'subject');
    assert.equal(fieldOf(await call('POST', `${ACTION}?_action=send`, admin, { to: 'a@b.test', subject: 's', body: 'b', type: 'image/png' })), 'type');
    const unknown = await call('POST', `${ACTION}?_action=explode`, admin, {});
    assert.deepEqual([unknown.statusCode, unknown.json<{ message: string }>().message], [400, 'Unknown _action explode; use send or sendTemplate']);
  });

  it('_action=sendTemplate renders in the Accept-Language locale, 404 for a missing template, 400 for a disabled one', async () => {
    await call('PUT', `${TEMPLATE}/resetPassword`, admin, defaultEmailTemplates().resetPassword);
    const body = { templateName: 'resetPassword', to: 'ann@example.com', object: { resumeURI: 'https://id.example/login?suspendedId=x' } };
    const sent = await call('POST', `${ACTION}?_action=sendTemplate`, { ...admin, 'accept-language': 'nl-BE,nl;q=0.9,en;q=0.5' }, body);
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json<{ locale: string }>().locale, 'nl');
    assert.equal((await call('POST', `${ACTION}?_action=sendTemplate`, admin, { ...body, _locale: 'de' })).json<{ locale: string }>().locale, 'de');
    const missing = await call('POST', `${ACTION}?_action=sendTemplate`, admin, { ...body, templateName: 'nothing' });
    assert.deepEqual([missing.statusCode, missing.json<{ message: string }>().message], [404, 'Email template nothing not found']);
    await call('PUT', `${TEMPLATE}/resetPassword`, admin, { ...defaultEmailTemplates().resetPassword, enabled: false });
    assert.equal((await call('POST', `${ACTION}?_action=sendTemplate`, admin, body)).statusCode, 400);
    assert.equal(fieldOf(await call('POST', `${ACTION}?_action=sendTemplate`, admin, { ...body, object: 'x' })), 'object');
  });
});
