/** The OAuth client form's own checks: what a save would be refused for, found beside its field before anything is sent, and agreeing with the server. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oauth2ClientJson } from '../oauth2/oauth2-client-json.ts';
import { readOAuth2Client } from '../oauth2/read-oauth2-client.ts';
import { formProblems } from './clients-form-checks.ts';
import { clientBody, emptyClientForm, formOfClient } from './clients-model.ts';
import type { ClientForm } from './clients-model.ts';

const base = (change: Partial<ClientForm>): ClientForm => ({ ...emptyClientForm(), clientId: 'app', redirectionUris: 'https://app.example/cb', ...change });

/** The fields the server refuses for `form`, by the form's field names. */
function serverFields(form: ClientForm): string[] {
  return readOAuth2Client(form.clientId, clientBody(form, undefined, 'a-long-generated-secret'))
    .errors.map((error) => error.field.split('.').pop() ?? '')
    .sort();
}

describe('the client form’s checks', () => {
  it('finds the mistakes a save would be refused for, beside their fields', () => {
    const form = { ...emptyClientForm(), clientId: 'bad id', grantTypes: ['authorization_code', 'client_credentials'], clientType: 'Public' as const, defaultScopes: 'openid admin', accessTokenLifetime: '-5' };
    const problems = formProblems(form, []);
    assert.deepEqual([...problems.keys()].sort(), ['accessTokenLifetime', 'clientId', 'defaultScopes', 'grantTypes', 'redirectionUris']);
    assert.match(problems.get('defaultScopes')?.[0] ?? '', /admin/);
    assert.match(formProblems(base({ clientId: 'arbor-account' }), []).get('clientId')?.[0] ?? '', /built-in/);
    assert.match(formProblems(base({ clientId: 'web' }), ['web']).get('clientId')?.[0] ?? '', /already/);
    assert.equal(formProblems({ ...emptyClientForm(), clientId: 'svc', grantTypes: ['client_credentials'] }, ['web']).size, 0);
    const stored = readOAuth2Client('web', { coreOAuth2ClientConfig: { redirectionUris: ['https://web.example/cb'] } });
    assert.equal(formProblems(formOfClient(oauth2ClientJson(stored.client))).size, 0, 'an edit does not check the id');
  });

  it('takes the scopes the provider grants, and refuses the others as the server does', () => {
    const custom = Array.from({ length: 65 }, (_, index) => `api:${index}`);
    const fine = base({ scopes: `openid profile read:orders api.example.com/orders.read fr:idm:* ${custom.slice(0, 62).join(' ')}` });
    assert.equal(formProblems(fine).size, 0);
    assert.deepEqual(serverFields(fine), []);
    for (const scopes of ['openid read*orders', 'openid café', `openid ${'a'.repeat(129)}`, `openid ${custom.join(' ')}`]) {
      const form = base({ scopes });
      assert.equal(formProblems(form).has('scopes'), true, scopes.slice(0, 40));
      assert.deepEqual(serverFields(form), ['scopes'], `the server refuses ${scopes.slice(0, 40)} too`);
    }
    assert.match(formProblems(base({ scopes: 'openid read*orders' })).get('scopes')?.[0] ?? '', /“read\*orders” is not a scope Arbor can grant: a custom scope has letters, digits and _ \. : \/ - only\./);
    assert.match(formProblems(base({ scopes: `${'a'.repeat(129)}` })).get('scopes')?.[0] ?? '', /…” is longer than 128 characters/, 'a long scope is shortened in the message');
    assert.match(formProblems(base({ scopes: custom.join(' ') })).get('scopes')?.[0] ?? '', /at most 64 custom scopes .* \(it has 65\)/);
  });

  it('needs the keys of a private_key_jwt client, from a URL or pasted as a key set', () => {
    const signer = (change: Partial<ClientForm>): ClientForm => base({ tokenEndpointAuthMethod: 'private_key_jwt', ...change });
    assert.match(formProblems(signer({})).get('jwksUri')?.[0] ?? '', /URL of the client’s public keys/);
    assert.match(formProblems(signer({ jwksUri: 'keys.example/jwks' })).get('jwksUri')?.[0] ?? '', /absolute http\(s\) URL/);
    assert.equal(formProblems(signer({ jwksUri: 'https://app.example/jwks' })).size, 0);
    assert.match(formProblems(signer({ publicKeyLocation: 'jwks' })).get('jwkSet')?.[0] ?? '', /paste its JSON Web Key Set/);
    assert.match(formProblems(signer({ publicKeyLocation: 'jwks', jwkSet: '{"keys": [' })).get('jwkSet')?.[0] ?? '', /Not JSON/);
    assert.match(formProblems(signer({ publicKeyLocation: 'jwks', jwkSet: '[]' })).get('jwkSet')?.[0] ?? '', /"keys" list/);
    assert.match(formProblems(signer({ publicKeyLocation: 'x509' })).get('publicKeyLocation')?.[0] ?? '', /from a URL or a key set/);
    assert.deepEqual(serverFields(signer({ publicKeyLocation: 'x509' })), ['publicKeyLocation'], 'as the server says');
    assert.equal(formProblems(base({ publicKeyLocation: 'x509' })).size, 0, 'only a private_key_jwt client needs its keys');
  });

  it('refuses HS* ID tokens for a public client, and lifetimes beyond what the server takes', () => {
    const spa = base({ clientType: 'Public', idTokenSignedResponseAlg: 'HS256' });
    assert.match(formProblems(spa).get('idTokenSignedResponseAlg')?.[0] ?? '', /a public client has none/);
    assert.deepEqual(serverFields(spa), ['idTokenSignedResponseAlg']);
    assert.equal(formProblems(base({ idTokenSignedResponseAlg: 'HS256' })).size, 0, 'a confidential client signs with its secret');
    const long = base({ authorizationCodeLifetime: '3601', defaultMaxAge: '31536001', defaultMaxAgeEnabled: true });
    assert.deepEqual([...formProblems(long).keys()].sort(), ['authorizationCodeLifetime', 'defaultMaxAge']);
    assert.deepEqual(serverFields(long), ['authorizationCodeLifetime', 'defaultMaxAge']);
    assert.equal(formProblems(base({ authorizationCodeLifetime: '3600', defaultMaxAge: '31536000' })).size, 0);
    assert.match(formProblems(base({ name: 'n'.repeat(257) })).get('name')?.[0] ?? '', /256/);
  });
});
