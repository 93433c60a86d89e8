import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROVIDER_FETCH_BODY_LIMITS, providerFetch } from './provider-fetch.ts';

describe('providerFetch', () => {
  it('drops oidc-provider’s own dispatcher and keeps its timeout and headers', async () => {
    let seen: RequestInit | undefined;
    const base = async (_input: string | URL | Request, init?: RequestInit) => {
      seen = init;
      return new Response('{}');
    };
    const signal = AbortSignal.timeout(2500);
    const headers = new Headers({ 'user-agent': '' });
    await providerFetch(base)('https://app.example/jwks', { method: 'GET', signal, headers, dispatcher: { refuses: 'private' } } as RequestInit);
    assert.ok(seen !== undefined);
    assert.equal(Object.hasOwn(seen, 'dispatcher'), false);
    assert.equal(seen.signal, signal);
    assert.equal(seen.headers, headers);
    assert.equal(seen.method, 'GET');
  });

  it('limits every answer the provider reads', () => {
    for (const limit of Object.values(PROVIDER_FETCH_BODY_LIMITS)) assert.ok(Number.isSafeInteger(limit) && limit > 0);
  });
});
