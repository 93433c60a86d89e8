/**
 * The display texts of `selfservice.terms` over HTTP: a `PUT` with a text beyond its limit, on
 * several lines or not a text is a 400 naming `uiConfig.<text>`, and nothing is stored; texts
 * within their limits are stored with the other `uiConfig` members, and `GET
 * /openidm/selfservice/terms` gives them to the login UI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SelfServiceTestApp } from './testing/self-service-test-app.ts';
import { selfServiceTestApp } from './testing/self-service-test-app.ts';

const TERMS = '/openidm/config/selfservice.terms';

describe('PUT /openidm/config/selfservice.terms: the display texts', () => {
  let arbor: SelfServiceTestApp;
  let admin: Record<string, string>;
  const put = (body: unknown) => arbor.app.inject({ method: 'PUT', url: TERMS, headers: { ...admin, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const stored = async (): Promise<Record<string, unknown>> => (await arbor.app.inject({ method: 'GET', url: TERMS, headers: admin })).json<Record<string, unknown>>();

  before(async () => {
    arbor = await selfServiceTestApp();
    admin = { cookie: `iPlanetDirectoryPro=${await arbor.adminToken()}` };
  });
  after(async () => arbor?.close());

  it('refuses a text beyond its limit, on several lines or not a text, naming it; nothing is stored', async () => {
    const before = await stored();
    for (const [uiConfig, field, message] of [
      [{ displayName: 'x'.repeat(121) }, 'uiConfig.displayName', /uiConfig\.displayName must be at most 120 characters/],
      [{ purpose: 'one\ntwo' }, 'uiConfig.purpose', /one line of text/],
      [{ buttonText: ['Accept'] }, 'uiConfig.buttonText', /must be a string/],
    ] as const) {
      const answer = await put({ ...before, uiConfig });
      assert.equal(answer.statusCode, 400, answer.body);
      const body = answer.json<{ message: string; detail?: { field?: string } }>();
      assert.match(body.message, message);
      assert.equal(body.detail?.field, field);
    }
    assert.deepEqual(await stored(), before);
  });

  it('stores texts within their limits with the other uiConfig members, and the login UI reads them', async () => {
    const uiConfig = { displayName: 'New terms', purpose: 'p'.repeat(500), buttonText: 'b'.repeat(40), theme: 'dark' };
    const answer = await put({ ...(await stored()), uiConfig });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.deepEqual((await stored()).uiConfig, uiConfig);
    const terms = await arbor.app.inject({ method: 'GET', url: '/openidm/selfservice/terms' });
    assert.deepEqual(terms.json<{ uiConfig: unknown }>().uiConfig, uiConfig);
  });
});
