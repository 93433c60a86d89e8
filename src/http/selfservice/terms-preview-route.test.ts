/**
 * The terms preview over HTTP: administrators get the sanitized HTML users will read (scripts and
 * javascript: links gone, heading ids as ForgeRock makes them); anyone else is refused (401/403);
 * a body without Markdown, a wrong action or too long a text is a 400 that says what is wrong.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SelfServiceTestApp } from './testing/self-service-test-app.ts';
import { selfServiceTestApp } from './testing/self-service-test-app.ts';
import { MAX_PREVIEW_LENGTH } from './terms-preview-route.ts';

const PREVIEW = '/openidm/selfservice/terms?_action=preview';

describe('POST /openidm/selfservice/terms?_action=preview', () => {
  let arbor: SelfServiceTestApp;
  let adminCookie: Record<string, string>;
  let userCookie: Record<string, string>;
  const post = (url: string, headers: Record<string, string>, payload: string) => arbor.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload });

  before(async () => {
    arbor = await selfServiceTestApp();
    adminCookie = { cookie: `iPlanetDirectoryPro=${await arbor.adminToken()}` };
    userCookie = { cookie: `iPlanetDirectoryPro=${await arbor.userToken()}` };
  });
  after(async () => arbor?.close());

  it('renders Markdown to the sanitized HTML users read, for an administrator', async () => {
    const answer = await post(PREVIEW, adminCookie, JSON.stringify({ terms: '# Our Terms\n\nSee [us](javascript:alert(1)) <script>alert(2)</script>**now**' }));
    assert.equal(answer.statusCode, 200);
    const { termsHtml } = answer.json<{ termsHtml: string }>();
    assert.match(termsHtml, /<h1 id="ourterms">Our Terms<\/h1>/);
    assert.match(termsHtml, /<strong>now<\/strong>/);
    assert.doesNotMatch(termsHtml, /script|javascript|alert/);
  });

  it('refuses anyone but an administrator: 401 without a session, 403 for an end user', async () => {
    const body = JSON.stringify({ terms: 'x' });
    assert.equal((await post(PREVIEW, {}, body)).statusCode, 401);
    assert.equal((await post(PREVIEW, { cookie: 'iPlanetDirectoryPro=forged' }, body)).statusCode, 401);
    assert.equal((await post(PREVIEW, userCookie, body)).statusCode, 403);
  });

  it('answers a 400 with a clear message for a bad body, a wrong action or too long a text', async () => {
    const cases: [string, string, RegExp][] = [
      [PREVIEW, '{}', /\{"terms": "<Markdown>"\}/],
      [PREVIEW, '[1]', /\{"terms": "<Markdown>"\}/],
      [PREVIEW, '{"terms": 42}', /must be a string/],
      [PREVIEW, JSON.stringify({ terms: 'a'.repeat(MAX_PREVIEW_LENGTH + 1) }), /at most 200000 characters/],
      ['/openidm/selfservice/terms?_action=publish', '{"terms": "x"}', /_action=preview/],
      ['/openidm/selfservice/terms', '{"terms": "x"}', /_action=preview/],
      [PREVIEW, '{"terms": ', /./],
    ];
    for (const [url, payload, message] of cases) {
      const answer = await post(url, adminCookie, payload);
      assert.equal(answer.statusCode, 400, payload.slice(0, 40));
      assert.match(answer.json<{ message: string }>().message, message, payload.slice(0, 40));
    }
  });
});
