import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relyingPartyFor } from './relying-party.ts';

describe('relyingPartyFor', () => {
  it("defaults to the public URL's host and origin", () => {
    assert.deepEqual(relyingPartyFor('https://login.example.com:8443/base'), { id: 'login.example.com', origins: ['https://login.example.com:8443'] });
  });

  it("takes the node's relyingPartyDomain and origins (AM's overrides), dropping what is no origin", () => {
    assert.deepEqual(relyingPartyFor('https://login.example.com', { relyingPartyDomain: ' Example.com ', origins: ['https://app.example.com/', 'https://login.example.com', 'javascript:alert(1)', 'nope'] }), {
      id: 'example.com',
      origins: ['https://app.example.com', 'https://login.example.com'],
    });
    assert.deepEqual(relyingPartyFor('http://localhost:8080', { relyingPartyDomain: '', origins: [] }), { id: 'localhost', origins: ['http://localhost:8080'] });
  });
});
