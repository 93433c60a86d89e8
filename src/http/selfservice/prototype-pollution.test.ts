/**
 * Prototype pollution through the other JSON entry points: the AM authenticate bodies (a journey's
 * start, its callbacks), the self-service configuration documents (KBA, terms, consent, email
 * settings and templates, the Self Service Trees service) and the `managed` config. A
 * `__proto__`, `constructor` or `prototype` key anywhere, or a KBA property named so, is a 400
 * naming it; `Object.prototype` is untouched and journeys and configs keep working.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestPlatform } from '../../platform/testing/in-memory-platform.ts';
import { inMemoryPlatform } from '../../platform/testing/in-memory-platform.ts';

const ADMIN = { 'x-openidm-username': 'amadmin', 'x-openidm-password': 'Admin-Passw0rd!' };
const LOGIN = '/am/json/realms/root/realms/alpha/authenticate?authIndexType=service&authIndexValue=Login';

describe('Prototype pollution through AM bodies and configuration documents', () => {
  let arbor: TestPlatform;
  before(async () => {
    arbor = await inMemoryPlatform({ ARBOR_ADMIN_PASSWORD: 'Admin-Passw0rd!' });
  });
  after(async () => arbor?.close());
  afterEach(() => {
    const prototype: Record<string, unknown> = Object.prototype as Record<string, unknown>;
    for (const name of ['polluted', 'successUrl', 'kbaPropertyName']) delete prototype[name];
  });

  const send = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: string, headers: Record<string, string> = ADMIN) =>
    arbor.app.inject({ method, url, headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' }, ...(payload === undefined ? {} : { payload }) });

  function assertRefused(response: { statusCode: number; body: string }, pattern: RegExp, what: string): void {
    assert.equal(response.statusCode, 400, `${what}: ${response.body}`);
    assert.match((JSON.parse(response.body) as { message: string }).message, pattern, what);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, what);
  }

  /** Journeys start and configs read as before. */
  async function assertHealthy(): Promise<void> {
    const started = await send('POST', LOGIN, undefined, {});
    assert.equal(started.statusCode, 200, started.body);
    assert.equal(started.json<{ callbacks: { type: string }[] }>().callbacks[0]?.type, 'NameCallback');
    for (const url of ['/openidm/config/selfservice.kba', '/openidm/config/managed', '/openidm/selfservice/kba']) {
      const read = await send('GET', url);
      assert.equal(read.statusCode, 200, `${url}: ${read.body}`);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  }

  it('refuses authenticate bodies with a __proto__ or constructor key, at the start and in callbacks', async () => {
    assertRefused(await send('POST', LOGIN, '{"__proto__":{"successUrl":"https://evil.example/"}}', {}), /__proto__/, 'start');
    const first = (await send('POST', LOGIN, undefined, {})).json<{ authId: string; callbacks: { input: { name: string; value: unknown }[] }[] }>();
    const body = JSON.stringify({ ...first, callbacks: first.callbacks.map((callback) => ({ ...callback, input: callback.input.map((input) => ({ ...input, value: 'x' })) })) });
    const poisoned = body.replace('"value":"x"', '"value":{"__proto__":{"polluted":"yes"}}');
    assertRefused(await send('POST', LOGIN, poisoned, {}), /__proto__/, 'callback value');
    assertRefused(await send('POST', LOGIN, body.replace('{"authId"', '{"constructor":{"prototype":{"polluted":"yes"}},"authId"'), {}), /constructor/, 'continue');
    await assertHealthy();
  });

  it('refuses self-service configuration documents naming __proto__, constructor or prototype', async () => {
    const kba = (await send('GET', '/openidm/config/selfservice.kba')).json<Record<string, unknown>>();
    const documents: [string, string][] = [
      ['/openidm/config/selfservice.kba', JSON.stringify(kba).replace('"questions":{', '"questions":{"__proto__":{"en":"Polluted?"},')],
      ['/openidm/config/selfservice.kba', JSON.stringify({ ...kba, kbaPropertyName: '__proto__' })],
      ['/openidm/config/selfservice.kba', JSON.stringify({ ...kba, kbaPropertyName: 'constructor' })],
      ['/openidm/config/selfservice.terms', '{"versions":[],"active":"","uiConfig":{"__proto__":{"polluted":"yes"}}}'],
      ['/openidm/config/consent', '{"enabled":true,"constructor":{"prototype":{"polluted":"yes"}}}'],
      ['/openidm/config/external.email', '{"host":"smtp.example.com","__proto__":{"polluted":"yes"}}'],
      ['/openidm/config/emailTemplate/welcome', '{"enabled":true,"subject":{"en":"Hi","__proto__":"x"},"message":{"en":"Hi"}}'],
      ['/am/json/realms/root/realms/alpha/realm-config/services/selfServiceTrees', '{"treeMapping":{"__proto__":"Login"}}'],
    ];
    for (const [url, payload] of documents) assertRefused(await send('PUT', url, payload), /__proto__|constructor|prototype/, `${url} ${payload.slice(0, 60)}`);
    const kbaAfter = (await send('GET', '/openidm/config/selfservice.kba')).json<Record<string, unknown>>();
    assert.deepEqual(kbaAfter, kba, 'the KBA document did not change');
    await assertHealthy();
  });

  it('refuses a managed config whose properties or required list name an inherited or prototype name', async () => {
    const managed = (await send('GET', '/openidm/config/managed')).json<{ objects: { name: string; schema: { required: string[] } }[] }>();
    const alpha = managed.objects.find((object) => object.name === 'alpha_user');
    assert.ok(alpha !== undefined);
    for (const name of ['toString', 'constructor', 'hasOwnProperty']) {
      const required = structuredClone(managed);
      required.objects.find((object) => object.name === 'alpha_user')?.schema.required.push(name);
      const response = await send('PUT', '/openidm/config/managed', JSON.stringify(required));
      assert.equal(response.statusCode, 400, `${name}: ${response.body}`);
      assert.match(response.json<{ message: string }>().message, new RegExp(`"${name}" is not a property of the schema`));
    }
    const keyed = JSON.stringify(managed).replace('"properties":{', '"properties":{"__proto__":{"type":"string"},');
    assertRefused(await send('PUT', '/openidm/config/managed', keyed), /__proto__/, 'a property named __proto__');
    await assertHealthy();
  });
});
