/** The admin app's email REST through inject: who may call it, the template preview, the outbox listing, one message, retry. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';
import type { SmtpSink } from '../../selfservice/email/smtp/testing/smtp-sink.ts';
import { startSmtpSink } from '../../selfservice/email/smtp/testing/smtp-sink.ts';
import { acceptActiveTerms } from '../testing/accept-active-terms.ts';

const OUTBOX = '/openidm/endpoint/outbox';
const PREVIEW = '/openidm/config/emailTemplate/welcome?_action=preview';

describe('email admin routes', () => {
  let arbor: TestPlatform;
  let sink: SmtpSink;
  let admin: Record<string, string>;
  let user: Record<string, string>;

  const signIn = async (path: string, username: string, password: string): Promise<string> => {
    const response = await arbor.app.inject({ method: 'POST', url: `${path}?authIndexType=service&authIndexValue=Login`, headers: { 'x-openam-username': username, 'x-openam-password': password } });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ tokenId: string }>().tokenId;
  };
  const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: Record<string, string>, body?: unknown): Promise<LightMyRequestResponse> =>
    arbor.app.inject({ method, url, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
  const send = async (subject: string, body = `<p>Reset: <a href="https://arbor.test/reset?code=${subject}">link</a></p>`): Promise<string> => {
    const response = await call('POST', '/openidm/external/email?_action=send', admin, { to: 'ann@example.com', subject, body, type: 'text/html' });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ outboxId: string }>().outboxId;
  };
  const useSmtp = async (): Promise<void> => {
    const put = await call('PUT', '/openidm/config/external.email', admin, { host: '127.0.0.1', port: sink.port, auth: { enable: true, username: 'mailer', password: 'Sm7p-Secret' }, from: 'accounts@example.com', connectiontimeout: 3000, timeout: 3000 });
    assert.equal(put.statusCode, 200, put.body);
  };

  before(async () => {
    arbor = await inMemoryPlatform();
    sink = await startSmtpSink({ credentials: { user: 'mailer', pass: 'Sm7p-Secret' } });
    admin = { cookie: `iPlanetDirectoryPro=${await signIn('/am/json/realms/root/authenticate', 'amadmin', 'Admin-Passw0rd!')}` };
    await arbor.identity.createUser('alpha_user', { userName: 'erin', password: 'Secret-Passw0rd', givenName: 'Erin', sn: 'Doe', mail: 'erin@example.com' });
    await acceptActiveTerms(arbor, 'alpha_user', 'erin');
    user = { iplanetdirectorypro: await signIn('/am/json/realms/root/realms/alpha/authenticate', 'erin', 'Secret-Passw0rd') };
  });
  after(async () => {
    await arbor?.close();
    await sink?.stop();
  });

  it('answers 401 without credentials and 403 to anyone but an administrator', async () => {
    for (const [method, url] of [['POST', PREVIEW], ['GET', `${OUTBOX}?_queryFilter=true`], ['GET', `${OUTBOX}/x`], ['POST', `${OUTBOX}/x?_action=retry`]] as const) {
      assert.equal((await call(method, url, {}, method === 'POST' ? {} : undefined)).statusCode, 401, `${method} ${url}`);
      assert.equal((await call(method, url, user, method === 'POST' ? {} : undefined)).statusCode, 403, `${method} ${url}`);
    }
  });

  it('previews the stored template as the server renders it: the locale chosen, values escaped in HTML, not in the subject', async () => {
    const stored = { subject: { en: 'Hello {{object.givenName}}', fr: 'Bonjour {{object.givenName}}' }, message: { en: '<p>Hello {{object.givenName}}</p>', fr: '<p>Bonjour {{object.givenName}}</p>' }, defaultLocale: 'en' };
    assert.equal((await call('PUT', '/openidm/config/emailTemplate/greeting', admin, stored)).statusCode, 200);
    const url = '/openidm/config/emailTemplate/greeting?_action=preview';
    const fr = await call('POST', url, admin, { locale: 'fr-BE', object: { givenName: 'Ann <b>' } });
    assert.equal(fr.statusCode, 200, fr.body);
    const answer = fr.json<{ locale: string; subject: string; html: string; text: string; mimeType: string }>();
    assert.equal(answer.locale, 'fr');
    assert.equal(answer.mimeType, 'text/html');
    assert.equal(answer.subject, 'Bonjour Ann <b>', 'a subject is not HTML: nothing escaped');
    assert.equal(answer.html, '<p>Bonjour Ann &lt;b&gt;</p>');
    assert.match(answer.text, /Bonjour Ann <b>/, 'the plain-text alternative reads as the value');
    const fallback = await call('POST', url, admin, { locale: 'xx', object: {} });
    assert.equal(fallback.json<{ locale: string }>().locale, 'en', 'an unknown locale falls back to the default');
    assert.equal((await call('POST', PREVIEW, admin, { locale: 'nl' })).json<{ locale: string }>().locale, 'nl', 'the shipped templates have Dutch');
  });

  it('lists the templates with their state and locales', async () => {
    const listed = await call('GET', '/openidm/config/emailTemplate?_queryFilter=true', admin);
    assert.equal(listed.statusCode, 200, listed.body);
    const welcome = listed.json<{ result: { name: string; enabled: boolean; locales: string[] }[] }>().result.find((entry) => entry.name === 'welcome');
    assert.deepEqual(welcome && { enabled: welcome.enabled, locales: [...welcome.locales].sort() }, { enabled: true, locales: ['de', 'en', 'fr', 'nl'] });
    assert.equal((await call('GET', '/openidm/config/emailTemplate', admin)).statusCode, 400);
    assert.equal((await call('GET', '/openidm/config/emailTemplate?_queryFilter=true', user)).statusCode, 403);
  });

  it('previews an unsaved draft; a draft that does not compile is a 400 naming its field; bad input is a 400', async () => {
    const template = { enabled: true, subject: { en: 'Hi {{object.givenName}}' }, message: { en: '<p>Dear {{object.givenName}}, {{{object.raw}}}</p>' }, defaultLocale: 'en', mimeType: 'text/html' };
    const draft = await call('POST', PREVIEW, admin, { template, object: { givenName: 'Bo', raw: '<i>raw</i>' } });
    assert.equal(draft.statusCode, 200, draft.body);
    assert.equal(draft.json<{ html: string }>().html, '<p>Dear Bo, <i>raw</i></p>');
    assert.equal(draft.json<{ subject: string }>().subject, 'Hi Bo');
    const broken = await call('POST', PREVIEW, admin, { template: { ...template, message: { en: '{{#if object.x}}unclosed' } } });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json<{ detail: { field: string } }>().detail.field, 'message.en');
    assert.equal((await call('POST', PREVIEW, admin, { object: [] })).statusCode, 400);
    assert.equal((await call('POST', PREVIEW, admin, { locale: '<script>' })).statusCode, 400);
    assert.equal((await call('POST', '/openidm/config/emailTemplate/welcome?_action=nope', admin, {})).statusCode, 400);
    assert.equal((await call('POST', '/openidm/config/emailTemplate/nope?_action=preview', admin, {})).statusCode, 404);
    assert.equal((await call('POST', '/openidm/config/emailTemplate/bad%20name?_action=preview', admin, {})).statusCode, 400);
  });

  it('lists the outbox newest first, in pages and by status, never with a body', async () => {
    const first = await send('first');
    const second = await send('second');
    const listed = await call('GET', `${OUTBOX}?_queryFilter=true&_pageSize=1`, admin);
    assert.equal(listed.statusCode, 200, listed.body);
    const page = listed.json<{ result: { _id: string; status: string; subject: string }[]; pagedResultsCookie: string | null }>();
    assert.deepEqual(page.result.map((entry) => entry._id), [second]);
    assert.equal(page.pagedResultsCookie, '1');
    const next = (await call('GET', `${OUTBOX}?_queryFilter=true&_pageSize=1&_pagedResultsOffset=1`, admin)).json<{ result: { _id: string }[] }>();
    assert.deepEqual(next.result.map((entry) => entry._id), [first]);
    const all = await call('GET', `${OUTBOX}?_queryFilter=true`, admin);
    assert.doesNotMatch(all.body, /reset\?code|"body"/, 'no body, no link in a listing');
    assert.match(all.body, /"status":"stored"/);
    const stored = (await call('GET', `${OUTBOX}?_queryFilter=${encodeURIComponent('status eq "stored"')}`, admin)).json<{ result: unknown[] }>();
    assert.equal(stored.result.length, 2);
    const sent = (await call('GET', `${OUTBOX}?_queryFilter=${encodeURIComponent('status eq "sent"')}`, admin)).json<{ result: unknown[] }>();
    assert.equal(sent.result.length, 0);
    for (const query of ['', '_queryFilter=userName%20eq%20%22x%22', '_queryFilter=status%20eq%20%22lost%22', '_queryFilter=true&_pageSize=0', '_queryFilter=true&_pageSize=101', '_queryFilter=true&_pagedResultsOffset=-1']) {
      const refused = await call('GET', `${OUTBOX}?${query}`, admin);
      assert.equal(refused.statusCode, 400, query);
      assert.ok(refused.json<{ message: string }>().message.length > 10);
    }
  });

  it('reads one message with its body while it is kept; 404 for an unknown id', async () => {
    const id = await send('detail');
    const read = await call('GET', `${OUTBOX}/${id}`, admin);
    assert.equal(read.statusCode, 200, read.body);
    const detail = read.json<{ status: string; bodyKept: boolean; body: { text: string; html: string } }>();
    assert.equal(detail.bodyKept, true);
    assert.match(detail.body.html, /reset\?code=detail/);
    assert.match(detail.body.text, /link \(https:\/\/arbor\.test\/reset\?code=detail\)/);
    assert.equal((await call('GET', `${OUTBOX}/00000000-0000-0000-0000-000000000000`, admin)).statusCode, 404);
    assert.equal((await call('GET', `${OUTBOX}/..%2Fetc`, admin)).statusCode, 404);
  });

  it('retries a failing delivery once the SMTP server is back; 409 for messages that have not failed or are sent; never the SMTP password', async () => {
    await useSmtp();
    await sink.stop();
    const id = await send('retry me');
    await arbor.mailer.runOnce();
    const failing = (await call('GET', `${OUTBOX}/${id}`, admin)).json<{ status: string; attempts: number; lastError: string; retryable: boolean; nextAttemptAt: string }>();
    assert.deepEqual([failing.status, failing.attempts, failing.retryable], ['pending', 1, true]);
    assert.ok(failing.lastError.length > 0);
    assert.ok(Date.parse(failing.nextAttemptAt) > Date.now() + 30_000, 'due after its backoff');
    await sink.restart();
    const retried = await call('POST', `${OUTBOX}/${id}?_action=retry`, admin, {});
    assert.equal(retried.statusCode, 200, retried.body);
    assert.ok(Date.parse(retried.json<{ nextAttemptAt: string }>().nextAttemptAt) <= Date.now());
    await arbor.mailer.runOnce();
    const delivered = (await call('GET', `${OUTBOX}/${id}`, admin)).json<{ status: string; bodyKept: boolean; sentAt: string }>();
    assert.deepEqual([delivered.status, delivered.bodyKept], ['sent', false]);
    assert.ok(sink.messages.some((message) => message.subject === 'retry me'));
    const again = await call('POST', `${OUTBOX}/${id}?_action=retry`, admin, {});
    assert.equal(again.statusCode, 409);
    assert.match(again.json<{ message: string }>().message, /already delivered/);
    assert.equal((await call('POST', `${OUTBOX}/00000000-0000-0000-0000-000000000000?_action=retry`, admin, {})).statusCode, 404);
    assert.equal((await call('POST', `${OUTBOX}/${id}?_action=resend`, admin, {})).statusCode, 400);
    const everything = await call('GET', `${OUTBOX}?_queryFilter=true&_pageSize=100`, admin);
    assert.doesNotMatch(everything.body, /Sm7p-Secret|\$crypto/);
  });
});
